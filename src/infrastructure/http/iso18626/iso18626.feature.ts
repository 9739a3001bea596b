import { Module } from '@nestjs/common';
import { Iso18626Exchanges } from '../../../application/iso18626/iso18626-exchanges';
import { Iso18626InboundService } from '../../../application/iso18626/iso18626-inbound.service';
import type { Feature } from '../../feature';
import { Iso18626Controller } from './iso18626.controller';
import { Iso18626ErrorFilter } from './iso18626.filter';

@Module({ controllers: [Iso18626Controller], providers: [Iso18626InboundService, Iso18626Exchanges, Iso18626ErrorFilter] })
export class Iso18626Module {}

/** ISO 18626 on the wire: partners' ILL systems drive their loans with the standard's messages. */
export const iso18626Feature: Feature = { module: Iso18626Module, projections: [] };
