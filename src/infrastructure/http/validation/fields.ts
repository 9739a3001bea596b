import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { isCalendarDate } from '../../../domain/shared/dates';
import { isIsbn } from '../../../domain/shared/isbn';
import { ISIL_MESSAGE, ISIL_PATTERN, isIsil, normalIsil } from '../../../domain/shared/isil';
import { CURRENCY_CODE, isCurrency, MONEY_AMOUNT } from '../../../domain/shared/money';
import { Example } from './example';
import { IsPosition } from './time';

export { Example };

/*
 * The rules DTO fields share, so each is written, and worded, once. A field's
 * messages are listed in the order its rules are applied: where a decorator
 * bundles rules, that is the order most DTOs stacked them in before.
 */

/** Optional, but never null: an absent field is left out, a null one is refused by the rules that follow. */
export const Optional = () => ValidateIf((_, value) => value !== undefined);

/**
 * An object validated by its own DTO; `{ each: true }` for a list of them.
 * Never an array or a scalar: `@ValidateNested` alone lets a missing object
 * through, and an array, whose elements it validates as the DTO instead.
 */
export const Nested = (type: () => new () => object, options: Pick<ValidationOptions, 'each'> = {}) =>
  applyDecorators(IsObject({ ...options, context: { list: options.each === true } }), ValidateNested(options), Type(type));

/** Only an ISIL is upper-cased: upper-casing first would let 'de-ſ' pass as DE-S (ISO 15511 is ASCII). */
export const upperCasedIsil = (value: unknown): unknown => (isIsil(value) ? normalIsil(value as string) : value);

/**
 * An ISIL (ISO 15511), refused naming the field; `{ each: true }` for a list
 * of them. Upper-cased here, once, so nothing behind the DTO spells it twice.
 */
export const IsIsil = (field = 'isil', options: ValidationOptions = {}) =>
  applyDecorators(
    Transform(({ value }) => (Array.isArray(value) ? value.map(upperCasedIsil) : upperCasedIsil(value))),
    Matches(ISIL_PATTERN, { ...options, message: `${field} ${ISIL_MESSAGE}` }),
    MaxLength(16, options),
    IsString(options),
    Example(options.each ? ['DE-1', 'ID-JKPNRI'] : 'DE-1'),
  );

/** Text with at least one character that is not a space. */
export const NotBlank = (field: string, options: ValidationOptions = {}) =>
  Matches(/\S/, { ...options, message: `${field} must not be blank` });

/**
 * A value the ledger sends as an HTTP header: visible ASCII, with spaces or
 * tabs only between characters (RFC 9110's field value, without the obsolete
 * Latin-1 text). Node refuses to send a control character or anything above
 * U+00FF, so such a value would fail every delivery; a space at either end
 * is dropped by receivers, so it would not be the credential registered.
 */
export const IsHeaderValue = (field: string, options: ValidationOptions = {}) =>
  Matches(/^[\x21-\x7e]+(?:[ \t]+[\x21-\x7e]+)*$/, { ...options, message: `${field} must be an HTTP header value: visible ASCII characters, with spaces or tabs only between them` });

/** A real calendar day written YYYY-MM-DD: 2025-02-30 is refused, not rolled over. */
export const IsCalendarDate = (field: string) =>
  applyDecorators(
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a date, YYYY-MM-DD` }),
    ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: () => `${field} must be a real calendar date, YYYY-MM-DD` } }),
    // The whole schema, not merged: the custom rule on a `string | null` field would otherwise point at a missing `Object` schema.
    JSONSchema(() => ({ type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2025-03-01' })),
  );

/** The shape of an ISBN-10 or -13, with or without hyphens or spaces; check digits are the domain's to judge. */
export const IsIsbnShape = (field: string, options: ValidationOptions = {}) =>
  applyDecorators(
    Matches(/^[0-9Xx\- ]{10,17}$/, { ...options, message: `${field} must be an ISBN-10 or ISBN-13, e.g. 978-0-306-40615-7` }),
    MaxLength(17, options),
    IsString(options),
    Example(options.each ? ['978-0-306-40615-7'] : '978-0-306-40615-7'),
  );

/** An ISBN-10 or ISBN-13 the ledger can normalise, checked here so a bad one never reaches a handler. */
export const IsIsbnText = () =>
  applyDecorators(
    ValidateBy({
      name: 'isIsbn',
      validator: { validate: (value) => isIsbn(value), defaultMessage: (args) => `${args?.property} must be a valid ISBN-10 or ISBN-13` },
    }),
    IsString(),
    Example('9780306406157'),
  );

/**
 * A number written with at most `places` decimals. class-validator's
 * `maxDecimalPlaces` throws on a number JavaScript writes with an exponent (1e-7).
 */
export const HasAtMostDecimals = (field: string, places: number) =>
  ValidateBy({
    name: 'hasAtMostDecimals',
    validator: {
      validate: (value) => typeof value === 'number' && new RegExp(`^-?\\d+(\\.\\d{1,${places}})?$`).test(String(value)),
      defaultMessage: () => `${field} must be a number with at most ${places} decimal places, e.g. 1.25`,
    },
  });

export class MoneyDto {
  @IsString() @Matches(MONEY_AMOUNT, { message: 'amount must be a non-negative decimal such as "12.50"' }) amount!: string;
  @IsString()
  @ValidateBy({ name: 'isCurrency', validator: { validate: isCurrency, defaultMessage: () => 'currency must be an ISO 4217 code in use, such as "EUR"' } })
  @JSONSchema({ type: 'string', pattern: CURRENCY_CODE.source, example: 'EUR', description: 'An ISO 4217 code in use' })
  currency!: string;
}

/** How many items a page holds when the query does not say. */
export const DEFAULT_PAGE_SIZE = 50;

/** Read your own writes: every query first waits until the read models have folded this position (a command's answer gives it). */
export class ReadYourWritesDto {
  @Optional() @IsString() @IsPosition('minPosition') minPosition?: string;
}

/** The paging every list takes; a list DTO extends it, so its own filters are checked (and named) first. */
export class PageQueryDto extends ReadYourWritesDto {
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(500) @Example(DEFAULT_PAGE_SIZE) limit?: number;
  @Optional() @IsString() @MaxLength(200) @Example('WzEsIngiXQ', 'the `next` of the page before, as given') cursor?: string;
}

/** A step that needs nothing but the id in the path; whitelisting still refuses any field sent to it. */
export class NoBodyDto {}
