import type { AgreementFacts, PartnerStanding } from '../shared/cooperation';
import type { Command } from '../shared/decider';
import type { ServiceKind } from './service.events';

/**
 * The provider is the actor's library (`metadata.actor.library`), never a
 * field of the data. `agreement` and `standings` are gathered by the
 * application from the agreement's and the partners' streams.
 */
export type RenderService = Command<'RenderService', {
  serviceId: string;
  agreementId: string;
  agreement: AgreementFacts | null;
  recipient: string;
  kind: ServiceKind;
  /** Positive, whole or with up to two decimals. */
  units: number;
  /** Defaults by kind: records, visits, hours, enquiries. */
  unit?: string;
  /** YYYY-MM-DD, not after today and a day the agreement was in force; defaults to today. */
  renderedOn?: string;
  note?: string;
  /** Standing of provider and recipient, keyed by upper-case ISIL. */
  standings: Readonly<Record<string, PartnerStanding | undefined>>;
}>;
/** The provider or a coordinator. */
export type VoidService = Command<'VoidService', { serviceId: string; reason: string }>;

export type ServiceCommand = RenderService | VoidService;
