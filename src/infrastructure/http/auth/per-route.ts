import type { ExecutionContext, Type } from '@nestjs/common';

export type RouteTargets = [handler: (...args: never[]) => unknown, controller: Type<unknown>];

/**
 * What a guard reads from a route's metadata, read once per controller and
 * handler instead of on every request: the metadata is fixed once the app is
 * built. Keyed by both, since a handler a controller inherits may take the
 * class's metadata of another.
 */
export const perRoute = <T>(read: (targets: RouteTargets) => T): ((context: ExecutionContext) => T) => {
  const kept = new WeakMap<object, WeakMap<object, T>>();
  return (context) => {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = kept.get(controller);
    if (byHandler === undefined) kept.set(controller, (byHandler = new WeakMap()));
    if (!byHandler.has(handler)) byHandler.set(handler, read([handler as RouteTargets[0], controller]));
    return byHandler.get(handler) as T;
  };
};
