import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessService, type Principal } from '../../../application/access/access.service';
import { Forbidden } from '../../../domain/shared/errors';
import { PUBLIC_ROUTE, ROLES, type AuthenticatedRequest } from './roles';

const BEARER = /^Bearer\s+(\S{1,512})$/i;

/**
 * Every route needs a live key unless marked @Public, and must declare its
 * roles with @Roles: a route that forgets is closed to everyone (deny by default).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) throw new UnauthorizedException('send an API key as "Authorization: Bearer <key>"');
    const principal = await this.access.authenticate(match[1]);
    if (!principal) throw new UnauthorizedException('the API key is unknown or has been revoked');
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Principal['role'][]>(ROLES, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new Forbidden('role-not-allowed', `a ${principal.role} key may not do this`);
    }
    return true;
  }
}
