import { IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import type { BalanceCut } from '../../../application/ports/balances.port';
import { SERVICE_KINDS } from '../../../domain/ledger';
import { IsIsil, ReadYourWritesDto } from '../validation/fields';
import { readInstant } from '../../../domain/shared/dates';
import { readPosition } from '../validation/time';

export { readPosition };

/** The units the posting rules make (domain/ledger/postings.ts); a money currency in any case, kept upper-cased. */
export const UNIT_PATTERN = new RegExp(`^(loan|exchange-item|rotation-item|money:[A-Za-z]{3}|service:(${SERVICE_KINDS.join('|')}))$`);
export const UNIT_MESSAGE = `unit must be a ledger unit: loan, exchange-item, rotation-item, money:{ISO 4217 code} such as money:EUR, or service:{${SERVICE_KINDS.join('|')}}`;

/** `asOf`: a global position (digits) or an ISO 8601 instant. */
export const readCut = (value: unknown): BalanceCut | null => {
  const position = readPosition(value);
  if (position !== null) return { position };
  const instant = readInstant(value);
  return instant === null ? null : { instant };
};

const IsCut = () =>
  ValidateBy({
    name: 'isBalanceCut',
    validator: {
      validate: (value) => readCut(value) !== null,
      defaultMessage: () => 'asOf must be a global position (digits, e.g. 1042) or an ISO 8601 instant with a zone (e.g. 2025-03-01T12:00:00Z)',
    },
  });

/** What every balance query may say about time. */
export class BalanceTimeDto extends ReadYourWritesDto {
  @IsOptional() @IsString() @MaxLength(40) @IsCut() asOf?: string;
}

export class BalancesDto extends BalanceTimeDto {
  @IsOptional() @IsIsil('partner') partner?: string;
  @IsOptional() @IsIsil('counterparty') counterparty?: string;
  @IsOptional() @IsString() @MaxLength(40) @Matches(UNIT_PATTERN, { message: UNIT_MESSAGE }) unit?: string;
}

export class TrialBalanceDto extends BalanceTimeDto {}
