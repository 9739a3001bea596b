import type { Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';

/** The DTO class of a handler's `@Query()` parameter, when it has one: what its query string may hold. */
export const queryDtoOf = (controller: Type<unknown>, handler: string): Type<unknown> | undefined => {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const entry = Object.entries(args).find(([key, arg]) => key.startsWith(`${RouteParamtypes.QUERY}:`) && arg.data === undefined);
  if (!entry) return undefined;
  const types = Reflect.getMetadata('design:paramtypes', controller.prototype, handler) as Type<unknown>[] | undefined;
  return types?.[entry[1].index];
};
