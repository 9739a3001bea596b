import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { serveDashboard } from '../../src/infrastructure/http/dashboard/dashboard.static';
import { expectProblem, fieldsOf, PROBLEM } from './support/problems';
import { seedDashboardScenario, type DashboardScenario } from './support/dashboard-scenario';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, THIRD } from './support/world';

type Row = { partner: string; balance: string; counterparties: Array<{ counterparty: string; balance: string }>; rest: { counterparties: number; balance: string } };
type Line = { partner: string; counterparty?: string; unit: string; balance: string };

describe('the dashboard queries over HTTP', () => {
  const { ledger, world, get } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  let scenario: DashboardScenario;
  beforeAll(async () => {
    scenario = await seedDashboardScenario(ledger(), world());
  });

  const matrix = async (query: string) => {
    const response = await get(`/v1/balances/matrix?${query}`);
    expect(response.status).toBe(200);
    return response.body as { asOf: object; unit: string; top: number; partners: Row[] };
  };

  /** The same pairs read one counterparty at a time through /v1/balances. */
  const pairsFromBalances = async (asOf = '') => {
    const pairs: Record<string, string> = {};
    for (const counterparty of [BORROWER, LENDER, THIRD]) {
      const response = await get(`/v1/balances?counterparty=${counterparty}&unit=loan${asOf}`);
      for (const line of response.body.balances as Line[]) if (line.balance !== '0') pairs[`${line.partner}/${line.counterparty}`] = line.balance;
    }
    return pairs;
  };
  const pairsOf = (rows: Row[]) =>
    Object.fromEntries(rows.flatMap((row) => row.counterparties.map((cell) => [`${row.partner}/${cell.counterparty}`, cell.balance])));

  it('gives every pair the balance /v1/balances gives it, now and as of an earlier instant', async () => {
    const now = await matrix('unit=loan');
    expect(pairsOf(now.partners)).toEqual(await pairsFromBalances());
    expect(pairsOf(now.partners)).toEqual({
      [`${LENDER}/${BORROWER}`]: '1', [`${BORROWER}/${LENDER}`]: '-1',
      [`${LENDER}/${THIRD}`]: '1', [`${THIRD}/${LENDER}`]: '-1',
      [`${THIRD}/${BORROWER}`]: '1', [`${BORROWER}/${THIRD}`]: '-1',
    });
    const asOf = `&asOf=${encodeURIComponent(scenario.betweenRounds)}`;
    const before = await matrix(`unit=loan${asOf}`);
    expect(before.asOf).toEqual({ instant: scenario.betweenRounds });
    expect(pairsOf(before.partners)).toEqual(await pairsFromBalances(asOf));
    expect(pairsOf(before.partners)).toEqual({
      [`${LENDER}/${BORROWER}`]: '2', [`${BORROWER}/${LENDER}`]: '-2',
      [`${LENDER}/${THIRD}`]: '1', [`${THIRD}/${LENDER}`]: '-1',
    });
  });

  it('sums each row to the partner’s balance and groups the counterparties past the top', async () => {
    const rows = (await matrix('unit=loan&top=1')).partners;
    const totals = (await get('/v1/balances?unit=loan')).body.balances as Line[];
    expect(rows.map((row) => [row.partner, row.balance])).toEqual(totals.map((line) => [line.partner, line.balance]));
    expect(rows.find((row) => row.partner === BORROWER)).toEqual({
      partner: BORROWER, balance: '-2', counterparties: [{ counterparty: LENDER, balance: '-1' }], rest: { counterparties: 1, balance: '-1' },
    });
  });

  it('sums only an agreement’s postings when asked, and nothing for a unit never posted', async () => {
    expect(pairsOf((await matrix(`unit=loan&agreement=${world().agreementId}`)).partners)).toEqual(pairsOf((await matrix('unit=loan')).partners));
    expect((await matrix('unit=money:eur')).partners).toEqual([]);
    expect((await matrix('unit=loan&agreement=00000000-0000-4000-8000-000000000000')).partners).toEqual([]);
  });

  it('counts the loans each partner lent and borrowed per month, as the fairness report does', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const from = `${month}-01`;
    const to = new Date().toISOString().slice(0, 10);
    const response = await get(`/v1/reports/lending-by-month?agreement=${world().agreementId}&from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    const fairness = (await get(`/v1/reports/fairness?agreement=${world().agreementId}&from=${from}&to=${to}`)).body as {
      partners: Array<{ isil: string; loansLent: number; loansBorrowed: number }>;
    };
    expect(response.body.months).toEqual([month]);
    expect(response.body.partners).toEqual(fairness.partners.map(({ isil, loansLent, loansBorrowed }) => ({ isil, lent: [loansLent], borrowed: [loansBorrowed] })));
    expect(response.body.partners.find((p: { isil: string }) => p.isil === LENDER)).toEqual({ isil: LENDER, lent: [3], borrowed: [1] });
  });

  it('splits a period into calendar months, the first and last clipped to it', async () => {
    const response = await get(`/v1/reports/lending-by-month?agreement=${world().agreementId}&from=2025-11-15&to=2026-02-03`);
    expect(response.body.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('refuses bad input naming the field, and an unknown agreement', async () => {
    expect(fieldsOf(await get('/v1/balances/matrix'))).toEqual(['unit']);
    expect(fieldsOf(await get('/v1/balances/matrix?unit=pounds&top=0&asOf=yesterday&agreement=x'))).toEqual(['agreement', 'asOf', 'top', 'unit']);
    expectProblem(await get('/v1/balances/matrix?unit=loan&top=101'), 400, 'validation-failed');
    const agreement = world().agreementId;
    expect(fieldsOf(await get(`/v1/reports/lending-by-month?agreement=${agreement}&from=2025-02-30&to=2025-13-01`))).toEqual(['from', 'to']);
    expect(fieldsOf(await get(`/v1/reports/lending-by-month?agreement=${agreement}&from=2020-01-01&to=2025-01-01`))).toEqual(['to']);
    expect(fieldsOf(await get(`/v1/reports/lending-by-month?agreement=${agreement}&from=2025-02-01&to=2025-01-01`))).toEqual(['from']);
    const unknown = await get('/v1/reports/lending-by-month?agreement=00000000-0000-4000-8000-000000000000&from=2025-01-01&to=2025-01-31');
    expectProblem(unknown, 404, 'agreement-not-found');
    expect(fieldsOf(unknown)).toEqual(['agreement']);
  });
});

describe('the dashboard page', () => {
  const { ledger } = useLedger({ world: false });

  it('is served at /dashboard/ with a policy that keeps it to this service', async () => {
    const redirect = await ledger().http().get('/dashboard');
    expect({ status: redirect.status, location: redirect.headers.location }).toEqual({ status: 302, location: '/dashboard/' });
    const page = await ledger().http().get('/dashboard/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>Resource-sharing ledger: dashboard</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await ledger().http().get('/dashboard/assets/nothing-here.js')).status).toBe(404);
  });

  it('says how to build it when it was never built', async () => {
    @Module({})
    class Bare {}
    const app = await NestFactory.create<NestFastifyApplication>(Bare, new FastifyAdapter(), { logger: false });
    await serveDashboard(app, '/nonexistent/dashboard');
    await app.init();
    const answer = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/dashboard/' });
    expect({ status: answer.statusCode, code: answer.json().code }).toEqual({ status: 503, code: 'dashboard-not-built' });
    expect(answer.headers['content-type']).toMatch(PROBLEM);
    await app.close();
  });
});
