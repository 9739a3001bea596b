import { JSONSchema } from 'class-validator-jsonschema';

/** What the OpenAPI document shows beside a field's rules: a value a client can send as it is. */
export const Example = (example: unknown, description?: string) => JSONSchema({ example, ...(description ? { description } : {}) });
