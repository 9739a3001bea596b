import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LedgerMetrics } from '../../application/operations/ledger-metrics';
import { CLOCK, type Clock } from '../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port';
import { observeProjectionLag } from '../../application/projections/projection-lag';
import { ProjectionRunner } from '../../application/projections/projection-runner';
import { SubscriberChannels } from '../../application/subscriptions/subscriber-channels';
import type { AppConfig } from '../config/config';
import { loggingModule } from './logging';
import { MetricsServer } from './metrics-server';
import { PromMetrics } from './prom-metrics';
import { RequestObserver } from './request-observer';
import { TracingInterceptor } from './tracing.interceptor';
import { tracerRegistered } from './tracing';

const PROJECTION_LAG = Symbol('ProjectionLagGauge');
const SUBSCRIBER_LAG = Symbol('SubscriberLagGauge');

/** What an operator watches: metrics (on the main port and, if set, a port of their own) and structured logs. */
@Module({})
export class OperationsModule {
  static forRoot(config: AppConfig, metrics: PromMetrics): DynamicModule {
    return {
      module: OperationsModule,
      imports: [loggingModule(config)],
      providers: [
        { provide: PromMetrics, useValue: metrics },
        MetricsServer,
        RequestObserver,
        // Registered before the app is built (main starts tracing first) or no request is traced.
        ...(tracerRegistered() ? [{ provide: APP_INTERCEPTOR, useClass: TracingInterceptor }] : []),
        {
          provide: PROJECTION_LAG,
          useFactory: (ledgerMetrics: LedgerMetrics, runner: ProjectionRunner, store: EventStore, clock: Clock) =>
            observeProjectionLag(ledgerMetrics, runner, store, clock),
          inject: [LedgerMetrics, ProjectionRunner, EVENT_STORE, CLOCK],
        },
        {
          provide: SUBSCRIBER_LAG,
          useFactory: (ledgerMetrics: LedgerMetrics, channels: SubscriberChannels) => ledgerMetrics.subscribers({ lags: () => channels.lags(), liveClients: () => channels.liveClients() }),
          inject: [LedgerMetrics, SubscriberChannels],
        },
      ],
      // The metrics controller is one of the core controllers, served by the ledger module.
      exports: [RequestObserver, MetricsServer, PromMetrics],
    };
  }
}
