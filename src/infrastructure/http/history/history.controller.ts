import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ReadLogQuery, ReadStreamQuery } from '../../../application/history/history.queries';
import { NotFound } from '../../../domain/shared/errors';
import { Answers } from '../answers';
import { Roles } from '../auth/roles';
import { BadInput } from '../problem/problem';
import { Example, ReadYourWritesDto } from '../validation/fields';
import { IsResumePoint, readResumePoint } from '../validation/time';

/** A category (lower-case letters, then digits as in `iso18626`), a hyphen, the id. */
const STREAM_ID = /^[a-z][a-z0-9]*-[A-Za-z0-9:/-]{1,64}$/;

export class ReadLogDto extends ReadYourWritesDto {
  /** A position, or the id (position.hash-prefix) of the last event read: then checked to be in this log. */
  @IsOptional() @IsResumePoint('after') after?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) @Example(100) limit?: number;
  /** Comma-separated event types. */
  @IsOptional() @IsString() @MaxLength(2000) @Matches(/^[A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9]*)*$/, { message: 'types must be event type names separated by commas' })
  @Example('LoanRequested,LoanShipped')
  types?: string;
  @IsOptional() @IsString() @Matches(STREAM_ID, { message: 'stream must be a stream id such as loan-<uuid>' })
  @Example('partner-DE-1')
  stream?: string;
}

/** The log itself, for auditors who replay it and systems that follow it. */
@Controller('v1')
@Roles('coordinator', 'auditor', 'subscriber')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  /** The global log, oldest first; continue with `after=<next>`. */
  @Get('events')
  @Answers('Events of the log after `after`, oldest first, and where to continue', 'EventPage')
  events(@Query() { after, limit, types, stream, minPosition }: ReadLogDto) {
    return this.queries.execute(new ReadLogQuery(after === undefined ? null : readResumePoint(after), limit ?? 100, types ? types.split(',') : [], stream, minPosition));
  }

  /** Every event of one stream, in version order, with its hashes. */
  @Get('streams/:streamId')
  @Answers('Every event of the stream, in version order, with its hashes', 'EventStream')
  async stream(@Param('streamId') streamId: string, @Query() { minPosition }: ReadYourWritesDto) {
    if (!STREAM_ID.test(streamId)) throw new BadInput([{ field: 'streamId', message: 'streamId must be a stream id such as loan-<uuid>' }]);
    const events = await this.queries.execute(new ReadStreamQuery(streamId, minPosition));
    if (events.length === 0) throw new NotFound('stream-not-found', `there is no stream ${streamId}`);
    return { streamId, version: events[events.length - 1].streamVersion, events };
  }
}
