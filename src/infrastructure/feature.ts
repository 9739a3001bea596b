import type { DynamicModule, Type } from '@nestjs/common';
import type { Projection } from '../application/projections/projection';

/**
 * One form of cooperation as the service wires it: a Nest module with its
 * controllers and CQRS handlers, and the read models it keeps.
 */
export type Feature = Readonly<{
  module: Type<unknown> | DynamicModule;
  projections: readonly Projection[];
}>;
