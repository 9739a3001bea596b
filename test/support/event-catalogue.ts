import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describeEvent } from '../../src/domain/catalogue/event-catalogue';
import type { DomainEvent } from '../../src/domain/shared/decider';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** What is wrong with an event against the catalogue: no schema for its type, or data that does not match it. */
export const catalogueProblems = (events: readonly DomainEvent[]): string[] =>
  events.flatMap(({ type, data }) => {
    const entry = describeEvent(type);
    if (!entry) return [`${type} has no schema in the event catalogue`];
    const validate = validators.get(type) ?? ajv.compile(entry.schema);
    validators.set(type, validate);
    return validate(data) ? [] : [`${type}: ${ajv.errorsText(validate.errors)}`];
  });
