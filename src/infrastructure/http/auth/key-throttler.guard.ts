import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Principal } from '../../../application/access/access.service';

/**
 * Rate limits per API key, not per address: many libraries may sit behind one
 * proxy, and one key must not starve the others. Runs after the key guard.
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = request.principal as Principal | undefined;
    return principal ? `key:${principal.keyId}` : `ip:${String(request.ip)}`;
  }
}
