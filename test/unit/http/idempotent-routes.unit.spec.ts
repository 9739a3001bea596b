import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { IdempotencyInterceptor, onCommandRoutes } from '../../../src/infrastructure/http/idempotency/idempotency.interceptor';
import { allControllers } from '../../../src/infrastructure/http/routes';

const handlers = () =>
  allControllers().flatMap((controller) => {
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && typeof prototype[name] === 'function' && Reflect.hasMetadata(METHOD_METADATA, prototype[name] as object))
      .map((name) => ({ name: `${controller.name}.${name}`, handler: prototype[name] as object }));
  });

const interceptorsOf = (handler: object) => (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];

describe('the idempotency interceptor on command routes', () => {
  beforeAll(() => {
    onCommandRoutes(allControllers());
    // Again, as each app built in one process does: nothing is added twice.
    onCommandRoutes(allControllers());
  });

  it('sits once on every POST handler', () => {
    const posts = handlers().filter(({ handler }) => Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST);
    expect(posts.length).toBeGreaterThan(20);
    for (const { name, handler } of posts) {
      expect({ name, count: interceptorsOf(handler).filter((i) => i === IdempotencyInterceptor).length }).toEqual({ name, count: 1 });
    }
  });

  it('sits on no other handler, so queries run without an interceptor chain', () => {
    const others = handlers().filter(({ handler }) => Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST);
    expect(others.length).toBeGreaterThan(20);
    for (const { name, handler } of others) expect({ name, idempotent: interceptorsOf(handler).includes(IdempotencyInterceptor) }).toEqual({ name, idempotent: false });
  });
});
