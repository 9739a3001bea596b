import { Module } from '@nestjs/common';
import { CLAIM_HANDLERS } from '../../../application/claims/claim.handlers';
import { claimsProjection } from '../../../application/claims/claims.projection';
import type { Feature } from '../../feature';
import { ClaimsController } from './claims.controller';

@Module({ controllers: [ClaimsController], providers: [...CLAIM_HANDLERS] })
export class ClaimsModule {}

export const claimsFeature: Feature = { module: ClaimsModule, projections: [claimsProjection] };
