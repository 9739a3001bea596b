import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min,
} from 'class-validator';
import { MAX_EXCHANGE_ITEMS, type ExchangeStatus } from '../../../domain/exchanges';
import { IsIsbnText, IsIsil, MoneyDto, Nested, NotBlank, Optional, PageQueryDto } from '../validation/fields';

/** A publication offered or requested; pages and price are for the librarians only, an exchange is one for one. */
export class ExchangeItemDto {
  @IsString() @MaxLength(500) @NotBlank('title') title!: string;
  @Optional() @IsIsbnText() isbn?: string;
  @Optional() @IsString() @MaxLength(300) author?: string;
  @Optional() @IsString() @MaxLength(300) publisher?: string;
  @Optional() @IsInt() @Min(1000) @Max(2999) year?: number;
  @Optional() @IsInt() @Min(1) @Max(100_000) pages?: number;
  @Optional() @Nested(() => MoneyDto) price?: MoneyDto;
  @Optional() @IsString() @MaxLength(1000) note?: string;
}

/** The proposer is the library of the key that asks; equal counts are a domain rule (exchange-not-one-for-one). */
export class ProposeExchangeDto {
  @IsUUID() agreementId!: string;
  @IsIsil('counterpart') counterpart!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_EXCHANGE_ITEMS) @Nested(() => ExchangeItemDto, { each: true })
  offered!: ExchangeItemDto[];

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_EXCHANGE_ITEMS) @Nested(() => ExchangeItemDto, { each: true })
  requested!: ExchangeItemDto[];
}

export class ExchangeReasonDto {
  @IsString() @MaxLength(1000) @NotBlank('reason') reason!: string;
}

/** Every status, so a new one cannot be forgotten here. */
export const STATUSES = Object.keys({
  proposed: true, accepted: true, completed: true, declined: true, cancelled: true,
} satisfies Record<ExchangeStatus, true>) as ExchangeStatus[];

export class ListExchangesDto extends PageQueryDto {
  @IsOptional() @IsIsil('proposer') proposer?: string;
  @IsOptional() @IsIsil('counterpart') counterpart?: string;
  @IsOptional() @IsIn(STATUSES) status?: ExchangeStatus;
  @IsOptional() @IsUUID() agreementId?: string;
}
