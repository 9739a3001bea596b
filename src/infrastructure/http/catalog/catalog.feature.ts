import { Module } from '@nestjs/common';
import { CATALOG_HANDLERS } from '../../../application/catalog/catalog.queries';
import type { Feature } from '../../feature';
import { CatalogController } from './catalog.controller';

/** Queries over the union catalogue; the holdings feature keeps the read model. */
@Module({ controllers: [CatalogController], providers: [...CATALOG_HANDLERS] })
export class CatalogModule {}

export const catalogFeature: Feature = { module: CatalogModule, projections: [] };
