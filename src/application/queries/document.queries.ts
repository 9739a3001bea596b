import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { withoutUndefined } from '../../domain/shared/input';
import { EVENT_STORE, type EventStore, type Position } from '../ports/event-store.port';
import { READ_STORE, type Page, type ReadStore } from '../ports/read-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { readModelsAt } from '../projections/read-models-behind';

/**
 * A read model of one document per aggregate, as the queries see it: its
 * name in the read store and the stream each document is folded from. `View`
 * and `Filter` only type what goes in and comes out.
 */
export type DocumentReadModel<View, Filter extends object> = Readonly<{
  projection: string;
  streamOf: (id: string) => string;
  /** Phantom fields: never set. */
  view?: View;
  filter?: Filter;
}>;

export const documentReadModel = <View, Filter extends object>(projection: string, streamOf: (id: string) => string): DocumentReadModel<View, Filter> => ({
  projection,
  streamOf,
});

/** One document by id, once the read models hold `minPosition`. */
export class GetDocumentQuery<View> extends Query<View | null> {
  constructor(
    readonly readModel: DocumentReadModel<View, object>,
    readonly id: string,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

/** A page of documents matching equality filters, once the read models hold `minPosition`. */
export class ListDocumentsQuery<View, Filter extends object> extends Query<Page<View>> {
  constructor(
    readonly readModel: DocumentReadModel<View, Filter>,
    readonly filter: Filter,
    readonly limit: number,
    readonly after?: string,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

/**
 * A document not there yet whose stream has events is one the read models
 * have not folded: it waits for the stream's last event (the same wait and
 * 503 as `minPosition`) rather than answering 404 for what was written.
 */
@QueryHandler(GetDocumentQuery)
export class GetDocumentHandler implements IQueryHandler<GetDocumentQuery<unknown>> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ readModel, id, minPosition }: GetDocumentQuery<unknown>): Promise<unknown> {
    // Only the read model read is waited for: another one stuck or behind holds up none of its queries.
    const readModels = [readModel.projection];
    await readModelsAt(this.runner, minPosition, readModels);
    const found = await this.reads.get(readModel.projection, id);
    if (found !== null) return found;
    const written = (await this.store.readDurableStream(readModel.streamOf(id))).at(-1);
    if (written === undefined) return null;
    await readModelsAt(this.runner, written.position, readModels);
    return this.reads.get(readModel.projection, id);
  }
}

@QueryHandler(ListDocumentsQuery)
export class ListDocumentsHandler implements IQueryHandler<ListDocumentsQuery<unknown, object>> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ readModel, filter, limit, after, minPosition }: ListDocumentsQuery<unknown, object>): Promise<Page<unknown>> {
    await readModelsAt(this.runner, minPosition, [readModel.projection]);
    const where = withoutUndefined(filter) as Record<string, string>;
    return this.reads.list(readModel.projection, { where, limit, after });
  }
}

export const DOCUMENT_QUERY_HANDLERS = [GetDocumentHandler, ListDocumentsHandler];
