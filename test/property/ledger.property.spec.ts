import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { CommandBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import type { CommandContext, CommandResult } from '../../src/application/commands/command-context';
import { ExchangeStepMessage, ProposeExchangeMessage } from '../../src/application/exchanges/exchange.messages';
import { LoanStepMessage, RequestLoanMessage } from '../../src/application/loans/loan.messages';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/application/ports/event-store.port';
import { READ_STORE, type ReadStore } from '../../src/application/ports/read-store.port';
import { isRowProjection, type Projection } from '../../src/application/projections/projection';
import { ProjectionRunner } from '../../src/application/projections/projection-runner';
import { PlanRotationMessage, RotationStepMessage } from '../../src/application/rotations/rotation.messages';
import { RenderServiceMessage, VoidServiceMessage } from '../../src/application/services/service.messages';
import { entriesOf, formatAmount, parseAmount, postingsFor, SERVICE_KINDS, type Posting } from '../../src/domain/ledger';
import { DomainError } from '../../src/domain/shared/errors';
import { PROJECTIONS, SQLITE_DATABASE } from '../../src/infrastructure/tokens';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, type RunningLedger } from '../e2e/support/ledger-app';
import { BORROWER, LENDER, THIRD, establishWorld, type World } from '../e2e/support/world';

/**
 * Issue 5 item 7: whatever valid sequence of acts the network records, every
 * unit of the ledger sums to zero, the balances are those of the log replayed,
 * and a rebuild from scratch gives read models identical to the live ones.
 * Commands go through the CommandBus (the handlers HTTP uses, without the
 * transport) so a run of dozens of acts takes milliseconds.
 */
const MEMBERS = [BORROWER, LENDER, THIRD];

// ---- what a run does: open cases and steps on them ---------------------------------------------

type Open =
  | { kind: 'loan'; loanId: string; borrower: string; lender: string; status: string }
  | { kind: 'exchange'; exchangeId: string; proposer: string; counterpart: string; status: string }
  | { kind: 'rotation'; rotationId: string; legs: string[]; leg: number; inTransit: boolean; items: string[]; status: string }
  | { kind: 'service'; serviceId: string; provider: string; status: string };

type Act =
  | { act: 'loan'; borrower: number; lender: number }
  | { act: 'exchange'; proposer: number; counterpart: number; items: number }
  | { act: 'rotation'; owner: number; hosts: number[]; items: number }
  | { act: 'service'; provider: number; recipient: number; kind: number; hundredths: number }
  | { act: 'step'; target: number; choice: number };

const member = fc.nat({ max: MEMBERS.length - 1 });
/** Another member most of the time; now and then the same one, which the rules refuse. */
const other = fc.nat({ max: 5 });
const otherThan = (index: number, pick: number) => (pick === 5 ? index : (index + 1 + (pick % 2)) % MEMBERS.length);

const act: fc.Arbitrary<Act> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ act: fc.constant('loan' as const), borrower: member, lender: other }) },
  { weight: 1, arbitrary: fc.record({ act: fc.constant('exchange' as const), proposer: member, counterpart: other, items: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      act: fc.constant('rotation' as const), owner: member, hosts: fc.array(other, { minLength: 1, maxLength: 2 }), items: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      act: fc.constant('service' as const), provider: member, recipient: other, kind: fc.nat({ max: SERVICE_KINDS.length - 1 }),
      hundredths: fc.integer({ min: 1, max: 100_000 }),
    }),
  },
  { weight: 12, arbitrary: fc.record({ act: fc.constant('step' as const), target: fc.nat(), choice: fc.nat() }) },
);
/** Acts marked `together` run at the same moment as the one before: appends interleave as under load. */
const script: fc.Arbitrary<Array<{ act: Act; together: boolean }>> = fc.array(
  fc.record({ act, together: fc.nat({ max: 3 }).map((n) => n === 0) }),
  { minLength: 20, maxLength: 80, size: 'max' },
);

const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

/** What an event does to the test's picture of its case. */
const STATUS_AFTER: Record<string, string> = {
  LoanAccepted: 'accepted', LoanShipped: 'shipped', LoanReceived: 'on-loan', LoanReturnShipped: 'returning',
  LoanCheckedIn: 'closed', LoanReportedLost: 'closed', LoanDeclined: 'closed', LoanCancelled: 'closed',
  ExchangeAccepted: 'accepted', ExchangeCompleted: 'closed', ExchangeDeclined: 'closed', ExchangeCancelled: 'closed',
  RotationCompleted: 'closed', RotationCancelled: 'closed', ServiceVoided: 'closed',
};

// ---- read models as data, to compare live and rebuilt ------------------------------------------

const snapshot = async (reads: ReadStore, db: Database, projections: readonly Projection[]) => {
  const models: Record<string, unknown[]> = {};
  for (const projection of projections) {
    if (isRowProjection(projection)) {
      models[projection.name] = db.prepare(`SELECT * FROM rm_${projection.name} ORDER BY seq`).safeIntegers(true).all();
      continue;
    }
    const documents: unknown[] = [];
    let after: string | undefined;
    do {
      const page = await reads.list<unknown>(projection.name, { where: {}, limit: 500, after });
      documents.push(...page.items);
      after = page.next ?? undefined;
    } while (after !== undefined);
    models[projection.name] = documents;
  }
  return models;
};

const readLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after: events.at(-1)?.position ?? null, limit: 1000 });
    if (batch.length === 0) return events;
    events.push(...batch);
  }
};

const postingsOf = (log: readonly RecordedEvent[]): Posting[] =>
  log.flatMap((e) => postingsFor({ type: e.type, data: e.data, eventId: e.eventId, position: e.position, recordedAt: e.metadata.recordedAt }));

/** Up to eight instants at which postings were recorded, each also a millisecond before. */
const instantsAround = (recorded: readonly string[]): string[] => {
  const distinct = [...new Set(recorded)];
  const step = Math.max(1, Math.ceil(distinct.length / 8));
  return distinct
    .filter((_, i) => i % step === 0)
    .flatMap((at) => [new Date(Date.parse(at) - 1).toISOString(), at]);
};

describe('the ledger, for any sequence of acts', () => {
  let ledger: RunningLedger;
  let world: World;
  let bus: CommandBus;

  beforeAll(async () => {
    ledger = await startLedger(undefined, { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' });
    world = await establishWorld(ledger, {
      feePerLoan: { amount: '0.35', currency: 'EUR' },
      lostItemCompensation: { amount: '17.2501', currency: 'EUR' },
      maxRenewals: 1,
    });
    bus = ledger.app.get(CommandBus);
  });
  afterAll(async () => {
    await ledger.stop();
    removeDataDir(ledger.dataDir);
  });

  const as = (library: string): CommandContext => ({ actor: { role: 'librarian', library }, correlationId: randomUUID(), causationId: randomUUID() });

  /** Runs a command; a refusal (a rule the random step broke) writes nothing and is not a failure. */
  const run = async <R extends CommandResult>(message: Parameters<CommandBus['execute']>[0]): Promise<R | null> => {
    try {
      return (await bus.execute(message)) as R;
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  };

  const open = async (act: Exclude<Act, { act: 'step' }>): Promise<Open | null> => {
    const agreementId = world.agreementId;
    switch (act.act) {
      case 'loan': {
        const [borrower, lender] = [MEMBERS[act.borrower], MEMBERS[otherThan(act.borrower, act.lender)]];
        const done = await run<CommandResult & { loanId: string }>(new RequestLoanMessage({ lender: lender as never, agreementId, item: { title: 'T' } }, as(borrower)));
        return done && { kind: 'loan', loanId: done.loanId, borrower, lender, status: 'requested' };
      }
      case 'exchange': {
        const [proposer, counterpart] = [MEMBERS[act.proposer], MEMBERS[otherThan(act.proposer, act.counterpart)]];
        const items = Array.from({ length: act.items }, (_, i) => ({ title: `Item ${i}` }));
        const done = await run<CommandResult & { exchangeId: string }>(
          new ProposeExchangeMessage({ agreementId, counterpart, offered: items, requested: items }, as(proposer)),
        );
        return done && { kind: 'exchange', exchangeId: done.exchangeId, proposer, counterpart, status: 'proposed' };
      }
      case 'rotation': {
        const owner = MEMBERS[act.owner];
        const hosts = act.hosts.map((h, i) => MEMBERS[otherThan(i === 0 ? act.owner : (act.owner + 1) % MEMBERS.length, h)]);
        const items = Array.from({ length: act.items }, (_, i) => `I-${i}`);
        const done = await run<CommandResult & { rotationId: string }>(
          new PlanRotationMessage(
            { agreementId, items: items.map((itemId) => ({ itemId, title: itemId })), itinerary: hosts.map((host) => ({ host, days: 7 })) } as never,
            as(owner),
          ),
        );
        return done && { kind: 'rotation', rotationId: done.rotationId, legs: [owner, ...hosts, owner], leg: 0, inTransit: false, items, status: 'planned' };
      }
      case 'service': {
        const [provider, recipient] = [MEMBERS[act.provider], MEMBERS[otherThan(act.provider, act.recipient)]];
        const done = await run<CommandResult & { serviceId: string }>(
          new RenderServiceMessage({ agreementId, recipient, kind: SERVICE_KINDS[act.kind], units: act.hundredths / 100 } as never, as(provider)),
        );
        return done && { kind: 'service', serviceId: done.serviceId, provider, status: 'rendered' };
      }
    }
  };

  /** The steps that make sense for a case now; the decider still has the last word. */
  const stepsOf = (c: Open): Array<() => Promise<CommandResult | null>> => {
    switch (c.kind) {
      case 'loan': {
        const loan = (type: string, by: string, extra: object = {}) => () =>
          run(new LoanStepMessage([{ type, data: { loanId: c.loanId, ...extra } } as never], as(by)));
        const { borrower: b, lender: l } = c;
        const byStatus: Record<string, Array<() => Promise<CommandResult | null>>> = {
          requested: [...times(4, loan('AcceptLoan', l)), loan('DeclineLoan', l, { reason: 'no' }), loan('CancelLoan', b)],
          accepted: [...times(5, loan('ShipLoan', l)), loan('CancelLoan', b)],
          shipped: [...times(3, loan('ReceiveLoan', b)), loan('ReportLoanLost', b)],
          'on-loan': [loan('RenewLoan', b), loan('RecallLoan', l), ...times(2, loan('ReturnLoan', b)), loan('CheckInLoan', l), loan('ReportLoanLost', l)],
          returning: [...times(3, loan('CheckInLoan', l)), loan('ReportLoanLost', b)],
        };
        return byStatus[c.status] ?? [];
      }
      case 'exchange': {
        const exchange = (type: string, by: string, extra: object = {}) => () =>
          run(new ExchangeStepMessage({ type, data: { exchangeId: c.exchangeId, ...extra } } as never, as(by)));
        const { proposer: p, counterpart: o } = c;
        if (c.status === 'proposed') return [...times(4, exchange('AcceptExchange', o)), exchange('DeclineExchange', o, { reason: 'no' })];
        if (c.status === 'accepted') {
          return [
            ...times(2, exchange('DispatchExchangeItems', p)), ...times(2, exchange('DispatchExchangeItems', o)), exchange('ReceiveExchangeItems', p),
            exchange('ReceiveExchangeItems', o), exchange('CancelExchange', p, { reason: 'changed our minds' }),
          ];
        }
        return [];
      }
      case 'rotation': {
        if (c.status === 'closed') return [];
        const rotation = (type: string, by: string, extra: object = {}) => () =>
          run(new RotationStepMessage({ type, data: { rotationId: c.rotationId, ...extra } } as never, as(by)));
        const move = c.inTransit ? rotation('ReceiveRotationBatch', c.legs[c.leg + 1]) : rotation('DispatchRotationBatch', c.legs[c.leg]);
        const holder = c.inTransit ? c.legs[c.leg + 1] : c.legs[c.leg];
        return [...times(6, move), rotation('ReportRotationItemsMissing', holder, { itemIds: [c.items[0]] }), rotation('CancelRotation', c.legs[0], { reason: 'weather' })];
      }
      case 'service':
        return c.status === 'rendered' ? [() => run(new VoidServiceMessage(c.serviceId, 'mistake', as(c.provider)))] : [];
    }
  };

  const advance = (c: Open, result: CommandResult) => {
    for (const { type } of result.events) {
      if (type === 'RotationBatchDispatched' && c.kind === 'rotation') c.inTransit = true;
      if (type === 'RotationBatchReceived' && c.kind === 'rotation') [c.inTransit, c.leg] = [false, c.leg + 1];
      if (STATUS_AFTER[type] !== undefined) c.status = STATUS_AFTER[type];
    }
  };

  it('keeps every unit at zero, balances equal to the log replayed, instant cuts equal to position cuts, and read models a rebuild reproduces', async () => {
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    const reads = ledger.app.get<ReadStore>(READ_STORE);
    const db = ledger.app.get<Database>(SQLITE_DATABASE);
    const runner = ledger.app.get(ProjectionRunner);
    const projections = ledger.app.get<readonly Projection[]>(PROJECTIONS);

    await fc.assert(
      fc.asyncProperty(script, async (acts) => {
        const cases: Open[] = [];
        const perform = async (act: Act): Promise<void> => {
          if (act.act !== 'step') {
            const opened = await open(act);
            if (opened) cases.push(opened);
            return;
          }
          const live = cases.filter((c) => stepsOf(c).length > 0);
          if (live.length === 0) return;
          const target = live[act.target % live.length];
          const steps = stepsOf(target);
          const result = await steps[act.choice % steps.length]();
          if (result) advance(target, result);
        };
        const groups: Act[][] = [];
        for (const { act, together } of acts) {
          if (together && groups.length > 0) groups[groups.length - 1].push(act);
          else groups.push([act]);
        }
        for (const group of groups) await Promise.all(group.map(perform));
        const head = (await store.headPosition())!;
        await runner.waitFor(head);

        // Every unit sums to zero, and the turnover is what the log posted.
        const log = await readLog(store);
        const postings = postingsOf(log);
        const trial = await ledger.http().get(`/v1/balances/trial?asOf=${head}`).set(bearer(ADMIN_KEY));
        expect(trial.status).toBe(200);
        expect(trial.body.balanced).toBe(true);
        const turnover = new Map<string, bigint>();
        for (const p of postings) turnover.set(p.unit, (turnover.get(p.unit) ?? 0n) + parseAmount(p.amount));
        expect(trial.body.units).toEqual(
          [...turnover].sort(([a], [b]) => (a < b ? -1 : 1)).map(([unit, sum]) => ({ unit, total: '0', turnover: formatAmount(sum) })),
        );

        // Every partner's balance per unit is the log replayed.
        const expected = new Map<string, bigint>();
        for (const entry of postings.flatMap(entriesOf)) {
          const key = `${entry.partner} ${entry.unit}`;
          expected.set(key, (expected.get(key) ?? 0n) + parseAmount(entry.amount));
        }
        const balances = await ledger.http().get(`/v1/balances?asOf=${head}`).set(bearer(ADMIN_KEY));
        expect(Object.fromEntries(balances.body.balances.map((l: { partner: string; unit: string; balance: string }) => [`${l.partner} ${l.unit}`, l.balance]))).toEqual(
          Object.fromEntries([...expected].map(([key, sum]) => [key, formatAmount(sum)])),
        );

        // A cut at an instant is a prefix of the log: the balances as of the last position recorded at or before it.
        const recorded = log.map((e) => e.metadata.recordedAt);
        expect(recorded.filter((at, i) => i > 0 && at < recorded[i - 1])).toEqual([]);
        for (const instant of instantsAround(postings.map((p) => p.recordedAt))) {
          const last = log.filter((e) => e.metadata.recordedAt <= instant).at(-1)?.position ?? '0';
          const [byInstant, byPosition] = await Promise.all([
            ledger.http().get(`/v1/balances?asOf=${instant}`).set(bearer(ADMIN_KEY)),
            ledger.http().get(`/v1/balances?asOf=${last}`).set(bearer(ADMIN_KEY)),
          ]);
          expect({ instant, status: byInstant.status, balances: byInstant.body.balances }).toEqual({ instant, status: 200, balances: byPosition.body.balances });
        }

        // Dropped and folded again from the log: the same read models, row for row.
        const live = await snapshot(reads, db, projections);
        await runner.rebuild();
        expect(await snapshot(reads, db, projections)).toEqual(live);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
