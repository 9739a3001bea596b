import { Controller, Get, Headers, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { AuditService } from '../../../application/audit/audit.service';
import { windowHolds } from '../../../application/audit/log-verifier';
import { Answers, AnswersIn } from '../answers';
import { Roles } from '../auth/roles';
import { BadInput } from '../problem/problem';
import { AuditWindowDto, ProofDto, VerifyDto } from './audit.dto';

/**
 * Auditors and coordinators read everything here. Every key may fetch the
 * public keys (a partner checks a proof with them); subscribers, who follow
 * the log, may also take a signed head to detect a truncated log; librarians
 * are handed proofs rather than reading the log (ARCHITECTURE §7).
 */
const AUDITORS = ['coordinator', 'auditor'] as const;

const windowOf = ({ from, to }: AuditWindowDto) => {
  if (from !== undefined && to !== undefined && BigInt(from) > BigInt(to)) throw new BadInput([{ field: 'to', message: 'to must not be before from' }]);
  return { ...(from === undefined ? {} : { from: BigInt(from).toString() }), ...(to === undefined ? {} : { to: BigInt(to).toString() }) };
};

@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The public keys of every seal ever signed here, as a JWK set (RFC 7517), old keys kept after a rotation. */
  @Get('keys')
  @Roles('coordinator', 'auditor', 'librarian', 'subscriber')
  @Answers('The public keys of every seal, as a JWK set', 'JwkSet')
  async keys() {
    return { keys: await this.audit.publicKeys() };
  }

  /** Recomputes every hash, chain, seal root and signature; answers the counts or the first mismatch. */
  @Get('verify')
  @Roles(...AUDITORS)
  @Answers('verified true with the counts, or false with the first mismatch', 'AuditVerification')
  verify(@Query() query: VerifyDto) {
    const { headPosition, headHash } = query;
    if ((headPosition === undefined) !== (headHash === undefined)) {
      throw new BadInput([{ field: headPosition === undefined ? 'headPosition' : 'headHash', message: 'headPosition and headHash come together' }]);
    }
    const head = headPosition === undefined ? undefined : { position: BigInt(headPosition).toString(), hash: headHash! };
    const window = windowOf(query);
    // A window that does not reach the kept head cannot hold it: that says nothing of a truncation.
    if (head !== undefined && !windowHolds(window, head.position)) {
      throw new BadInput([{ field: 'headPosition', message: 'headPosition must lie within from and to: the window checked must hold the kept head' }]);
    }
    return this.audit.verify(window, head);
  }

  /** Every event and seal with its hashes, as NDJSON after a header line; gzip when the client accepts it. */
  @Get('export')
  @Roles(...AUDITORS)
  @ApiProduces('application/x-ndjson')
  @AnswersIn('The log as NDJSON', { 'application/x-ndjson': 'AuditExport' })
  export(@Query() query: AuditWindowDto, @Headers('accept-encoding') acceptEncoding: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const lines = this.audit.exportStream(windowOf(query));
    void reply.header('content-disposition', 'attachment; filename="ledger-export.ndjson"');
    if (!/\bgzip\b/.test(acceptEncoding ?? '')) return new StreamableFile(lines, { type: 'application/x-ndjson' });
    void reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
    return new StreamableFile(pipeline(lines, createGzip(), () => undefined), { type: 'application/x-ndjson' });
  }

  /** The RFC 9162 audit path of one event to the Merkle root of its seal, with the signed seal and its key. */
  @Get('proof')
  @Roles(...AUDITORS)
  @Answers('The event, its audit path and the signed seal over it', 'InclusionProof')
  proof(@Query() { eventId }: ProofDto) {
    return this.audit.proof(eventId);
  }

  /** The newest event's position and hash, signed: keep it outside the ledger to detect a truncated log later. */
  @Get('head')
  @Roles(...AUDITORS, 'subscriber')
  @Answers('The newest event’s position and hash, signed', 'SignedHead')
  head() {
    return this.audit.head();
  }
}
