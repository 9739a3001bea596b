import { Inject, Injectable } from '@nestjs/common';
import { claimDecider, type AcquisitionClaimed, type AcquisitionClaimTransferred, type ClaimCommand } from '../../domain/claims';
import type { HoldingsRegistered } from '../../domain/holdings';
import type { CommandContext, CommandResult } from '../commands/command-context';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { handleCommand } from '../commands/handle-command';
import { streams } from '../cooperation/streams';
import type { Position, RecordedEvent } from '../ports/event-store.port';
import { READ_STORE, type ReadStore } from '../ports/read-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { CLAIMS_PROJECTION, type ClaimView } from './claims.projection';

const BATCH = 500;

/**
 * The rule that spans the claim and holdings streams: never an active,
 * unflagged claim on a title another library is listed as holding. A claim
 * reads the catalogue and a registration the claims, each as the read models
 * had them at some position; what committed between that position and its
 * own append is read from the log. So whichever of the two commits second
 * sees the other, and flags the claim (AcquisitionClaimFlagged) before it
 * answers: once both have answered, the flag is in the log.
 */
@Injectable()
export class HeldElsewhere {
  constructor(
    private readonly deps: CommandDepsProvider,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /** Read before the read models are: what they show includes the log up to here. */
  foldedUpTo(): Position | null {
    return this.runner.status().position;
  }

  /**
   * After a claim committed at `written`, given the holders the catalogue
   * listed when it was at `seenAt`: the other libraries holding the title
   * (flagged on the claim; none when it is clear) and what the flag wrote.
   */
  async afterClaim(
    isbn: string, claimant: string, seen: readonly string[], seenAt: Position | null, written: Position, context: CommandContext,
  ): Promise<{ heldBy: string[]; flagged: CommandResult | null }> {
    const holders = new Set(seen);
    for (const event of await this.logBetween(seenAt, written, 'HoldingsRegistered')) {
      const { isil, items } = (event as unknown as HoldingsRegistered).data;
      if (items.some((item) => item.isbn13 === isbn)) holders.add(isil);
    }
    holders.delete(claimant);
    if (holders.size === 0) return { heldBy: [], flagged: null };
    return { heldBy: [...holders], flagged: await this.flag(isbn, [...holders], context) };
  }

  /**
   * After a library's registration of `isbns` committed at `written`: flags every active claim of another library on
   * them. The last position it wrote at, `written` when it flagged none.
   */
  async afterHoldings(isil: string, isbns: readonly string[], written: Position, context: CommandContext): Promise<Position> {
    const seenAt = this.foldedUpTo();
    const titles = new Set(isbns);
    const claims = await this.reads.load(CLAIMS_PROJECTION, [...titles]);
    const claimed = new Set([...claims].filter(([, claim]) => (claim as ClaimView).status === 'active').map(([isbn]) => isbn));
    for (const event of await this.logBetween(seenAt, written, 'AcquisitionClaimed', 'AcquisitionClaimTransferred')) {
      const { isbn } = (event as unknown as AcquisitionClaimed | AcquisitionClaimTransferred).data;
      if (titles.has(isbn)) claimed.add(isbn);
    }
    let last = written;
    for (const isbn of claimed) last = (await this.flag(isbn, [isil], context)).position ?? last;
    return last;
  }

  /** The decider flags only an active claim of another library, once per holder. */
  private flag(isbn: string, heldBy: readonly string[], context: CommandContext) {
    const system = { role: 'system' as const };
    return handleCommand(
      this.deps,
      streams.claim(isbn),
      claimDecider,
      (now): ClaimCommand => ({ type: 'FlagClaimHeldElsewhere', data: { isbn, heldBy }, metadata: { now, actor: system } }),
      { actor: system, correlationId: context.correlationId, causationId: context.causationId },
    );
  }

  /** Events of the given types after `after`, up to and including `upTo`. */
  private async logBetween(after: Position | null, upTo: Position, ...types: string[]): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    for (let from = after; from === null || BigInt(from) < BigInt(upTo); ) {
      const { events, lookedTo } = await this.deps.store.readMatching({ after: from, limit: BATCH, types });
      for (const event of events) if (BigInt(event.position) <= BigInt(upTo)) found.push(event);
      if (lookedTo === null) break;
      from = lookedTo;
    }
    return found;
  }
}
