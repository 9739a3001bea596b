import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '../../../application/access/access.service';
import { Forbidden } from '../../../domain/shared/errors';
import { PUBLIC_ROUTE, ROLES, type AuthenticatedRequest } from './roles';

/**
 * Every route needs a live key unless marked @Public (checked before the body
 * is read, see authenticate.hook.ts), and must declare its roles with @Roles:
 * a route that forgets is closed to everyone (deny by default).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const { principal } = context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>();
    // Only a route the key check did not know would arrive here without one.
    if (!principal) throw new UnauthorizedException('send an API key as "Authorization: Bearer <key>"');
    const roles = this.reflector.getAllAndOverride<Principal['role'][]>(ROLES, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new Forbidden('role-not-allowed', `a ${principal.role} key may not do this`);
    }
    return true;
  }
}
