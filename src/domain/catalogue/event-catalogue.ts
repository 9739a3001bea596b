import { agreementEventSchemas } from '../agreements/agreement.schemas';
import { auditEventSchemas } from '../audit/seal.schemas';
import { claimEventSchemas } from '../claims/claim.schemas';
import { exchangeEventSchemas } from '../exchanges/exchange.schemas';
import { holdingsEventSchemas } from '../holdings/holdings.schemas';
import { iso18626EventSchemas } from '../iso18626/iso18626.schemas';
import { loanEventSchemas } from '../loans/loan.schemas';
import { partnerEventSchemas } from '../partners/partner.schemas';
import { rotationEventSchemas } from '../rotations/rotation.schemas';
import { serviceEventSchemas } from '../services/service.schemas';
import { isil, type EventDescription, type JsonSchema } from '../shared/event-schema';

/** The stream categories (the part of a stream id before its first hyphen) and the events each one holds. */
export const EVENT_CATEGORIES = {
  partner: partnerEventSchemas,
  agreement: agreementEventSchemas,
  loan: loanEventSchemas,
  exchange: exchangeEventSchemas,
  rotation: rotationEventSchemas,
  claim: claimEventSchemas,
  service: serviceEventSchemas,
  holdings: holdingsEventSchemas,
  iso18626: iso18626EventSchemas,
  audit: auditEventSchemas,
} as const;

export type StreamCategory = keyof typeof EVENT_CATEGORIES;
export const STREAM_CATEGORIES = Object.keys(EVENT_CATEGORIES) as StreamCategory[];

export type CatalogueEntry = EventDescription & Readonly<{ type: string; category: StreamCategory }>;

/** Every event type the ledger records, in category order. */
export const EVENT_CATALOGUE: readonly CatalogueEntry[] = STREAM_CATEGORIES.flatMap((category) =>
  Object.entries(EVENT_CATEGORIES[category] as Record<string, EventDescription>).map(([type, description]) => ({ type, category, ...description })),
);

const BY_TYPE = new Map(EVENT_CATALOGUE.map((entry) => [entry.type, entry]));

export const describeEvent = (type: string): CatalogueEntry | undefined => BY_TYPE.get(type);

/** `loan` for `loan-…`: the category of a stream id. */
export const categoryOf = (streamId: string): string => streamId.slice(0, Math.max(0, streamId.indexOf('-')));

const asSchema = (value: unknown): JsonSchema | undefined => (typeof value === 'object' && value !== null ? (value as JsonSchema) : undefined);

/** The ISILs found where the schema places an ISIL: fields, array items and the keys of ISIL-keyed maps. */
const isilsIn = (schema: JsonSchema | undefined, value: unknown, found: Set<string>): void => {
  if (schema === undefined || value === null || value === undefined) return;
  if (schema === isil) {
    if (typeof value === 'string') found.add(value.toUpperCase());
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) isilsIn(asSchema(schema.items), item, found);
    return;
  }
  if (typeof value !== 'object') return;
  const properties = asSchema(schema.properties) ?? {};
  for (const [key, inner] of Object.entries(value)) {
    if (schema.propertyNames === isil) found.add(key.toUpperCase());
    isilsIn(asSchema(properties[key]) ?? asSchema(schema.additionalProperties), inner, found);
  }
};

/** The libraries an event involves, upper-cased, in the order the schema meets them; none for an unknown type. */
export const involvedIsils = (type: string, data: unknown): string[] => {
  const found = new Set<string>();
  isilsIn(describeEvent(type)?.schema, data, found);
  return [...found];
};
