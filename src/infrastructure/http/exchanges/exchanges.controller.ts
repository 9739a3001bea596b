import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CommandContext } from '../../../application/commands/command-context';
import {
  ExchangeStepMessage, ProposeExchangeMessage, exchangesReadModel,
} from '../../../application/exchanges/exchange.messages';
import type { ExchangeItemInput } from '../../../domain/exchanges';
import { NotFound } from '../../../domain/shared/errors';
import { GetDocumentQuery, ListDocumentsQuery } from '../../../application/queries/document.queries';
import { Answers, AnswersCommand, minted } from '../answers';
import { Roles } from '../auth/roles';
import { Provenance } from '../auth/command-context.decorator';
import { UuidParam } from '../validation/validation';
import { DEFAULT_PAGE_SIZE, NoBodyDto, ReadYourWritesDto } from '../validation/fields';
import { ExchangeReasonDto, ListExchangesDto, ProposeExchangeDto, type ExchangeItemDto } from './exchange.dto';

const READERS = ['coordinator', 'librarian', 'auditor'] as const;

/** The DTO as the domain reads it: absent fields left out, the price a plain object. */
const itemInput = ({ title, isbn, author, publisher, year, pages, price, note }: ExchangeItemDto): ExchangeItemInput => ({
  title,
  ...(isbn === undefined ? {} : { isbn }),
  ...(author === undefined ? {} : { author }),
  ...(publisher === undefined ? {} : { publisher }),
  ...(year === undefined ? {} : { year }),
  ...(pages === undefined ? {} : { pages }),
  ...(price === undefined ? {} : { price: { amount: price.amount, currency: price.currency } }),
  ...(note === undefined ? {} : { note }),
});

@Controller('v1/exchanges')
export class ExchangesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The proposer is the library of the key that asks. */
  @Post()
  @Roles('librarian')
  @AnswersCommand('Proposed: the ExchangeProposed event written, and the new exchange’s id', minted('exchangeId', 'The new exchange'))
  propose(@Body() body: ProposeExchangeDto, @Provenance() context: CommandContext) {
    const { agreementId, counterpart, offered, requested } = body;
    return this.commands.execute(
      new ProposeExchangeMessage(
        { agreementId, counterpart, offered: offered.map(itemInput), requested: requested.map(itemInput) },
        context,
      ),
    );
  }

  @Post(':id/accept') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Accepted: the ExchangeAccepted event written')
  accept(@Param('id', UuidParam('id')) exchangeId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'AcceptExchange', data: { exchangeId } }, context);
  }

  @Post(':id/decline') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Declined: the ExchangeDeclined event written')
  decline(@Param('id', UuidParam('id')) exchangeId: string, @Body() { reason }: ExchangeReasonDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'DeclineExchange', data: { exchangeId, reason } }, context);
  }

  /** The key's library sends its side. */
  @Post(':id/dispatch') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Sent: the ExchangeItemsDispatched event written')
  dispatch(@Param('id', UuidParam('id')) exchangeId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'DispatchExchangeItems', data: { exchangeId } }, context);
  }

  /** The key's library receives the other side's items. */
  @Post(':id/receive') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Received: the ExchangeItemsReceived event written, and ExchangeCompleted once both sides have')
  receive(@Param('id', UuidParam('id')) exchangeId: string, @Body() _: NoBodyDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'ReceiveExchangeItems', data: { exchangeId } }, context);
  }

  @Post(':id/cancel') @HttpCode(200) @Roles('librarian')
  @AnswersCommand('Cancelled: the ExchangeCancelled event written')
  cancel(@Param('id', UuidParam('id')) exchangeId: string, @Body() { reason }: ExchangeReasonDto, @Provenance() context: CommandContext) {
    return this.step({ type: 'CancelExchange', data: { exchangeId, reason } }, context);
  }

  @Get()
  @Roles(...READERS)
  @Answers('A page of exchanges', 'ExchangePage')
  list(@Query() { proposer, counterpart, status, agreementId, limit, cursor, minPosition }: ListExchangesDto) {
    const filter = { proposer: proposer, counterpart: counterpart, status, agreementId };
    return this.queries.execute(new ListDocumentsQuery(exchangesReadModel, filter, limit ?? DEFAULT_PAGE_SIZE, cursor, minPosition));
  }

  @Get(':id')
  @Roles(...READERS)
  @Answers('The exchange', 'Exchange')
  async get(@Param('id', UuidParam('id')) exchangeId: string, @Query() { minPosition }: ReadYourWritesDto) {
    const exchange = await this.queries.execute(new GetDocumentQuery(exchangesReadModel, exchangeId, minPosition));
    if (!exchange) throw new NotFound('exchange-not-found', `there is no exchange ${exchangeId}`);
    return exchange;
  }

  private step(command: ExchangeStepMessage['command'], context: CommandContext) {
    return this.commands.execute(new ExchangeStepMessage(command, context));
  }
}
