"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.keyedRoutes = exports.idempotentRoutes = exports.declaredRoutes = exports.allControllers = exports.CORE_CONTROLLERS = void 0;
const common_1 = require("@nestjs/common");
const constants_1 = require("@nestjs/common/constants");
const route_paramtypes_enum_1 = require("@nestjs/common/enums/route-paramtypes.enum");
const features_1 = require("../features");
const api_keys_controller_1 = require("./access/api-keys.controller");
const roles_1 = require("./auth/roles");
const health_controller_1 = require("./health/health.controller");
const idempotency_1 = require("./idempotency/idempotency");
const metrics_controller_1 = require("./operations/metrics.controller");
const projections_controller_1 = require("./projections/projections.controller");
const join = (...parts) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
const controllersOf = (module) => 'module' in module
    ? [...(module.controllers ?? []), ...controllersOf(module.module)]
    : (Reflect.getMetadata(constants_1.MODULE_METADATA.CONTROLLERS, module) ?? []);
/** The controllers of no feature: health, keys, read models, metrics. */
exports.CORE_CONTROLLERS = [health_controller_1.HealthController, api_keys_controller_1.ApiKeysController, projections_controller_1.ProjectionsController, metrics_controller_1.MetricsController];
/** Every controller the service serves: the core ones and those of every feature. */
const allControllers = () => [...exports.CORE_CONTROLLERS, ...features_1.FEATURES.flatMap((f) => controllersOf(f.module))];
exports.allControllers = allControllers;
const queryDtoOf = (controller, handler) => {
    const args = (Reflect.getMetadata(constants_1.ROUTE_ARGS_METADATA, controller, handler) ?? {});
    const entry = Object.entries(args).find(([key, arg]) => key.startsWith(`${route_paramtypes_enum_1.RouteParamtypes.QUERY}:`) && arg.data === undefined);
    if (!entry)
        return undefined;
    const types = Reflect.getMetadata('design:paramtypes', controller.prototype, handler);
    return types?.[entry[1].index];
};
/** Every route of the given controllers (all of them by default). */
const declaredRoutes = (controllers = (0, exports.allControllers)()) => controllers.flatMap((controller) => {
    const base = Reflect.getMetadata(constants_1.PATH_METADATA, controller) ?? '';
    const prototype = controller.prototype;
    return Object.getOwnPropertyNames(prototype)
        .filter((name) => name !== 'constructor' && Reflect.hasMetadata(constants_1.METHOD_METADATA, prototype[name]))
        .map((name) => {
        const handler = prototype[name];
        const query = queryDtoOf(controller, name);
        return {
            method: common_1.RequestMethod[Reflect.getMetadata(constants_1.METHOD_METADATA, handler)],
            path: join(base, Reflect.getMetadata(constants_1.PATH_METADATA, handler)),
            public: Reflect.getMetadata(roles_1.PUBLIC_ROUTE, handler) === true || Reflect.getMetadata(roles_1.PUBLIC_ROUTE, controller) === true,
            notIdempotent: Reflect.getMetadata(idempotency_1.NOT_IDEMPOTENT, handler) === true,
            ...(query ? { query } : {}),
        };
    });
});
exports.declaredRoutes = declaredRoutes;
/** "POST /path/:param" of every command: each POST that needs a key, unless marked @NotIdempotent. */
const idempotentRoutes = () => new Set((0, exports.declaredRoutes)().filter((route) => route.method === 'POST' && !route.public && !route.notIdempotent).map(({ path }) => `POST ${path}`));
exports.idempotentRoutes = idempotentRoutes;
/** "METHOD /path/:param" of every route that needs an API key. */
const keyedRoutes = () => new Set((0, exports.declaredRoutes)().filter((route) => !route.public).map(({ method, path }) => `${method} ${path}`));
exports.keyedRoutes = keyedRoutes;
//# sourceMappingURL=routes.js.map