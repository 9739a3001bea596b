import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CLAIM_STATUSES } from '../../application/claims/claims.projection';
import { MISMATCH_KINDS } from '../../application/audit/log-verifier';
import { SERVICE_STATUSES } from '../../application/services/services.projection';
import { AMENDABLE } from '../../domain/agreements/agreement.events';
import { STREAM_CATEGORIES } from '../../domain/catalogue/event-catalogue';
import { ISO18626_VERSIONS } from '../../domain/iso18626/iso18626.events';
import { SERVICE_KINDS } from '../../domain/services/service.events';
import { COOPERATION_FORMS } from '../../domain/shared/cooperation';
import { ROLES } from './access/api-key.dto';
import { STATUSES as AGREEMENT_STATUSES } from './agreements/agreement.dto';
import { STATUSES as EXCHANGE_STATUSES } from './exchanges/exchange.dto';
import { STATUSES as LOAN_STATUSES } from './loans/loan.dto';
import { STATUSES as PARTNER_STATUSES } from './partners/partner.dto';
import { STATUSES as ROTATION_STATUSES } from './rotations/rotation.dto';

type Schema = SchemaObject | ReferenceObject;

/** A reference to a component; within this file by any name, elsewhere through `answerRef`. */
const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** An object whose first properties are always there and whose others may be absent. */
const object = (required: Record<string, Schema>, optional: Record<string, Schema> = {}, description?: string): SchemaObject => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(required),
  properties: { ...required, ...optional },
});
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const nullableRef = (name: string): SchemaObject => ({ allOf: [ref(name)], nullable: true });
const list = (items: Schema, description?: string): SchemaObject => ({ type: 'array', items, ...(description ? { description } : {}) });
const enumOf = (values: readonly (string | boolean)[], description?: string): SchemaObject => ({
  type: typeof values[0] === 'boolean' ? 'boolean' : 'string', enum: [...values], ...(description ? { description } : {}),
});
const mapOf = (values: Schema, description: string): SchemaObject => ({ type: 'object', additionalProperties: values, description });
const text = (description?: string): SchemaObject => ({ type: 'string', ...(description ? { description } : {}) });

const STRING = text();
const STRINGS = list(STRING);
const INTEGER: SchemaObject = { type: 'integer' };
const NUMBER: SchemaObject = { type: 'number' };
const BOOLEAN: SchemaObject = { type: 'boolean' };
const UUID: SchemaObject = { type: 'string', format: 'uuid' };
const INSTANT: SchemaObject = { type: 'string', format: 'date-time' };
const DAY: SchemaObject = { type: 'string', format: 'date', description: 'A calendar day, YYYY-MM-DD' };
const ISIL = text('An ISIL, e.g. DE-1');
const ISILS = list(ISIL);
const ISBN13 = text('An ISBN-13, digits only');
const POSITION: SchemaObject = { type: 'string', pattern: '^\\d+$', description: 'A global position in the log, as a string of digits' };
const DECIMAL: SchemaObject = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', description: 'An exact decimal number, as a string' };
const HASH: SchemaObject = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, hex' };
const VERSION = { type: 'integer', description: 'The stream version of the last event folded into this document' } satisfies SchemaObject;
/** The fields every read-model document ends with. */
const STAMP = { version: VERSION, position: POSITION, updatedAt: INSTANT };
const SERVICE_UNITS = mapOf(DECIMAL, 'Units per service kind, as decimal strings; kinds that net to zero are left out');

/** `{ items, next }`: one page of a list, and the cursor of the next (null on the last page). */
const page = (item: string, description: string): SchemaObject =>
  object({ items: list(ref(item)), next: nullable(text('Pass as `cursor` for the next page; null on the last page')) }, {}, description);

const LOAN_ISO_STATUSES = ['ExpectToSupply', 'WillSupply', 'Loaned', 'Overdue', 'Recalled', 'Unfilled', 'LoanCompleted', 'CompletedWithoutReturn', 'Cancelled'];

const EXCHANGE_SIDE = object({ library: ISIL }, { dispatchedAt: INSTANT, receivedAt: INSTANT });

const FAIRNESS_FIGURES = {
  isil: ISIL,
  loadLevellingScore: NUMBER,
  ratio: nullable({ type: 'number', description: 'Loans lent per loan borrowed; null when it borrowed none' }),
  goalRatio: NUMBER,
  distanceFromGoal: nullable({ type: 'number', description: 'ratio − goalRatio; null when ratio is null' }),
};

const DELIVERY_ATTEMPT = object(
  {
    id: INTEGER, eventId: UUID, type: text('The event type'), position: POSITION, attempt: INTEGER, ok: BOOLEAN,
    status: nullable({ type: 'integer', description: 'The receiver’s HTTP status; null when it did not answer' }), durationMs: INTEGER,
    error: nullable(STRING), response: nullable(text('The start of the receiver’s answer')), at: INSTANT,
  },
  {},
  'One attempt to deliver one event',
);

const WEBHOOK = object(
  {
    id: UUID, url: text('Where the events are delivered'),
    types: STRINGS, categories: list(enumOf(STREAM_CATEGORIES)), partners: ISILS,
    enabled: BOOLEAN, disabledReason: nullable(STRING),
    checkpoint: nullable({ ...POSITION, description: 'The last position delivered or passed over; null: from the start of the log' }),
    failures: { type: 'integer', description: 'Failed attempts since the last success' }, createdAt: INSTANT, updatedAt: INSTANT,
  },
  {},
  'A webhook: where events go, which ones (an empty list: any), and how far it got',
);

/**
 * The schemas of what the service answers, registered as components of the
 * OpenAPI document and named by each handler's @Answers. They follow the
 * application's view types; the contract spec (openapi-contract.e2e.spec.ts)
 * checks every answer of every route against them, unknown fields refused.
 */
export const ANSWER_SCHEMAS = {
  CommandAnswer: object(
    {
      streamId: text('The stream written, e.g. loan-<uuid>'),
      streamVersion: { type: 'integer', description: 'The stream’s version after the command (unchanged when it wrote nothing)' },
      position: nullable({ ...POSITION, description: 'The global position of the last event written; null when nothing was written' }),
      events: list(object({ eventId: UUID, type: text('The event type, e.g. LoanShipped') }), 'The events written, in order'),
    },
    {},
    'What a command wrote. A retry with the same Idempotency-Key and body gets the same answer.',
  ),
  Money: object({ amount: DECIMAL, currency: text('ISO 4217, e.g. EUR') }),
  Event: object(
    {
      eventId: UUID, type: text('The event type; its data is described in docs/events.md and the AsyncAPI document'),
      streamId: STRING, streamVersion: INTEGER, position: POSITION,
      data: { type: 'object', additionalProperties: true, description: 'The event’s data, by type' },
      metadata: {
        type: 'object',
        additionalProperties: true,
        required: ['actor', 'correlationId', 'causationId', 'recordedAt'],
        properties: {
          actor: object(
            { role: enumOf([...ROLES, 'system'], 'system: the ledger itself, e.g. a seal or a scheduled step') },
            { library: ISIL, keyId: text('The id of the API key that acted') },
          ),
          correlationId: STRING, causationId: STRING, recordedAt: INSTANT,
          iso18626: object(
            { supplyingAgencyRequestId: text('The supplier’s own id for the loan, as its message gave it') },
            {},
            'On an event an ISO 18626 supplyingAgencyMessage drove, when it named the supplier’s own id for the loan',
          ),
        },
      },
      prevHash: HASH, hash: HASH,
    },
    {},
    'An event as the log keeps it, with its hash chain',
  ),
  EventPage: object(
    { items: list(ref('Event')), next: nullable({ ...POSITION, description: 'Pass as `after` to continue; null once the log is read to its end' }) },
    {},
    'Events of the log, oldest first',
  ),
  EventStream: object({ streamId: STRING, version: INTEGER, events: list(ref('Event')) }, {}, 'Every event of one stream, in version order'),

  Partner: object(
    {
      status: enumOf(PARTNER_STATUSES), isil: ISIL, name: STRING, focalPoint: BOOLEAN, registeredAt: INSTANT,
      history: list(object({ type: STRING, at: INSTANT }, { reason: STRING, fields: list(STRING, 'The fields a profile update changed') })),
      ...STAMP,
    },
    { country: text('ISO 3166-1 alpha-2'), city: STRING, contactEmail: STRING },
  ),
  PartnerPage: page('Partner', 'Partners'),
  AgreementTerms: object(
    { loanPeriodDays: INTEGER, maxRenewals: INTEGER, goalRatio: NUMBER, claimHoldDays: INTEGER },
    { feePerLoan: ref('Money'), lostItemCompensation: ref('Money') },
  ),
  Agreement: object(
    {
      agreementId: UUID, title: STRING, focalPoint: ISIL, status: enumOf(AGREEMENT_STATUSES), terminated: BOOLEAN,
      members: { ...ISILS, description: 'Current members' }, forms: list(enumOf(COOPERATION_FORMS)), startsOn: DAY,
      terms: ref('AgreementTerms'),
      subjects: mapOf(STRINGS, 'The subjects (DDC classes or ranges) each member collects, by ISIL'),
      establishedAt: INSTANT,
      memberships: list(object({ isil: ISIL, joinedAt: INSTANT }, { withdrawnAt: INSTANT, reason: STRING }), 'Every membership, past ones too'),
      amendments: list(object({ changed: list(enumOf(AMENDABLE)), amendedAt: INSTANT })),
      ...STAMP,
    },
    { endsOn: DAY, terminatedOn: DAY, terminationReason: STRING },
  ),
  AgreementPage: page('Agreement', 'Agreements'),
  Loan: object(
    {
      status: enumOf(LOAN_STATUSES), isoStatus: enumOf(LOAN_ISO_STATUSES, 'The ISO 18626 status'),
      loanId: UUID, lender: ISIL, borrower: ISIL,
      terms: object({ loanPeriodDays: INTEGER, maxRenewals: INTEGER }, { fee: ref('Money'), lostItemCompensation: ref('Money') }),
      renewals: INTEGER, recalled: BOOLEAN, overdue: BOOLEAN,
      item: object({ title: STRING }, { isbn: text('An ISBN-13, digits only; a loan requested before 2026-12-05 with an ISBN that does not read as one (a wrong check digit) shows it as the borrower wrote it'), author: STRING, publisher: STRING, year: INTEGER, note: STRING }),
      history: mapOf(INSTANT, 'When each step was recorded, by event type'),
      ...STAMP,
    },
    { agreementId: UUID, dueOn: { ...DAY, description: 'Set once shipped' } },
  ),
  LoanPage: page('Loan', 'Loans'),
  ExchangeItem: object(
    { title: STRING },
    { isbn: ISBN13, author: STRING, publisher: STRING, year: INTEGER, pages: INTEGER, price: ref('Money'), note: STRING },
  ),
  Exchange: object(
    {
      status: enumOf(EXCHANGE_STATUSES), exchangeId: UUID, agreementId: UUID, proposer: ISIL, counterpart: ISIL,
      itemCount: { type: 'integer', description: 'Items on each side' }, dispatchedBy: ISILS, receivedBy: ISILS,
      offered: list(ref('ExchangeItem'), 'What the proposer sends'), requested: list(ref('ExchangeItem'), 'What the counterpart sends'),
      sides: object({ proposer: EXCHANGE_SIDE, counterpart: EXCHANGE_SIDE }), proposedAt: INSTANT,
      ...STAMP,
    },
    { acceptedAt: INSTANT, declinedAt: INSTANT, completedAt: INSTANT, cancelledAt: INSTANT, cancelledBy: ISIL, reason: text('Why it was declined or cancelled') },
  ),
  ExchangePage: page('Exchange', 'Exchanges'),
  Rotation: object(
    {
      status: enumOf(ROTATION_STATUSES), rotationId: UUID, agreementId: UUID, owner: ISIL,
      itinerary: list(object({ host: ISIL, days: INTEGER })), itemIds: STRINGS, missingItemIds: STRINGS,
      legsDispatched: INTEGER,
      leg: nullable(object({ from: ISIL, to: ISIL }, {}, 'The leg in transit or last received; null before the batch first leaves')),
      items: list(object({ itemId: STRING, title: STRING }, { isbn: ISBN13 })),
      stage: nullable({ type: 'integer', description: 'The leg in transit or last received; null before the batch first leaves' }),
      holder: nullable({ ...ISIL, description: 'The library holding the batch; null while in transit' }),
      inTransit: BOOLEAN,
      stages: list(object({ stage: INTEGER, from: ISIL, to: ISIL }, { dispatchedAt: INSTANT, receivedAt: INSTANT, dueBackOn: DAY })),
      missingReports: list(object({ reportedBy: ISIL, itemIds: STRINGS, reportedAt: INSTANT })),
      plannedAt: INSTANT,
      ...STAMP,
    },
    { completedAt: INSTANT, cancelledAt: INSTANT, reason: text('Why it was cancelled') },
  ),
  RotationPage: page('Rotation', 'Rotations'),
  AcquisitionClaim: object(
    {
      isbn: ISBN13, title: STRING, status: enumOf(CLAIM_STATUSES), claimant: ISIL, agreementId: UUID, claimedAt: INSTANT,
      expiresOn: { ...DAY, description: 'The last day the latest claim holds' }, outsideDivisionOfLabour: BOOLEAN,
      fulfilledBy: ISILS, heldElsewhere: { ...ISILS, description: 'Other holders the union catalogue lists' },
      history: list(
        object({ type: STRING, at: INSTANT }, { claimant: ISIL, from: ISIL, to: ISIL, agreementId: UUID, expiresOn: DAY, reason: STRING }),
      ),
      ...STAMP,
    },
    { subjects: STRINGS, overrideReason: STRING, supersedes: STRING },
    'A title’s claims, one document per ISBN-13: the latest claim and every step of every claim on it',
  ),
  AcquisitionClaimPage: page('AcquisitionClaim', 'Acquisition claims'),
  Service: object(
    {
      serviceId: UUID, agreementId: UUID, provider: ISIL, recipient: ISIL, kind: enumOf(SERVICE_KINDS),
      units: { type: 'number', description: 'Positive, at most two decimals' }, unit: text('What a unit counts, e.g. records'),
      renderedOn: DAY, status: enumOf(SERVICE_STATUSES), renderedAt: INSTANT,
      ...STAMP,
    },
    { note: STRING, voidedAt: INSTANT, voidReason: STRING },
  ),
  ServicePage: page('Service', 'Services'),
  CatalogEntry: object(
    {
      isbn: ISBN13, title: STRING,
      holders: list(object({ isil: ISIL, registeredAt: INSTANT }, { acquiredOn: DAY })),
      firstRegisteredAt: INSTANT, lastAcquiredAt: INSTANT,
    },
    { author: STRING, year: INTEGER, subjects: STRINGS },
    'One title of the union catalogue and who holds it',
  ),
  CatalogPage: page('CatalogEntry', 'Titles of the union catalogue'),

  BalanceCut: {
    description: 'Where the figures were cut: at a position of the log, or at an instant',
    oneOf: [object({ position: POSITION }), object({ instant: INSTANT })],
  },
  Balances: object(
    { asOf: ref('BalanceCut'), balances: list(object({ partner: ISIL, unit: STRING, balance: DECIMAL }, { counterparty: ISIL })) },
    {},
    'Balances per partner (and counterparty, when asked) and unit: positive, others owe it',
  ),
  TrialBalance: object(
    { asOf: ref('BalanceCut'), units: list(object({ unit: STRING, total: DECIMAL, turnover: DECIMAL })), balanced: BOOLEAN },
    {},
    'Per unit: the sum of every balance ("0" when the ledger balances) and the turnover',
  ),
  BalanceMatrix: object(
    {
      asOf: ref('BalanceCut'), unit: STRING, top: INTEGER,
      partners: list(object({
        partner: ISIL, balance: DECIMAL, counterparties: list(object({ counterparty: ISIL, balance: DECIMAL })),
        rest: object({ counterparties: INTEGER, balance: DECIMAL }, {}, 'The counterparties beyond the top ones, summed'),
      })),
    },
    { agreementId: UUID },
  ),
  FairnessReport: object(
    {
      agreementId: UUID, from: DAY, to: DAY, goalRatio: NUMBER,
      partners: list(object({
        ...FAIRNESS_FIGURES, loansLent: INTEGER, loansBorrowed: INTEGER,
        fillRate: nullable(NUMBER), turnaroundMedianHours: nullable(NUMBER), turnaroundP90Hours: nullable(NUMBER),
        openExchangeDebt: DECIMAL, claimsFulfilled: INTEGER, claimsLapsed: INTEGER,
        servicesGiven: SERVICE_UNITS, servicesReceived: SERVICE_UNITS,
        member: { type: 'boolean', description: 'False for a partner that has withdrawn but has facts in the period' },
        holdings: { type: 'integer', description: 'Titles it holds now' },
      })),
      network: object({
        giniOfLendingLoad: nullable(NUMBER),
        furthestFromGoal: list(object(FAIRNESS_FIGURES)),
        totals: object({
          partners: INTEGER, loansLent: INTEGER, loansBorrowed: INTEGER, openExchangeDebt: DECIMAL, claimsFulfilled: INTEGER,
          claimsLapsed: INTEGER, servicesGiven: SERVICE_UNITS, servicesReceived: SERVICE_UNITS,
        }),
      }),
    },
    {},
    'The fairness report of one agreement over whole UTC days from..to',
  ),
  LendingByMonth: object(
    {
      agreementId: UUID, from: DAY, to: DAY, goalRatio: NUMBER, months: list(text('YYYY-MM'), 'Oldest first'),
      partners: list(object({ isil: ISIL, lent: list(INTEGER), borrowed: list(INTEGER) }, {}, '`lent[i]` and `borrowed[i]` count month i')),
    },
  ),
  LenderSuggestions: object(
    {
      isbn: ISBN13, borrower: ISIL, since: INSTANT, until: INSTANT,
      suggestions: list(object({
        rank: INTEGER, isil: ISIL, loadLevellingScore: NUMBER, loansLent: INTEGER, loansBorrowed: INTEGER,
        agreements: list(object({ agreementId: UUID, goalRatio: NUMBER, lent: INTEGER, borrowed: INTEGER, score: NUMBER })),
        reason: text('Why it ranks where it does, in words'),
      })),
      excluded: list(object({ isil: ISIL, reason: enumOf(['is-the-borrower', 'suspended', 'left', 'unregistered', 'no-shared-loan-agreement']) })),
    },
  ),

  ApiKey: object(
    {
      id: STRING, role: enumOf(ROLES), isil: nullable(ISIL), label: nullable(STRING), createdAt: INSTANT,
      createdBy: nullable(text('The id of the key that issued it')), revokedAt: nullable(INSTANT),
    },
  ),
  NewApiKey: { allOf: [ref('ApiKey'), object({ key: text('The key itself: shown in this answer only') })] },
  ApiKeyList: object({ items: list(ref('ApiKey')) }),
  Webhook: WEBHOOK,
  WebhookWithSecret: { allOf: [ref('Webhook'), object({ secret: text('The signing secret (whsec_…): shown in this answer only') })] },
  WebhookWithOwner: { allOf: [ref('Webhook'), object({ ownerKeyId: text('The key that registered it') })] },
  WebhookList: object({ items: list(ref('Webhook')) }),
  DeliveryPage: object(
    { items: list(DELIVERY_ATTEMPT), next: nullable({ type: 'integer', description: 'Pass as `before` for older attempts; null on the last page' }) },
    {},
    'Delivery attempts, newest first',
  ),
  Iso18626Endpoint: object({
    isil: ISIL, url: STRING, version: enumOf(ISO18626_VERSIONS),
    authorization: { type: 'boolean', description: 'Whether credentials were registered; they are never shown' },
    enabled: BOOLEAN, disabledReason: nullable(STRING), checkpoint: nullable(POSITION), failures: INTEGER, createdAt: INSTANT, updatedAt: INSTANT,
  }),
  Iso18626LoanMessages: object({
    loanId: UUID, requestingAgencyRequestId: nullable(STRING), supplyingAgencyRequestId: nullable(STRING),
    messages: list(object(
      {
        direction: enumOf(['in', 'out']), eventId: UUID, position: POSITION, recordedAt: INSTANT, kind: STRING, version: STRING,
        partner: ISIL, message: text('The ISO 18626 XML, verbatim'), confirmation: text('The confirmation, verbatim'), messageStatus: STRING,
      },
      { causedBy: { ...UUID, description: 'For a message out: the loan event it told of' } },
    )),
  }),

  Jwk: object({ kty: enumOf(['OKP']), crv: enumOf(['Ed25519']), x: STRING, kid: STRING, alg: enumOf(['EdDSA']), use: enumOf(['sig']) }, {}, 'A public key (RFC 8037)'),
  JwkSet: object({ keys: list(ref('Jwk')) }, {}, 'A JWK set (RFC 7517): every key seals were ever signed with'),
  AuditVerification: {
    oneOf: [
      object({
        verified: enumOf([true]), events: INTEGER, streams: INTEGER, seals: INTEGER,
        firstPosition: nullable(POSITION), lastPosition: nullable(POSITION), lastSealedPosition: nullable(POSITION), unsealedEvents: INTEGER,
      }),
      object({
        verified: enumOf([false]), eventsBeforeMismatch: INTEGER,
        mismatch: object({ kind: enumOf(MISMATCH_KINDS), position: POSITION, eventId: STRING, streamId: STRING, detail: STRING }),
      }),
    ],
  },
  InclusionProof: object(
    {
      event: ref('Event'), leafIndex: INTEGER, treeSize: INTEGER, auditPath: list(HASH), seal: ref('Event'),
      key: { ...nullableRef('Jwk'), description: 'The key the seal was signed with' },
    },
    {},
    'The RFC 9162 audit path of one event to the Merkle root of its seal',
  ),
  SignedHead: object(
    {
      position: nullable(POSITION), eventId: nullable(STRING), streamId: nullable(STRING), hash: nullable(HASH),
      lastSeal: nullable(object({ position: POSITION, hash: HASH, lastPosition: POSITION })),
      issuedAt: INSTANT, keyId: STRING, signature: text('Ed25519 over the other fields, base64url'),
    },
    {},
    'The newest event, signed',
  ),

  Projection: object(
    {
      name: STRING, version: INTEGER, position: nullable(POSITION), head: nullable(POSITION), lag: INTEGER,
      state: enumOf(['running', 'stuck', 'rebuilding']),
      setAside: list(object({
        projection: STRING, position: POSITION, eventId: STRING, type: STRING, error: STRING, setAsideAt: INSTANT, resolution: enumOf(['stuck', 'skipped']),
      })),
    },
    { rebuild: object({ requestedAt: INSTANT, position: nullable(POSITION) }, {}, 'A rebuild in progress') },
    'One read model: its checkpoint beside the head of the log',
  ),
  ProjectionList: object({ items: list(ref('Projection')) }),
  RebuildRequested: object({ projection: STRING, requestedAt: INSTANT, progress: text('Where to follow it') }),
  HealthCheck: object(
    { status: enumOf(['ok', 'error', 'shutting_down']), details: mapOf(ref('HealthIndicator'), 'Every check, by name') },
    { info: nullable(mapOf(ref('HealthIndicator'), 'The checks that are up')), error: nullable(mapOf(ref('HealthIndicator'), 'The checks that are down')) },
  ),
  HealthIndicator: { type: 'object', required: ['status'], properties: { status: enumOf(['up', 'down']) }, additionalProperties: true },
  Readiness: object(
    { status: enumOf(['ok', 'error', 'shutting_down']), details: mapOf(ref('CheckStatus'), 'Every check, by name: eventStore, projections, subscribers') },
    { info: nullable(mapOf(ref('CheckStatus'), 'The checks that are up')), error: nullable(mapOf(ref('CheckStatus'), 'The checks that are down')) },
    'Whether the instance is ready, and each check up or down; the details are at GET /v1/health/ready, for a coordinator',
  ),
  CheckStatus: object({ status: enumOf(['up', 'down']) }),
  FairnessCsv: text(
    'One line per partner under a header row, CRLF line ends (RFC 4180): the report’s figures per partner, then ' +
      'servicesGiven.<kind> and servicesReceived.<kind> for every service kind; an absent figure is empty',
  ),
  AuditExport: text(
    'NDJSON: a header line {format, from, to, exportedAt, keys}, then every event and seal of the window as the log keeps it ' +
      '(the Event schema), one per line, oldest first; gzip-encoded when the client accepts gzip',
  ),
  LiveEvents: text(
    'Server-Sent Events: per event `id:` its position, `event:` its type, `data:` the CloudEvent (see the AsyncAPI document); ' +
      'a comment line at every heartbeat',
  ),
  PrometheusMetrics: text('The Prometheus text exposition format, version 0.0.4'),
  AsyncApiDocument: {
    type: 'object',
    description: 'The AsyncAPI 3.0 document of the live feed and the webhooks',
    required: ['asyncapi', 'info', 'channels'],
    properties: { asyncapi: STRING, info: { type: 'object', additionalProperties: true }, channels: { type: 'object', additionalProperties: true } },
    additionalProperties: true,
  },
} satisfies Record<string, Schema>;

export type AnswerSchema = keyof typeof ANSWER_SCHEMAS;

export const answerRef = (name: AnswerSchema): ReferenceObject => ref(name);
