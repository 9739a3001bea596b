import { HttpException, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';
import type { ExecutionContext } from '@nestjs/common';
import { LedgerMetrics } from '../../../application/operations/ledger-metrics';
import type { Principal } from '../../../application/access/access.service';
import { perRoute, type RouteTargets } from './per-route';

/** What a route asks of the limiter: nothing (@SkipThrottle), the module's settings, or settings of its own. */
type RouteLimits = 'skipped' | 'module' | 'own';

const ROUTE_SETTINGS = [THROTTLER_LIMIT, THROTTLER_TTL, THROTTLER_BLOCK_DURATION, THROTTLER_TRACKER, THROTTLER_KEY_GENERATOR];

/**
 * Rate limits per API key, not per address: many libraries may sit behind one
 * proxy, and one key must not starve the others. Runs after the key guard.
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  // A property, not a constructor parameter: the base class's constructor is Nest's to call.
  @Inject(LedgerMetrics) private readonly metrics!: LedgerMetrics;
  private readonly routeLimits = perRoute<RouteLimits>((targets) => this.readRouteLimits(targets));

  /**
   * The base class reads six pieces of route metadata per throttler and awaits
   * each setting on every request (a CPU profile of the balance query put it
   * beside the query itself). Here they are read once per route (perRoute); a
   * route with settings of its own, or module settings computed per request,
   * still goes the base class's way.
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const limits = this.routeLimits(context);
    if (limits === 'skipped') return true;
    if (limits === 'own') return super.canActivate(context);
    for (const throttler of this.throttlers) {
      const ttl = throttler.ttl as number;
      await this.handleRequest({
        context,
        throttler,
        limit: throttler.limit as number,
        ttl,
        blockDuration: (throttler.blockDuration as number | undefined) ?? ttl,
        getTracker: throttler.getTracker ?? this.commonOptions.getTracker!,
        generateKey: throttler.generateKey ?? this.commonOptions.generateKey!,
      });
    }
    return true;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = request.principal as Principal | undefined;
    return principal ? `key:${principal.keyId}` : `ip:${String(request.ip)}`;
  }

  /** One count per key across every route (the base class keeps one per route, under a SHA-256 of its name). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}-${tracker}`;
  }

  /** Said as every refusal is (the base class's detail was its exception's name: "ThrottlerException: Too Many Requests"). */
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    this.metrics.rateLimitRefused();
    const per = detail.ttl === 60_000 ? 'a minute' : `in ${detail.ttl / 1000} s`;
    throw new HttpException(`this key has made its ${detail.limit} requests ${per}; retry after ${detail.timeToBlockExpire} s (Retry-After)`, 429);
  }

  private readRouteLimits(targets: RouteTargets): RouteLimits {
    const declared = (key: string, throttler: ThrottlerOptions) => this.reflector.getAllAndOverride<unknown>(key + throttler.name, targets) !== undefined;
    const skipped = (throttler: ThrottlerOptions) => this.reflector.getAllAndOverride<boolean>(THROTTLER_SKIP + throttler.name, targets) === true;
    if (this.throttlers.every(skipped)) return 'skipped';
    const perRequest = (throttler: ThrottlerOptions) =>
      typeof throttler.limit !== 'number' || typeof throttler.ttl !== 'number' || (throttler.blockDuration !== undefined && typeof throttler.blockDuration !== 'number') ||
      throttler.skipIf !== undefined || this.commonOptions.skipIf !== undefined;
    const own = this.throttlers.some((throttler) => skipped(throttler) || perRequest(throttler) || ROUTE_SETTINGS.some((key) => declared(key, throttler)));
    return own ? 'own' : 'module';
  }
}
