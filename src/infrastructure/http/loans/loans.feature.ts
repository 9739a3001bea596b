import { Module } from '@nestjs/common';
import { LOAN_HANDLERS } from '../../../application/loans/loan.handlers';
import { loansProjection } from '../../../application/loans/loans.projection';
import type { Feature } from '../../feature';
import { LoansController } from './loans.controller';

@Module({ controllers: [LoansController], providers: [...LOAN_HANDLERS] })
export class LoansModule {}

export const loansFeature: Feature = { module: LoansModule, projections: [loansProjection] };
