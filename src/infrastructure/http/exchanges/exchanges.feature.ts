import { Module } from '@nestjs/common';
import { EXCHANGE_HANDLERS } from '../../../application/exchanges/exchange.handlers';
import { exchangesProjection } from '../../../application/exchanges/exchanges.projection';
import type { Feature } from '../../feature';
import { ExchangesController } from './exchanges.controller';

@Module({ controllers: [ExchangesController], providers: [...EXCHANGE_HANDLERS] })
export class ExchangesModule {}

export const exchangesFeature: Feature = { module: ExchangesModule, projections: [exchangesProjection] };
