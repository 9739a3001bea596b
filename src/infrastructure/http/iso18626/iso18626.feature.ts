import { Module } from '@nestjs/common';
import { Iso18626Exchanges } from '../../../application/iso18626/iso18626-exchanges';
import { Iso18626InboundService } from '../../../application/iso18626/iso18626-inbound.service';
import { Iso18626Endpoints } from '../../../application/iso18626/iso18626-endpoints.service';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { DeliveryDispatcher } from '../../../application/subscriptions/delivery/delivery-dispatcher';
import { DELIVERY_TARGET_STORE, type DeliveryTargetStore } from '../../../application/subscriptions/delivery/delivery-target';
import type { Feature } from '../../feature';
import { HttpDestinations } from '../../subscriptions/destination-policy';
import { SubscriptionsModule } from '../subscriptions/subscriptions.feature';
import { Iso18626EndpointsController } from './iso18626-endpoints.controller';
import { Iso18626Controller } from './iso18626.controller';
import { Iso18626ErrorFilter } from './iso18626.filter';

@Module({
  imports: [SubscriptionsModule],
  controllers: [Iso18626Controller, Iso18626EndpointsController],
  providers: [
    Iso18626InboundService,
    Iso18626Exchanges,
    Iso18626ErrorFilter,
    {
      provide: Iso18626Endpoints,
      useFactory: (targets: DeliveryTargetStore, dispatcher: DeliveryDispatcher, destinations: HttpDestinations, store: EventStore, clock: Clock) =>
        new Iso18626Endpoints(targets, dispatcher, destinations, store, clock),
      inject: [DELIVERY_TARGET_STORE, DeliveryDispatcher, HttpDestinations, EVENT_STORE, CLOCK],
    },
  ],
})
export class Iso18626Module {}

/** ISO 18626 on the wire: partners' ILL systems drive their loans with the standard's messages. */
export const iso18626Feature: Feature = { module: Iso18626Module, projections: [] };
