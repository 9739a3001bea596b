import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Principal } from '../../../application/access/access.service';

export const PUBLIC_ROUTE = 'ledger:public';
export const ROLES = 'ledger:roles';

/** Reachable without a key (health probes). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route; every non-public route must say. OpenAPI shows them as `x-roles`. */
export const Roles = (...roles: Principal['role'][]) =>
  applyDecorators(SetMetadata(ROLES, roles), ApiBearerAuth(), ApiExtension('x-roles', roles));

export type AuthenticatedRequest = { principal: Principal; headers: Record<string, string | string[] | undefined> };

/** The principal the guard attached: the acting library always comes from the key. */
export const Acting = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
