"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serveOpenApi = exports.openApiDocument = void 0;
const swagger_1 = require("@nestjs/swagger");
// class-transformer keeps its @Type() registry here; it has no typed export path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage');
const class_validator_jsonschema_1 = require("class-validator-jsonschema");
const routes_1 = require("./routes");
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
            items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
    },
};
/** ISO 18626 messages travel as XML text, checked against the standard's XSD rather than a JSON schema. */
const ISO18626_MESSAGE = {
    type: 'string',
    format: 'xml',
    description: 'An ISO18626Message (version 1.2 or 2021-2, namespace http://illtransactions.org/2013/iso18626), validated against its XSD',
};
const ERRORS = {
    '400': 'Bad input: every field named in `errors`; nothing written',
    '401': 'No key, an unknown key or a revoked key',
    '403': 'The key’s role or library may not do this',
    '404': 'Not found',
    '408': 'Headers or body not received in time; the connection is closed',
    '409': 'A rule is broken (see `code`) or a concurrent change won',
    '413': 'Body too large',
    '414': 'A path parameter longer than 100 characters',
    '422': 'Idempotency-Key reused with another request',
    '429': 'Too many requests for this key, or too many failed authentications from this address (see Retry-After)',
};
/**
 * The OpenAPI document: paths and roles from the controllers, request and
 * query schemas from the class-validator rules the DTOs already carry (one
 * source of truth, nothing to keep in step), and the problem responses every
 * route can give.
 */
const openApiDocument = (app) => {
    const config = new swagger_1.DocumentBuilder()
        .setTitle('Resource-sharing ledger')
        .setDescription('Event-sourced ledger for library networks: loans, exchanges, rotations, cooperative acquisition, shared services. ' +
        'Commands accept an Idempotency-Key header. Roles per route are listed in x-roles.')
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key issued by a coordinator' })
        .build();
    const document = swagger_1.SwaggerModule.createDocument(app, config);
    const options = {
        classTransformerMetadataStorage: defaultMetadataStorage,
        refPointerPrefix: '#/components/schemas/',
        // OpenAPI 3.0 writes an exclusive bound as a boolean beside the bound, not as JSON Schema 2019's number.
        additionalConverters: { isPositive: { type: 'number', minimum: 0, exclusiveMinimum: true } },
    };
    const schemas = (0, class_validator_jsonschema_1.validationMetadatasToSchemas)(options);
    document.components = { ...document.components, schemas: { ...document.components?.schemas, ...schemas, Problem: PROBLEM_SCHEMA, Iso18626Message: ISO18626_MESSAGE } };
    addQueryParameters(document, options);
    for (const [path, item] of Object.entries(document.paths)) {
        for (const operation of Object.values(item)) {
            if (typeof operation !== 'object' || operation === null || !('responses' in operation))
                continue;
            const responses = operation.responses;
            for (const [status, description] of Object.entries(ERRORS)) {
                if (path.startsWith('/health') && status !== '503')
                    continue;
                responses[status] ??= { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
            }
        }
    }
    return document;
};
exports.openApiDocument = openApiDocument;
/**
 * Query DTOs carry no swagger decorators: their class-validator schema
 * (inherited rules included, so a DTO that only extends another still has
 * its parameters) becomes the operation's query parameters.
 */
const addQueryParameters = (document, options) => {
    for (const route of (0, routes_1.declaredRoutes)()) {
        if (!route.query)
            continue;
        const operation = document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
        const schema = (0, class_validator_jsonschema_1.targetConstructorToSchema)(route.query, options);
        if (!operation || !schema.properties)
            continue;
        operation.parameters = [
            ...(operation.parameters ?? []).filter((p) => !('in' in p) || p.in !== 'query'),
            ...Object.entries(schema.properties).map(([name, property]) => ({
                name,
                in: 'query',
                required: schema.required?.includes(name) ?? false,
                ...(property.description ? { description: property.description } : {}),
                schema: property,
            })),
        ];
    }
};
const serveOpenApi = (app) => {
    swagger_1.SwaggerModule.setup('docs', app, () => (0, exports.openApiDocument)(app), { jsonDocumentUrl: 'docs-json' });
};
exports.serveOpenApi = serveOpenApi;
//# sourceMappingURL=openapi.js.map