import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { EVENT_CATALOGUE, STREAM_CATEGORIES } from '../../../domain/catalogue/event-catalogue';
import { Example, IsIsil, Optional, upperCasedIsil } from '../validation/fields';
import { IsPosition, IsResumePoint } from '../validation/time';

export const EVENT_TYPES = EVENT_CATALOGUE.map((entry) => entry.type);

const asList = (value: unknown, inQuery: boolean): unknown => (inQuery && typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value);
/** In a query string a list is written `a,b,c`. */
const commaList = (inQuery: boolean) => Transform(({ value }) => asList(value, inQuery));
/** ISILs are compared upper-cased. */
const isilList = (inQuery: boolean) =>
  Transform(({ value }) => {
    const list = asList(value, inQuery);
    return Array.isArray(list) ? list.map(upperCasedIsil) : list;
  });

/**
 * A webhook's filter names each value once, as an agreement's members do: it
 * is kept and shown back, and a value twice is a mistake to tell of. In the
 * live feed's query string a repeat is harmless and is let through (it counts once).
 */
const once = (field: string, inQuery: boolean) =>
  inQuery ? applyDecorators() : ArrayUnique({ message: `${field} must name each value once` });

const Types = (inQuery = false) =>
  applyDecorators(
    Optional(),
    commaList(inQuery),
    IsArray(),
    ArrayMaxSize(100),
    IsIn(EVENT_TYPES, { each: true, message: 'each of types must be an event type (see docs/events.md), e.g. LoanShipped' }),
    once('types', inQuery),
  );
const Categories = (inQuery = false) =>
  applyDecorators(
    Optional(), commaList(inQuery), IsArray(), ArrayMaxSize(20),
    IsIn(STREAM_CATEGORIES, { each: true, message: `each of categories must be one of ${STREAM_CATEGORIES.join(', ')}` }),
    once('categories', inQuery),
  );
const Partners = (inQuery = false) =>
  applyDecorators(Optional(), isilList(inQuery), IsArray(), ArrayMaxSize(100), IsIsil('partners', { each: true }), once('partners', inQuery));

/** The filters the live feed and webhooks share: an event must pass every one given; within one, any value. */
export class EventFilterDto {
  /** Event types, e.g. `LoanShipped`. */
  @Types() types?: string[];
  /** Stream categories: partner, agreement, loan, exchange, rotation, claim, service, holdings. */
  @Categories() categories?: string[];
  /** ISILs: events that involve at least one of these libraries. */
  @Partners() partners?: string[];
}

/** The same filters in a query string, comma-separated: `?types=LoanShipped,LoanReceived&categories=loan&partners=ID-JKPNRI`. */
export class LiveEventsDto {
  @Types(true) types?: string[];
  @Categories(true) categories?: string[];
  @Partners(true) partners?: string[];
  /** Start after this position, or after the event of an `id:` the feed gave (checked to be in this log); a `Last-Event-ID` header wins over it. */
  @Optional() @IsResumePoint('after') after?: string;
}

export class CreateWebhookDto extends EventFilterDto {
  @IsString() @MaxLength(2048) url!: string;
}

export class UpdateWebhookDto extends EventFilterDto {
  @Optional() @IsString() @MaxLength(2048) url?: string;
  /** `true` re-enables a disabled webhook where it stopped; `false` pauses it. */
  @Optional() @IsBoolean() enabled?: boolean;
}

export class ReplayWebhookDto {
  /** Deliver again every wanted event after this position; `"0"` replays the whole log. */
  @IsPosition('after') after!: string;
}

export class DeliveriesQueryDto {
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(500) @Example(50) limit?: number;
  /** The `next` of the previous page. */
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Example(1) before?: number;
}
