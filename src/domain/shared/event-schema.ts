import { ISBN13_PATTERN } from '../holdings/holdings.events';
import { ISIL_PATTERN } from './isil';
import { CURRENCY_CODE, MONEY_AMOUNT } from './money';

/** A JSON Schema (draft 2020-12) as a plain value, so the domain describes its events without a library. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One event type as subscribers see it: when it happens and the shape of its `data`. */
export type EventDescription = Readonly<{ summary: string; schema: JsonSchema }>;

/** Every event type of one aggregate, keyed by type: a type without a description does not compile. */
export type EventDescriptions<Type extends string> = Readonly<Record<Type, EventDescription>>;

/**
 * The one schema for an ISIL. Fields typed with it (by identity) are the
 * libraries an event involves, which subscribers filter on.
 */
export const isil: JsonSchema = {
  type: 'string',
  pattern: ISIL_PATTERN.source,
  maxLength: 16,
  description: 'ISIL (ISO 15511) of a library',
  examples: ['ID-JKPNRI'],
};
export const isbn13: JsonSchema = { type: 'string', pattern: ISBN13_PATTERN.source, examples: ['9786020332956'] };
export const instant: JsonSchema = { type: 'string', format: 'date-time', examples: ['2026-03-02T09:30:00.000Z'] };
export const day: JsonSchema = { type: 'string', format: 'date', examples: ['2026-03-30'] };
export const id: JsonSchema = { type: 'string', minLength: 1, examples: ['0b8f3c2e-7a41-4d6b-9a51-3f2d2c1e9b10'] };
export const text: JsonSchema = { type: 'string', examples: ['as agreed'] };
export const count: JsonSchema = { type: 'integer', minimum: 0, examples: [3] };
export const money: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['amount', 'currency'],
  properties: {
    amount: { type: 'string', pattern: MONEY_AMOUNT.source, examples: ['12.50'] },
    currency: { type: 'string', pattern: CURRENCY_CODE.source, examples: ['EUR'] },
  },
};

export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/** An object with exactly these fields: `required` always present, `optional` sometimes. */
export const object = (required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(required),
  properties: { ...required, ...optional },
});

export const describe = (summary: string, required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}): EventDescription => ({
  summary,
  schema: object(required, optional),
});
