import { ParseUUIDPipe, ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { BadInput, type FieldError } from '../problem/problem';
import { ISIL_MESSAGE, isIsil, normalIsil } from '../../../domain/shared/isil';

/**
 * A field's path as the domain's own errors name it (`items[1].isbn`): a
 * member after a dot, an array's element in brackets. One form for every
 * error, whichever layer found it.
 */
const fieldPath = (parent: string, name: string, inArray: boolean): string =>
  inArray ? `${parent}[${name}]` : parent ? `${parent}.${name}` : name;

/**
 * Every rule broken, each named by its field's path; a name that is empty
 * (`?=x`, `{"": 1}`) by the whole it came in (`query` or `body`). A field
 * left out that must be given breaks every rule it has, none of which says
 * so (`reason must be shorter than or equal to 1000 characters`): it is
 * told once that it is required.
 */
const flatten = (errors: readonly ValidationError[], whole: string, prefix = '', inArray = false, inNested = false): FieldError[] =>
  errors.flatMap((error) => {
    const field = fieldPath(prefix, error.property, inArray) || whole;
    const nested = 'isObject' in (error.constraints ?? {});
    const rules = Object.entries(error.constraints ?? {}).filter(([rule]) => !(rule === 'isObject' || (rule === 'nestedValidation' && (nested || inNested))));
    if (error.value === undefined && (rules.length > 0 || nested)) return [{ field, message: `${field} is required` }];
    const own = rules.map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' && error.property === '' ? EMPTY_NAME : message,
    }));
    return [...(nested ? notObjects(error, field) : []), ...own, ...flatten(error.children ?? [], whole, field, Array.isArray(error.value), nested)];
  });

const isObjectValue = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What `Nested` found not to be an object, each told once by its path: the
 * value itself, or each element of a list that is not one (`items[1] must
 * be an object`; a value that is not a list at all is told so by IsArray).
 * ValidateNested's own words for it ("nested property … must be either
 * object or array") are left out: they would say it again, and wrongly of
 * an array.
 */
const notObjects = (error: ValidationError, field: string): FieldError[] => {
  if (!(error.contexts?.isObject as { list?: boolean } | undefined)?.list) return [{ field, message: `${field} must be an object` }];
  if (!Array.isArray(error.value)) return [];
  return error.value.flatMap((element, i) => (isObjectValue(element) ? [] : [{ field: `${field}[${i}]`, message: `${field}[${i}] must be an object` }]));
};

/** class-validator says `property  should not exist`. */
const EMPTY_NAME = 'a field with an empty name should not exist';

/** class-validator's errors, on their way to StrictValidationPipe, which alone knows what they were found in. */
class RulesBroken extends Error {
  constructor(readonly errors: readonly ValidationError[]) {
    super('validation failed');
  }
}

/** Names class-transformer skips without a word, so whitelisting never sees them: refused as any unknown field is. */
const SKIPPED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
/** A UTF-16 surrogate without its pair: not text, and some validators throw on it. */
const LONE_SURROGATE = /\p{Cs}/u;
const NOT_TEXT = 'must be well-formed Unicode text (it holds a lone surrogate)';
/**
 * Control characters other than tabs and line breaks (a NUL, a bell, DEL),
 * and the noncharacters U+FFFE and U+FFFF: none belongs in what a library
 * writes, XML cannot carry them (ISO 18626 messages repeat titles and
 * notes), PostgreSQL refuses a NUL in any text, and a search's word index
 * stops reading at one.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;
const CONTROL_MESSAGE = 'must not hold control characters (tabs and line breaks are taken)';

/**
 * Fields no DTO rule can be trusted to refuse, and text no field takes,
 * found in one walk of the input (its depth is bounded at parse time).
 */
const unsafeFields = (value: unknown, whole: string, path = ''): FieldError[] => {
  if (typeof value === 'string') {
    const field = path || whole;
    if (LONE_SURROGATE.test(value)) return [{ field, message: NOT_TEXT }];
    return CONTROL.test(value) ? [{ field, message: `${field} ${CONTROL_MESSAGE}` }] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const field = fieldPath(path, key, Array.isArray(value)) || whole;
    if (SKIPPED_NAMES.has(key)) return [{ field, message: `property ${key} should not exist` }];
    if (LONE_SURROGATE.test(key)) return [{ field, message: `the name ${NOT_TEXT}` }];
    return unsafeFields(child, whole, field);
  });
};

/** A request body, when there is one, must be a JSON object: not an array, a string or null. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new BadInput([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unsafe = unsafeFields(value, metadata.type);
      if (unsafe.length > 0) throw new BadInput(unsafe);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      throw error instanceof RulesBroken ? new BadInput(flatten(error.errors, metadata.type === 'query' ? 'query' : 'body')) : error;
    }
  }
}

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];

/**
 * class-validator finds a class's rules by testing every class it knows on
 * every validation (typestack/class-validator#2686): the more DTOs an app
 * defines, the slower each request. With the service's DTOs loaded, a CPU
 * profile of POST /v1/services put several times the bare app's validation
 * cost there. A class's rules are all registered when it is defined, before
 * anything of it is validated; still, the answers kept here, per class and
 * options, are forgotten whenever a rule is registered.
 */
const keepRuleLookups = (storage: MetadataStorage): void => {
  if ((storage as { rulesKept?: true }).rulesKept) return;
  (storage as { rulesKept?: true }).rulesKept = true;
  let kept = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\n${always}\n${strictGroups}\n${groups?.join('\n') ?? '-'}`;
    let byOptions = kept.get(target);
    if (byOptions === undefined) kept.set(target, (byOptions = new Map()));
    let rules = byOptions.get(options);
    if (rules === undefined) byOptions.set(options, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  const add = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    kept = new WeakMap();
    add(metadata);
  };
};

/** DTOs are strict: unknown fields are refused, types are not coerced, every bad field is named. */
export const strictValidationPipe = () => {
  keepRuleLookups(getMetadataStorage());
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // An empty DTO (a step with no body) has no rules; whitelisting still refuses any field sent to it.
    forbidUnknownValues: false,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // Each error keeps the value it is about (never sent back): flatten names an array's elements by it.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new RulesBroken(errors),
  });
};

/** A path id that must be a UUID, refused by name when it is not. */
export const UuidParam = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadInput([{ field, message: `${field} must be a UUID` }]) });

/** A path ISIL (ISO 15511), refused by name when it is not one; upper-cased, as the ledger keeps ISILs. */
export const IsilParam = (field = 'isil'): PipeTransform<string, string> => ({
  transform: (value) => {
    if (!isIsil(value)) throw new BadInput([{ field, message: `${field} ${ISIL_MESSAGE}` }]);
    return normalIsil(value);
  },
});

/** API key ids: UUIDs, and the fixed id of the bootstrap key. */
export const KeyIdParam: PipeTransform<string, string> = {
  transform: (value) => {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(value)) throw new BadInput([{ field: 'id', message: 'id must be an API key id' }]);
    return value;
  },
};

