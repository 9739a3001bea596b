import { Optional } from '../validation/validation';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { MAX_EXCHANGE_ITEMS, type ExchangeStatus } from '../../../domain/exchanges';
import { isIsbn } from '../../../domain/shared/isbn';
import { ISIL_PATTERN } from '../../../domain/shared/isil';
import { CURRENCY_CODE, MONEY_AMOUNT } from '../../../domain/shared/money';

const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';


/** An ISBN-10 or ISBN-13 the ledger can normalise, checked here so a bad one never reaches a handler. */
const IsIsbn = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isIsbn', validator: { validate: (value) => isIsbn(value), defaultMessage: (args) => `${args?.property} must be a valid ISBN-10 or ISBN-13` } },
    options,
  );

export class ExchangePriceDto {
  @IsString() @Matches(MONEY_AMOUNT, { message: 'amount must be a non-negative decimal such as "12.50"' }) amount!: string;
  @IsString() @Matches(CURRENCY_CODE, { message: 'currency must be an ISO 4217 code such as "EUR"' }) currency!: string;
}

/** A publication offered or requested; pages and price are for the librarians only, an exchange is one for one. */
export class ExchangeItemDto {
  @IsString() @IsNotEmpty() @MaxLength(500) title!: string;
  @Optional() @IsString() @IsIsbn() isbn?: string;
  @Optional() @IsString() @MaxLength(300) author?: string;
  @Optional() @IsString() @MaxLength(300) publisher?: string;
  @Optional() @IsInt() @Min(1000) @Max(2999) year?: number;
  @Optional() @IsInt() @Min(1) @Max(100_000) pages?: number;
  @Optional() @ValidateNested() @Type(() => ExchangePriceDto) price?: ExchangePriceDto;
  @Optional() @IsString() @MaxLength(1000) note?: string;
}

/** The proposer is the library of the key that asks; equal counts are a domain rule (exchange-not-one-for-one). */
export class ProposeExchangeDto {
  @IsUUID() agreementId!: string;
  @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `counterpart ${ISIL_MESSAGE}` }) counterpart!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_EXCHANGE_ITEMS) @ValidateNested({ each: true }) @Type(() => ExchangeItemDto)
  offered!: ExchangeItemDto[];

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_EXCHANGE_ITEMS) @ValidateNested({ each: true }) @Type(() => ExchangeItemDto)
  requested!: ExchangeItemDto[];
}

/** Steps that need nothing but the exchange id in the path. */
export class NoBodyDto {}

export class ExchangeReasonDto {
  @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

/** Every status, so a new one cannot be forgotten here. */
const STATUSES = Object.keys({
  proposed: true, accepted: true, completed: true, declined: true, cancelled: true,
} satisfies Record<ExchangeStatus, true>) as ExchangeStatus[];

export class ListExchangesDto {
  @IsOptional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `proposer ${ISIL_MESSAGE}` }) proposer?: string;
  @IsOptional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: `counterpart ${ISIL_MESSAGE}` }) counterpart?: string;
  @IsOptional() @IsIn(STATUSES) status?: ExchangeStatus;
  @IsOptional() @IsUUID() agreementId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
