import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { perRoute } from '../auth/per-route';
import { PUBLIC_ROUTE } from '../auth/roles';
import { BadInput } from '../problem/problem';
import { queryDtoOf } from '../query-dto';

/**
 * A route that takes no query parameter refuses any, as a route with a
 * query DTO refuses one it does not know: a `minPosition` sent to a route
 * that does not wait for one would otherwise be dropped without a word. A
 * guard after the key's and the limiter's, so a key that may not call the
 * route is told that first. Public routes (health, metrics) are left alone:
 * probes and scrapers add parameters of their own.
 */
@Injectable()
export class NoQueryWhereNoneIsTaken implements CanActivate {
  private readonly takesNone = perRoute(
    ([handler, controller]) => this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [handler, controller]) !== true && queryDtoOf(controller, handler.name) === undefined,
  );

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.takesNone(context)) return true;
    const names = Object.keys((context.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as object);
    if (names.length === 0) return true;
    throw new BadInput(names.map((name) => (name ? { field: name, message: `property ${name} should not exist` } : { field: 'query', message: 'a query parameter must have a name' })));
  }
}
