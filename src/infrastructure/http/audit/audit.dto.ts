import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsPosition } from '../validation/time';

/** The part of the log to read: positions `from` to `to`, both inclusive, both optional. */
export class AuditWindowDto {
  @IsOptional() @IsString() @IsPosition('from') from?: string;
  @IsOptional() @IsString() @IsPosition('to') to?: string;
}

export class VerifyDto extends AuditWindowDto {
  /** With `headHash`: a head kept from `GET /v1/audit/head`, which the log must still hold. */
  @IsOptional() @IsString() @IsPosition('headPosition') headPosition?: string;
  @IsOptional() @IsString() @Matches(/^[0-9a-f]{64}$/, { message: 'headHash must be a SHA-256 hash in lower-case hex (64 characters)' }) headHash?: string;
}

export class ProofDto {
  @IsString() @MinLength(1) @MaxLength(200) eventId!: string;
}
