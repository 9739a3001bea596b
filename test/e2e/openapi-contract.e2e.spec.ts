import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { get } from 'node:http';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/application/ports/event-store.port';
import { ADMIN_KEY, bearer, type RunningLedger } from './support/ledger-app';
import { catalogueProblems } from '../support/event-catalogue';
import { declaredRoutes } from './support/declared-routes';
import { driveEveryRoute, EVERY_ROUTE_ENV, EVERY_ROUTE_TERMS, type Answer } from './support/every-route';
import type { Delivery } from './support/webhook-receiver';
import { useLedger } from './support/use-ledger';

type Schema = { [keyword: string]: unknown };
type Operation = { responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const COMPONENT = '#/components/schemas/';

/**
 * A schema of the document as strict JSON Schema, references inlined:
 * OpenAPI 3.0's `nullable` becomes a union with null, the members of an
 * `allOf` are merged into one object, and an object that does not say what
 * else it allows allows nothing else, so a field the service answers but the
 * document does not name fails the check.
 */
const strictSchema = (schema: Schema, components: Record<string, Schema>): Schema => {
  const strict = (inner: Schema) => strictSchema(inner, components);
  const { nullable, example: _example, ...rest } = schema;
  if (nullable === true) return { anyOf: [strict(rest), { type: 'null' }] };
  if (typeof rest.$ref === 'string') return strict(components[rest.$ref.slice(COMPONENT.length)]);
  if (Array.isArray(rest.allOf)) {
    const { allOf, ...others } = rest;
    const members = (allOf as Schema[]).map((member) => (typeof member.$ref === 'string' ? components[member.$ref.slice(COMPONENT.length)] : member));
    return strict({
      ...others,
      type: 'object',
      required: members.flatMap((member) => (member.required as string[] | undefined) ?? []),
      properties: Object.assign({}, ...members.map((member) => member.properties ?? {})),
    });
  }
  const out: Schema = { ...rest };
  if (rest.properties) out.properties = Object.fromEntries(Object.entries(rest.properties as Record<string, Schema>).map(([name, p]) => [name, strict(p)]));
  if (rest.items) out.items = strict(rest.items as Schema);
  if (typeof rest.additionalProperties === 'object') out.additionalProperties = strict(rest.additionalProperties as Schema);
  for (const keyword of ['oneOf', 'anyOf'] as const) if (Array.isArray(rest[keyword])) out[keyword] = (rest[keyword] as Schema[]).map(strict);
  if (rest.type === 'object' && rest.properties && !('additionalProperties' in rest)) out.additionalProperties = false;
  return out;
};

const JSON_MEDIA = 'application/json';

type LiveEvent = Readonly<{ id: string; event: string; data: unknown }>;

/** The position a live feed's `id:` names (before the dot and the start of the event's hash). */
const positionOf = (id: string) => id.split('.')[0];

/** The live feed from the start of the log up to the event at `head`, as a subscriber reads it (Server-Sent Events). */
const liveFeedTo = (ledger: RunningLedger, head: string) =>
  new Promise<LiveEvent[]>((resolve, reject) => {
    const events: LiveEvent[] = [];
    let text = '';
    const request = get(`${ledger.url}/v1/events/live?after=0`, { headers: bearer(ADMIN_KEY) }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const fields = Object.fromEntries(text.slice(0, end).split('\n').filter((line) => !line.startsWith(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
          text = text.slice(end + 2);
          if (fields.data === undefined) continue;
          events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
          if (positionOf(fields.id) === head) {
            request.destroy();
            resolve(events);
          }
        }
      });
    });
    request.on('error', (error) => (events.at(-1) !== undefined && positionOf(events.at(-1)!.id) === head ? undefined : reject(error)));
  });

describe('the OpenAPI and AsyncAPI documents and the event catalogue, held to what the service answers, records and delivers', () => {
  const { ledger, world } = useLedger({ env: EVERY_ROUTE_ENV, terms: EVERY_ROUTE_TERMS });
  let answers: Answer[];
  let deliveries: Delivery[];

  beforeAll(async () => {
    ({ answers, deliveries } = await driveEveryRoute(ledger(), world()));
  }, 120_000);

  it('describes every success answer of every route: its status, its media type and, for JSON, every field of the body', async () => {
    const document = (await ledger().http().get('/docs-json')).body as Document;
    const ajv = addFormats(new Ajv({ allErrors: true }));

    const problems: object[] = [];
    const validated = new Set<string>();
    const check = ({ route, status, contentType, body }: Answer) => {
      const [method, path] = route.split(' ');
      const response = document.paths[path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()]?.responses[String(status)];
      if (response === undefined) return problems.push({ route, status, problem: 'status not documented' });
      if (status === 204) return response.content === undefined || problems.push({ route, status, problem: 'a 204 documents a body' });
      const mediaType = contentType.split(';')[0].trim();
      const documented = response.content?.[mediaType];
      if (documented === undefined) return problems.push({ route, status, mediaType, problem: 'media type not documented' });
      if (mediaType !== JSON_MEDIA) return;
      const validate = ajv.compile(strictSchema(documented.schema, document.components.schemas));
      if (!validate(body)) problems.push({ route, status, errors: validate.errors });
      validated.add(route);
    };
    answers.forEach(check);
    expect(problems).toEqual([]);

    // Every route was driven to a success; every one with a JSON body had it checked.
    const routes = declaredRoutes();
    expect(new Set(answers.map((answer) => answer.route))).toEqual(new Set(routes));
    expect(routes).toHaveLength(94);
    // Not JSON: the metrics, the NDJSON export, the live feed, ISO 18626 XML, and the two 204s.
    expect(validated.size).toBe(94 - 4 - 2);
  });

  it('records every event those routes wrote as the event catalogue (and so the AsyncAPI document) describes its type', async () => {
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const events: RecordedEvent[] = [];
    for (let batch = await store.readAll({ limit: 1000 }); batch.length > 0; batch = await store.readAll({ after: batch.at(-1)!.position, limit: 1000 })) events.push(...batch);
    expect(catalogueProblems(events)).toEqual([]);
    // Every form of cooperation and what follows from it, not a handful of setup events.
    expect(new Set(events.map(({ type }) => type)).size).toBeGreaterThan(40);
  });

  it('delivers every one of those events on the live feed as the AsyncAPI document describes its message, envelope and data, and nothing it does not name', async () => {
    const head = String(await ledger().app.get<EventStore>(EVENT_STORE).headPosition());
    const asyncApi = (await ledger().http().get('/asyncapi.json')).body as { components: { schemas: Record<string, Schema> } };
    const delivered = await liveFeedTo(ledger(), head);
    const ajv = addFormats(new Ajv({ allErrors: true }));
    const validators = new Map<string, ReturnType<typeof ajv.compile>>();
    const problems = delivered.flatMap(({ id, event, data }): object[] => {
      const schema = asyncApi.components.schemas[event];
      if (schema === undefined) return [{ id, event, problem: 'no message in the AsyncAPI document' }];
      const validate = validators.get(event) ?? ajv.compile(strictSchema(schema, asyncApi.components.schemas));
      validators.set(event, validate);
      return validate(data) ? [] : [{ id, event, errors: validate.errors }];
    });
    expect(problems).toEqual([]);
    expect(positionOf(delivered.at(-1)!.id)).toBe(head);
    expect(new Set(delivered.map(({ event }) => event)).size).toBeGreaterThan(40);
  });

  it('delivers the webhook\'s events as the AsyncAPI document describes its webhook messages: the Standard Webhooks headers, and the CloudEvent of each type', async () => {
    const asyncApi = (await ledger().http().get('/asyncapi.json')).body as { components: { schemas: Record<string, Schema> } };
    const ajv = addFormats(new Ajv({ allErrors: true }));
    // Headers are checked as documented, not strictly: HTTP brings its own (host, content-length, …).
    const headers = ajv.compile(asyncApi.components.schemas.WebhookHeaders);
    const problems = deliveries.flatMap(({ headers: sent, body }): object[] => {
      const data = JSON.parse(body) as { type: string };
      const type = Object.keys(asyncApi.components.schemas).find((name) => data.type.endsWith(`.${name}`)) ?? data.type;
      const schema = asyncApi.components.schemas[type];
      if (schema === undefined) return [{ type, problem: 'no message in the AsyncAPI document' }];
      const validate = ajv.compile(strictSchema(schema, asyncApi.components.schemas));
      return [
        ...(headers(sent) ? [] : [{ type, headers: headers.errors }]),
        ...(validate(data) ? [] : [{ type, body: validate.errors }]),
      ];
    });
    expect(problems).toEqual([]);
    expect(deliveries.length).toBeGreaterThan(0);
  });
});
