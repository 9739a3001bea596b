import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CLAIM_STATUSES, type ClaimStatus } from '../../../application/claims/claims.projection';
import { IsIsbnShape, IsIsil, NotBlank, Optional, PageQueryDto } from '../validation/fields';

export class ClaimAcquisitionDto {
  @IsUUID() agreementId!: string;
  @IsIsbnShape('isbn') isbn!: string;
  // A fulfilled claim's title enters the catalogue (see HoldingItemDto's).
  @IsString() @IsNotEmpty() @MaxLength(500) @NotBlank('title') title!: string;
  /** Dewey numbers, e.g. "512" or "780.92"; the domain checks the notation. */
  @Optional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(32, { each: true }) subjects?: string[];
  @Optional() @IsString() @IsNotEmpty() @MaxLength(1000) @NotBlank('overrideReason') overrideReason?: string;
}

export class ReleaseClaimDto {
  @Optional() @IsString() @IsNotEmpty() @MaxLength(1000) @NotBlank('reason') reason?: string;
}

export class TransferClaimDto {
  @IsIsil('to') to!: string;
}

/** Fulfilment needs nothing but the title in the path. */
export class FulfilClaimDto {}

export class ListClaimsDto extends PageQueryDto {
  @IsOptional() @IsIsil('claimant') claimant?: string;
  @IsOptional() @IsIn(CLAIM_STATUSES) status?: ClaimStatus;
  @IsOptional() @IsUUID() agreementId?: string;
  @IsOptional() @IsIn(['true', 'false']) outsideDivisionOfLabour?: 'true' | 'false';
}
