import { Inject, Injectable } from '@nestjs/common';
import { agreementDecider, agreementFacts, goalRatioAt, type Agreement, type AgreementEvent } from '../../domain/agreements';
import { partnerDecider, partnerStanding, type Partner, type PartnerEvent } from '../../domain/partners';
import { isInForce, type AgreementFacts, type CooperationForm, type PartnerStanding } from '../../domain/shared/cooperation';
import { dayOf } from '../../domain/shared/dates';
import { AGREEMENTS_PROJECTION } from '../agreements/agreements.projection';
import { FoldedStreams } from '../commands/folded-streams';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port';
import { READ_STORE, type ReadStore } from '../ports/read-store.port';
import { streams } from './streams';

/** The union catalogue's row for one title: who holds it. */
export type CatalogEntry = Readonly<{
  isbn: string;
  title: string;
  holders: ReadonlyArray<{ isil: string; acquiredOn?: string; registeredAt: string }>;
}>;
export const CATALOG_PROJECTION = 'catalog';

/**
 * Who reads the facts: a command decides on every committed event of an
 * agreement's or a partner's stream; a query shows only its durable events.
 */
export type FactsFor = 'command' | 'query';

/**
 * What a decider needs to know beyond its own stream, read here and passed in
 * with the command: the agreement an act names and the standing of the
 * partners involved come from their own streams (always current); who holds a
 * title comes from the union catalogue (a read model, current to within a
 * moment). Queries read agreements and standings here too, as of what is durable.
 */
@Injectable()
export class CooperationFacts {
  /** Agreements and partners are read by nearly every command: only their new events are read and folded. */
  private readonly folded: Record<FactsFor, { agreements: FoldedStreams<Agreement, AgreementEvent>; partners: FoldedStreams<Partner, PartnerEvent> }>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {
    const folds = (durable: boolean) => ({
      agreements: new FoldedStreams(store, agreementDecider, { durable }),
      partners: new FoldedStreams(store, partnerDecider, { durable }),
    });
    this.folded = { command: folds(false), query: folds(true) };
  }

  async agreement(agreementId: string, reader: FactsFor = 'command'): Promise<AgreementFacts | null> {
    return agreementFacts((await this.folded[reader].agreements.read(streams.agreement(agreementId))).state);
  }

  /** The goal ratio of a period that ends at `end` (exclusive), as of what is durable; null when there is no such agreement. */
  async goalRatioAt(agreementId: string, end: string): Promise<number | null> {
    const { state } = await this.folded.query.agreements.read(streams.agreement(agreementId));
    return state.status === 'none' ? null : goalRatioAt(state, end);
  }

  /**
   * The agreements in force on `now` that cover `form` between all of
   * `isils`: candidates from the agreements read model, each then checked
   * against its own stream (always current).
   */
  async agreementsCovering(form: CooperationForm, isils: readonly string[], now: Date): Promise<AgreementFacts[]> {
    const candidates: string[] = [];
    let after: string | undefined;
    do {
      const page = await this.reads.list<AgreementFacts>(AGREEMENTS_PROJECTION, { where: { status: 'active' }, limit: 500, ...(after ? { after } : {}) });
      for (const view of page.items) {
        if (view.forms.includes(form) && isils.every((isil) => view.members.includes(isil))) candidates.push(view.agreementId);
      }
      after = page.next ?? undefined;
    } while (after !== undefined);
    const facts = await Promise.all(candidates.map((id) => this.agreement(id)));
    return facts.filter((agreement): agreement is AgreementFacts =>
      agreement !== null && agreement.forms.includes(form) && isils.every((isil) => agreement.members.includes(isil)) && isInForce(agreement, dayOf(now)));
  }

  /** Standing of each library, keyed by ISIL; undefined when never registered. */
  async standings(isils: readonly string[], reader: FactsFor = 'command'): Promise<Record<string, PartnerStanding | undefined>> {
    const entries = await Promise.all(
      [...new Set(isils)].map(async (isil) => {
        return [isil, partnerStanding((await this.folded[reader].partners.read(streams.partner(isil))).state)] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  /** Partners whose registered holdings include the title. */
  async holders(isbn13: string): Promise<string[]> {
    const entry = await this.reads.get<CatalogEntry>(CATALOG_PROJECTION, isbn13);
    return entry ? entry.holders.map((holder) => holder.isil) : [];
  }
}
