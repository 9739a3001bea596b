import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { IsString, MaxLength } from 'class-validator';
import { NewAcquisitionsQuery, SearchCatalogQuery } from '../../../application/catalog/catalog.queries';
import { toIsbn13 } from '../../../domain/shared/isbn';
import { Answers } from '../answers';
import { Roles } from '../auth/roles';
import { readDayOrInstant } from '../../../domain/shared/dates';
import { IsDayOrInstant } from '../validation/time';
import { BadInput } from '../problem/problem';
import { DEFAULT_PAGE_SIZE, Example, Optional, PageQueryDto } from '../validation/fields';

const READERS = ['coordinator', 'librarian', 'auditor'] as const;

export class SearchCatalogDto extends PageQueryDto {
  @Optional() @IsString() @MaxLength(32) @Example('9780306406157') isbn?: string;
  /** Words of the title, separated by spaces; every one must appear. */
  @Optional() @IsString() @MaxLength(200) @Example('Havelaar') q?: string;
}

export class NewAcquisitionsDto extends PageQueryDto {
  @IsString() @MaxLength(40) @IsDayOrInstant('since') since!: string;
}

/** The union catalogue of who holds what, fed by registered holdings and fulfilled acquisition claims. */
@Controller('v1/catalog')
@Roles(...READERS)
export class CatalogController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Answers('A page of titles that match, and who holds each', 'CatalogPage')
  search(@Query() { isbn, q, limit, cursor, minPosition }: SearchCatalogDto) {
    if (isbn !== undefined && q !== undefined) throw new BadInput([{ field: 'q', message: 'search by isbn or by q, not both' }]);
    const words = q?.trim().split(/\s+/).filter(Boolean) ?? [];
    if (words.length > 10) throw new BadInput([{ field: 'q', message: 'q may have at most 10 words' }]);
    const isbn13 = isbn === undefined ? undefined : toIsbn13(isbn, 'isbn');
    return this.queries.execute(new SearchCatalogQuery({ isbn13, words }, limit ?? DEFAULT_PAGE_SIZE, cursor, minPosition));
  }

  /** Titles acquired by a partner since the date, newest entries first. */
  @Get('new-acquisitions')
  @Answers('A page of titles acquired since the date, newest first', 'CatalogPage')
  newAcquisitions(@Query() { since, limit, cursor, minPosition }: NewAcquisitionsDto) {
    return this.queries.execute(new NewAcquisitionsQuery(readDayOrInstant(since)!, limit ?? DEFAULT_PAGE_SIZE, cursor, minPosition));
  }
}
