import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DECORATORS } from '@nestjs/swagger';
import { FEATURES } from '../features';
import { ApiKeysController } from './access/api-keys.controller';
import { ANSWER, type Answer } from './answers';
import { PUBLIC_ROUTE } from './auth/roles';
import { HealthController, ReadinessDetailsController } from './health/health.controller';
import { NOT_IDEMPOTENT } from './idempotency/idempotency';
import { XML_MEDIA_TYPES } from './iso18626/xml-body';
import { MetricsController } from './operations/metrics.controller';
import { ProjectionsController } from './projections/projections.controller';
import { queryDtoOf } from './query-dto';

type Controller = Type<unknown>;

/** One route as a controller declares it, read from Nest's own metadata. */
export type DeclaredRoute = Readonly<{
  method: string;
  /** With `:param` placeholders, as Nest and Fastify write them. */
  path: string;
  /** The DTO class of its `@Query()` parameter, when it has one. */
  query?: Type<unknown>;
  /** Reachable without a key (@Public). */
  public: boolean;
  /** Marked @NotIdempotent: its answers are never kept under an Idempotency-Key. */
  notIdempotent: boolean;
  /** Takes an XML body (its @ApiConsumes names an XML media type). */
  xml: boolean;
  /** What it answers on success (@Answers), for the OpenAPI document. */
  answer?: Answer;
}>;

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

const controllersOf = (module: Type<unknown> | DynamicModule): Controller[] =>
  'module' in module
    ? [...(module.controllers ?? []), ...controllersOf(module.module)]
    : (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []);

/** The controllers of no feature: health, keys, read models, metrics. */
export const CORE_CONTROLLERS: readonly Controller[] = [HealthController, ReadinessDetailsController, ApiKeysController, ProjectionsController, MetricsController];

/** Every controller the service serves: the core ones and those of every feature. */
export const allControllers = (): Controller[] => [...CORE_CONTROLLERS, ...FEATURES.flatMap((f) => controllersOf(f.module))];

/** Every route of the given controllers (all of them by default). */
export const declaredRoutes = (controllers: readonly Controller[] = allControllers()): DeclaredRoute[] =>
  controllers.flatMap((controller) => {
    const base = (Reflect.getMetadata(PATH_METADATA, controller) as string) ?? '';
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && Reflect.hasMetadata(METHOD_METADATA, prototype[name] as object))
      .map((name) => {
        const handler = prototype[name] as object;
        const query = queryDtoOf(controller, name);
        const answer = Reflect.getMetadata(ANSWER, handler) as Answer | undefined;
        return {
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
          path: join(base, Reflect.getMetadata(PATH_METADATA, handler) as string),
          public: Reflect.getMetadata(PUBLIC_ROUTE, handler) === true || Reflect.getMetadata(PUBLIC_ROUTE, controller) === true,
          notIdempotent: Reflect.getMetadata(NOT_IDEMPOTENT, handler) === true,
          xml: ((Reflect.getMetadata(DECORATORS.API_CONSUMES, handler) ?? []) as string[]).some((type) => XML_MEDIA_TYPES.includes(type)),
          ...(query ? { query } : {}),
          ...(answer ? { answer } : {}),
        };
      });
  });

/** "POST /path/:param" of every command: each POST that needs a key, unless marked @NotIdempotent. */
export const idempotentRoutes = (): ReadonlySet<string> =>
  new Set(declaredRoutes().filter((route) => route.method === 'POST' && !route.public && !route.notIdempotent).map(({ path }) => `POST ${path}`));

/** "METHOD /path/:param" of every route that needs an API key. */
export const keyedRoutes = (): ReadonlySet<string> =>
  new Set(declaredRoutes().filter((route) => !route.public).map(({ method, path }) => `${method} ${path}`));

/** "METHOD /path/:param" of every route that takes an XML body. */
export const xmlRoutes = (): ReadonlySet<string> =>
  new Set(declaredRoutes().filter((route) => route.xml).map(({ method, path }) => `${method} ${path}`));
