import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Example } from '../validation/example';
import { IsPosition } from '../validation/time';

/** The part of the log to read: positions `from` to `to`, both inclusive, both optional. */
export class AuditWindowDto {
  @IsOptional() @IsString() @IsPosition('from') from?: string;
  @IsOptional() @IsString() @IsPosition('to') to?: string;
}

export class VerifyDto extends AuditWindowDto {
  /** With `headHash`: a head kept from `GET /v1/audit/head`, which the log must still hold. */
  @IsOptional() @IsString() @IsPosition('headPosition') headPosition?: string;
  @IsOptional() @IsString() @Matches(/^[0-9a-f]{64}$/, { message: 'headHash must be a SHA-256 hash in lower-case hex (64 characters)' })
  @Example('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')
  headHash?: string;
}

export class ProofDto {
  @IsString() @MinLength(1) @MaxLength(200) @Example('0b5c7a44-62b4-4f6e-9d4e-4c1b0c1f8a11') eventId!: string;
}
