import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../ports/clock.port';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port';
import { IDS, type IdSource } from '../ports/ids.port';
import { LedgerMetrics } from '../operations/ledger-metrics';
import type { CommandDeps } from './handle-command';

/** What every command handler needs, injected once. */
@Injectable()
export class CommandDepsProvider implements CommandDeps {
  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(CLOCK) readonly clock: Clock,
    @Inject(IDS) readonly ids: IdSource,
    readonly metrics: LedgerMetrics,
  ) {}
}
