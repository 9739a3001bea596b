import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CATALOG_PROJECTION } from '../cooperation/cooperation-facts';
import type { CatalogDocument } from '../holdings/catalog.projection';
import type { Position } from '../ports/event-store.port';
import { READ_STORE, type Page, type ReadStore } from '../ports/read-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { readModelsAt } from '../projections/read-models-behind';

/** The union catalogue: one title by ISBN-13, or the titles whose title has every word. */
export class SearchCatalogQuery extends Query<Page<CatalogDocument>> {
  constructor(
    readonly search: Readonly<{ isbn13?: string; words?: readonly string[] }>,
    readonly limit: number,
    readonly after?: string,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

/** Titles acquired by any partner at or after an instant. */
export class NewAcquisitionsQuery extends Query<Page<CatalogDocument>> {
  constructor(
    readonly since: string,
    readonly limit: number,
    readonly after?: string,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

@QueryHandler(SearchCatalogQuery)
export class SearchCatalogHandler implements IQueryHandler<SearchCatalogQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ search, limit, after, minPosition }: SearchCatalogQuery): Promise<Page<CatalogDocument>> {
    await readModelsAt(this.runner, minPosition, [CATALOG_PROJECTION]);
    if (search.isbn13 !== undefined) {
      const entry = await this.reads.get<CatalogDocument>(CATALOG_PROJECTION, search.isbn13);
      return { items: entry ? [entry] : [], next: null };
    }
    const words = search.words?.length ? { field: 'title', words: search.words } : undefined;
    return this.reads.list<CatalogDocument>(CATALOG_PROJECTION, { where: {}, ...(words ? { words } : {}), limit, after });
  }
}

@QueryHandler(NewAcquisitionsQuery)
export class NewAcquisitionsHandler implements IQueryHandler<NewAcquisitionsQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ since, limit, after, minPosition }: NewAcquisitionsQuery): Promise<Page<CatalogDocument>> {
    await readModelsAt(this.runner, minPosition, [CATALOG_PROJECTION]);
    return this.reads.list<CatalogDocument>(CATALOG_PROJECTION, { where: {}, atLeast: { lastAcquiredAt: since }, limit, after });
  }
}

export const CATALOG_HANDLERS = [SearchCatalogHandler, NewAcquisitionsHandler];
