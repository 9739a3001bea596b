import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// class-transformer keeps its @Type() registry here; it has no typed export path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ANSWER_SCHEMAS } from './answer-schemas';
import { declaredRoutes, type DeclaredRoute } from './routes';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details with a stable code; bad input names every field.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', example: 'not-the-lender' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string', description: 'The field\'s path: a member after a dot, a list\'s element in brackets from 0, e.g. items[1].isbn' }, message: { type: 'string' } } },
    },
  },
};

/** ISO 18626 messages travel as XML text, checked against the standard's XSD rather than a JSON schema. */
const ISO18626_MESSAGE = {
  type: 'string',
  format: 'xml',
  description: 'An ISO18626Message (version 1.2 or 2021-2, namespace http://illtransactions.org/2013/iso18626), validated against its XSD',
};

const ERRORS: Record<string, string> = {
  '400': 'Bad input: every field named in `errors`; nothing written',
  '401': 'No key, an unknown key or a revoked key',
  '403': 'The key’s role or library may not do this',
  '404': 'Not found',
  '408': 'Headers or body not received in time; the connection is closed',
  '409': 'A rule is broken (see `code`) or a concurrent change won',
  '413': 'Body too large',
  '414': 'A path parameter longer than 100 characters',
  '415': 'A body that is not application/json, or is declared in another charset or a Content-Encoding',
  '422': 'Idempotency-Key reused with another request',
  '429': 'Too many requests for this key, too many live feeds open for it, or too many failed authentications from this address (see Retry-After)',
  '431': 'Request headers too large',
};

/** A body is read only for these methods: only they can be answered 415. */
const TAKES_BODY = new Set(['post', 'put', 'patch', 'delete']);

/**
 * The OpenAPI document: paths and roles from the controllers, request and
 * query schemas from the class-validator rules the DTOs already carry (one
 * source of truth, nothing to keep in step), each success answer from its
 * handler's @Answers, and the problem responses every route can give.
 */
export const openApiDocument = (app: INestApplication): OpenAPIObject => {
  const config = new DocumentBuilder()
    .setTitle('Resource-sharing ledger')
    .setDescription(
      'Event-sourced ledger for library networks: loans, exchanges, rotations, cooperative acquisition, shared services. ' +
        'Commands accept an Idempotency-Key header. Roles per route are listed in x-roles.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key issued by a coordinator' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const options = {
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
    // OpenAPI 3.0 writes an exclusive bound as a boolean beside the bound, not as JSON Schema 2019's number.
    additionalConverters: { isPositive: { type: 'number' as const, minimum: 0, exclusiveMinimum: true } },
  };
  const schemas = validationMetadatasToSchemas(options);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...schemas, ...ANSWER_SCHEMAS, Problem: PROBLEM_SCHEMA, Iso18626Message: ISO18626_MESSAGE } } as never;
  addQueryParameters(document, options);
  addAnswers(document);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as Array<[string, Record<string, unknown>]>) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const responses = operation.responses as Record<string, unknown>;
      for (const [status, description] of Object.entries(ERRORS)) {
        if (path.startsWith('/health') && status !== '503') continue;
        if (status === '415' && !TAKES_BODY.has(method)) continue;
        responses[status] ??= { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
      }
    }
  }
  return document;
};

const operationOf = (document: OpenAPIObject, route: DeclaredRoute) =>
  document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase() as 'get'];

/** Each handler's @Answers, under the success status Nest documents for it (from @HttpCode or the method). */
const addAnswers = (document: OpenAPIObject): void => {
  for (const route of declaredRoutes()) {
    const operation = operationOf(document, route);
    if (!operation || !route.answer) continue;
    const status = Object.keys(operation.responses).find((code) => code.startsWith('2')) ?? '200';
    const { description, content } = route.answer;
    operation.responses[status] = Object.keys(content).length === 0 ? { description } : { description, content };
  }
};

type PropertySchema = { description?: string; example?: unknown };
type ObjectSchema = { properties?: Record<string, PropertySchema>; required?: string[] };

/**
 * Query DTOs carry no swagger decorators: their class-validator schema
 * (inherited rules included, so a DTO that only extends another still has
 * its parameters) becomes the operation's query parameters.
 */
const addQueryParameters = (document: OpenAPIObject, options: Parameters<typeof targetConstructorToSchema>[1]): void => {
  for (const route of declaredRoutes()) {
    if (!route.query) continue;
    const operation = operationOf(document, route);
    const schema = targetConstructorToSchema(route.query, options) as ObjectSchema;
    if (!operation || !schema.properties) continue;
    operation.parameters = [
      ...(operation.parameters ?? []).filter((p) => !('in' in p) || p.in !== 'query'),
      ...Object.entries(schema.properties).map(([name, property]) => ({
        name,
        in: 'query' as const,
        required: schema.required?.includes(name) ?? false,
        ...(property.description ? { description: property.description } : {}),
        schema: property as object,
      })),
    ];
  }
};

export const serveOpenApi = (app: INestApplication): void => {
  SwaggerModule.setup('docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
};
