import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/** "METHOD /path/:param" for every handler the controllers declare, read from Nest's own metadata. */
export const declaredRoutes = (controllers: ReadonlyArray<new (...args: never[]) => unknown>): string[] =>
  controllers.flatMap((controller) => {
    const base = (Reflect.getMetadata(PATH_METADATA, controller) as string) ?? '';
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && Reflect.hasMetadata(METHOD_METADATA, prototype[name] as object))
      .map((name) => {
        const handler = prototype[name] as object;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        return `${method} ${join(base, Reflect.getMetadata(PATH_METADATA, handler) as string)}`;
      });
  });
