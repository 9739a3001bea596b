import { Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { CommandContext } from '../../../application/commands/command-context';
import { canonicalJson } from '../../../application/event-store/hash-chain';
import { Iso18626InboundService } from '../../../application/iso18626/iso18626-inbound.service';
import { Iso18626Exchanges } from '../../../application/iso18626/iso18626-exchanges';
import { Iso18626Refusal } from '../../../domain/iso18626';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { assertSchemaValid } from '../../iso18626/iso18626.schemas';
import { inboundOf, readMessage, renderConfirmation, withoutPatron } from '../../iso18626/iso18626.xml';
import { Answers, AnswersIn } from '../answers';
import { Provenance } from '../auth/command-context.decorator';
import { Roles } from '../auth/roles';
import { NotIdempotent } from '../idempotency/idempotency';
import { ReadYourWritesDto } from '../validation/fields';
import { UuidParam } from '../validation/validation';
import { Iso18626ErrorFilter, XML_CONTENT_TYPE } from './iso18626.filter';
import { XML_MEDIA_TYPES, type XmlRequest } from './xml-body';

export const ISO18626_MESSAGE_SCHEMA = 'Iso18626Message';

/** ISO 18626 on the wire: messages in, their confirmations out, and the kept messages of a loan. */
@Controller('v1')
export class Iso18626Controller {
  constructor(
    private readonly inbound: Iso18626InboundService,
    private readonly exchanges: Iso18626Exchanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A request, supplyingAgencyMessage or requestingAgencyMessage (version 1.2
   * or 2021-2), answered with its confirmation: OK, or ERROR with errorData,
   * always 200 and XML. The speaking agency must be the key's library.
   */
  @Post('iso18626') @HttpCode(200) @Roles('librarian') @NotIdempotent() @UseFilters(Iso18626ErrorFilter)
  @Header('content-type', XML_CONTENT_TYPE)
  @ApiConsumes(...XML_MEDIA_TYPES) @ApiProduces('application/xml')
  @ApiBody({ schema: { $ref: `#/components/schemas/${ISO18626_MESSAGE_SCHEMA}` } })
  @AnswersIn('The confirmation: messageStatus OK, or ERROR with errorData (errors are never problem documents)', { 'application/xml': { $ref: `#/components/schemas/${ISO18626_MESSAGE_SCHEMA}` } })
  async receive(@Req() request: XmlRequest & { iso18626ReceivedAt?: Date }, @Provenance() context: CommandContext): Promise<string> {
    // Read from the request, not @Body(): the body is XML text, which the JSON validation pipe refuses.
    const body: unknown = request.body;
    const receivedAt = (request.iso18626ReceivedAt = this.clock.now());
    if (request.unreadableXml !== undefined) throw new Iso18626Refusal('BadlyFormedMessage', request.unreadableXml);
    if (typeof body !== 'string') throw new Iso18626Refusal('BadlyFormedMessage', 'send one ISO18626Message as XML (Content-Type application/xml or text/xml)');
    const read = readMessage(body);
    await assertSchemaValid(body, read.version);
    const message = inboundOf(read);
    // A request can come only once under its ids: one sent again at a later time (a new header timestamp) is a repeat.
    // Later messages keep their timestamp in the digest, so a second Renew is a second renewal.
    const content = read.kind === 'request' ? { ...read.body, header: { ...(read.body.header as object), timestamp: undefined } } : read.body;
    const digest = createHash('sha256').update(canonicalJson({ version: read.version, [read.kind]: content })).digest('hex');
    // Kept without who the patron is: the ledger has no use for it, and keeps every message for good.
    return this.inbound.receive({ message, version: read.version, xml: withoutPatron(body), digest, receivedAt }, context, () =>
      renderConfirmation({
        version: read.version,
        kind: read.kind,
        header: message.header,
        echo: message.kind === 'supplyingAgencyMessage' ? message.reasonForMessage : message.kind === 'requestingAgencyMessage' ? message.action : undefined,
        timestamp: this.clock.now().toISOString(),
        timestampReceived: receivedAt.toISOString(),
      }));
  }

  /** Every ISO 18626 message kept with the loan, in and out, oldest first, verbatim. */
  @Get('loans/:id/iso18626') @Roles('coordinator', 'librarian', 'auditor')
  @Answers('The loan’s ISO 18626 messages, in and out, oldest first, verbatim with their confirmations', 'Iso18626LoanMessages')
  messages(@Param('id', UuidParam('id')) loanId: string, @Query() { minPosition }: ReadYourWritesDto) {
    return this.exchanges.of(loanId, minPosition);
  }
}
