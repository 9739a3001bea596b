import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '../../../application/access/access.service';
import { Forbidden } from '../../../domain/shared/errors';
import { perRoute } from './per-route';
import { PUBLIC_ROUTE, ROLES, type AuthenticatedRequest } from './roles';

/** A route open to all, or the roles that may call it (none: closed to everyone). */
type RouteAccess = 'public' | readonly Principal['role'][];

/**
 * Every route needs a live key unless marked @Public (checked before the body
 * is read, see authenticate.hook.ts), and must declare its roles with @Roles:
 * a route that forgets is closed to everyone (deny by default).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly accessOf = perRoute<RouteAccess>((targets) =>
    this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ? 'public' : (this.reflector.getAllAndOverride<Principal['role'][]>(ROLES, targets) ?? []),
  );

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.accessOf(context);
    if (access === 'public') return true;

    const { principal } = context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>();
    // Only a route the key check did not know would arrive here without one.
    if (!principal) throw new UnauthorizedException('send an API key as "Authorization: Bearer <key>"');
    if (!access.includes(principal.role)) {
      const article = /^[aeiou]/.test(principal.role) ? 'an' : 'a';
      throw new Forbidden('role-not-allowed', `${article} ${principal.role} key may not do this: it takes a ${access.join(' or ')} key`);
    }
    return true;
  }
}
