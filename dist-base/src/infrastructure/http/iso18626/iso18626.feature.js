"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.iso18626Feature = exports.Iso18626Module = void 0;
const common_1 = require("@nestjs/common");
const iso18626_exchanges_1 = require("../../../application/iso18626/iso18626-exchanges");
const iso18626_inbound_service_1 = require("../../../application/iso18626/iso18626-inbound.service");
const iso18626_endpoints_service_1 = require("../../../application/iso18626/iso18626-endpoints.service");
const clock_port_1 = require("../../../application/ports/clock.port");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const delivery_dispatcher_1 = require("../../../application/subscriptions/delivery/delivery-dispatcher");
const delivery_target_1 = require("../../../application/subscriptions/delivery/delivery-target");
const destination_policy_1 = require("../../subscriptions/destination-policy");
const subscriptions_feature_1 = require("../subscriptions/subscriptions.feature");
const iso18626_endpoints_controller_1 = require("./iso18626-endpoints.controller");
const iso18626_controller_1 = require("./iso18626.controller");
const iso18626_filter_1 = require("./iso18626.filter");
let Iso18626Module = class Iso18626Module {
};
exports.Iso18626Module = Iso18626Module;
exports.Iso18626Module = Iso18626Module = __decorate([
    (0, common_1.Module)({
        imports: [subscriptions_feature_1.SubscriptionsModule],
        controllers: [iso18626_controller_1.Iso18626Controller, iso18626_endpoints_controller_1.Iso18626EndpointsController],
        providers: [
            iso18626_inbound_service_1.Iso18626InboundService,
            iso18626_exchanges_1.Iso18626Exchanges,
            iso18626_filter_1.Iso18626ErrorFilter,
            {
                provide: iso18626_endpoints_service_1.Iso18626Endpoints,
                useFactory: (targets, dispatcher, destinations, store, clock) => new iso18626_endpoints_service_1.Iso18626Endpoints(targets, dispatcher, destinations, store, clock),
                inject: [delivery_target_1.DELIVERY_TARGET_STORE, delivery_dispatcher_1.DeliveryDispatcher, destination_policy_1.HttpDestinations, event_store_port_1.EVENT_STORE, clock_port_1.CLOCK],
            },
        ],
    })
], Iso18626Module);
/** ISO 18626 on the wire: partners' ILL systems drive their loans with the standard's messages. */
exports.iso18626Feature = { module: Iso18626Module, projections: [] };
//# sourceMappingURL=iso18626.feature.js.map