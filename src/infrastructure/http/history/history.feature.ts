import { Module } from '@nestjs/common';
import { HISTORY_HANDLERS } from '../../../application/history/history.queries';
import type { Feature } from '../../feature';
import { HistoryController } from './history.controller';

@Module({ controllers: [HistoryController], providers: [...HISTORY_HANDLERS] })
export class HistoryModule {}

export const historyFeature: Feature = { module: HistoryModule, projections: [] };
