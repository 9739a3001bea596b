import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { HealthController } from '../../../src/infrastructure/http/health/health.controller';
import { ApiKeysController } from '../../../src/infrastructure/http/access/api-keys.controller';
import { FEATURES } from '../../../src/infrastructure/features';

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

type Controller = Type<unknown>;

const controllersOf = (module: Type<unknown> | DynamicModule): Controller[] =>
  'module' in module ? [...(module.controllers ?? []), ...controllersOf(module.module)] : (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []);

/** Every controller the app serves: the core ones and those of every feature. */
export const allControllers = (): Controller[] => [HealthController, ApiKeysController, ...FEATURES.flatMap((f) => controllersOf(f.module))];

/** "METHOD /path/:param" for every handler the controllers declare, read from Nest's own metadata. */
export const declaredRoutes = (controllers: readonly Controller[] = allControllers()): string[] =>
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
