import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { ExecutionContext } from '@nestjs/common';
import { LedgerMetrics } from '../../../application/operations/ledger-metrics';
import type { Principal } from '../../../application/access/access.service';

/**
 * Rate limits per API key, not per address: many libraries may sit behind one
 * proxy, and one key must not starve the others. Runs after the key guard.
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  // A property, not a constructor parameter: the base class's constructor is Nest's to call.
  @Inject(LedgerMetrics) private readonly metrics!: LedgerMetrics;

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = request.principal as Principal | undefined;
    return principal ? `key:${principal.keyId}` : `ip:${String(request.ip)}`;
  }

  /** One count per key across every route (the base class keeps one per route, under a SHA-256 of its name). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}-${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    this.metrics.rateLimitRefused();
    return super.throwThrottlingException(context, detail);
  }
}
