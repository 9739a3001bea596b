import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { ADMIN_KEY } from './support/ledger-app';
import { PROBLEM, fieldsOf } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER, THIRD, yesterday } from './support/world';

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('shared services over HTTP', () => {
  const { ledger, world, post, get } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '100000' } });

  const render = (provider: string, body: object = {}) =>
    post('/v1/services', world().keys[provider], { agreementId: world().agreementId, recipient: LENDER, kind: 'cataloguing', units: 12, ...body });
  const rendered = async (provider: string, body: object = {}) => {
    const response = await render(provider, body);
    expect({ status: response.status, body: response.status === 201 ? undefined : response.body }).toEqual({ status: 201, body: undefined });
    return response.body as { serviceId: string; streamId: string; streamVersion: number; position: string };
  };

  it('records a service rendered by the key’s library, in the unit of its kind', async () => {
    const { serviceId, streamId, streamVersion, position } = await rendered(BORROWER, { note: 'Javanese manuscripts' });
    expect(streamId).toBe(`service-${serviceId}`);
    expect(streamVersion).toBe(1);
    await ledger().caughtUp(position);
    expect((await get(`/v1/services/${serviceId}`, world().keys[THIRD])).body).toMatchObject({
      serviceId, agreementId: world().agreementId, provider: BORROWER, recipient: LENDER, kind: 'cataloguing', units: 12,
      unit: 'records', renderedOn: today(), note: 'Javanese manuscripts', status: 'rendered', version: 1,
    });
  });

  // The world's agreement starts yesterday: the past day a service may be dated.
  it('takes a unit and a past day when given', async () => {
    const { serviceId, position } = await rendered(LENDER, {
      recipient: THIRD.toLowerCase(), kind: 'training', units: 2.5, unit: 'sessions', renderedOn: yesterday(),
    });
    await ledger().caughtUp(position);
    expect((await get(`/v1/services/${serviceId}`)).body).toMatchObject({
      provider: LENDER, recipient: THIRD, kind: 'training', units: 2.5, unit: 'sessions', renderedOn: yesterday(),
    });
  });

  it('refuses a service rendered before its agreement started with 409 naming renderedOn, writing nothing', async () => {
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const before = await store.headPosition();
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    for (const renderedOn of ['1900-01-01', twoDaysAgo]) {
      const early = await render(BORROWER, { renderedOn });
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 409, code: 'agreement-not-in-force' });
      expect(early.headers['content-type']).toMatch(PROBLEM);
      expect(fieldsOf(early)).toEqual(['renderedOn']);
    }
    expect(await store.headPosition()).toBe(before);
  });

  it('refuses what the rules forbid, naming the field', async () => {
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const before = await store.headPosition();
    const own = await render(BORROWER, { recipient: BORROWER });
    expect(own.status).toBe(400);
    expect(own.body).toMatchObject({ code: 'cannot-serve-own-library', errors: [{ field: 'recipient' }] });

    const future = await render(BORROWER, { renderedOn: tomorrow() });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('renderedOn');

    const bad = await render(BORROWER, { units: 1.234, kind: 'gardening', recipient: 'nobody', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'kind', 'recipient', 'units']);

    expect((await render(BORROWER, { units: 0 })).body.errors[0].field).toBe('units');
    expect((await render(BORROWER, { units: '12' })).body.errors[0].field).toBe('units');

    const outsider = await render(BORROWER, { recipient: OUTSIDER });
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('not-a-member');
    const byOutsider = await render(OUTSIDER);
    expect(byOutsider.status).toBe(403);
    expect(await store.headPosition()).toBe(before);
  });

  it('lets the provider or a coordinator void a service, once, with a reason', async () => {
    const { serviceId } = await rendered(BORROWER);
    const recipient = await post(`/v1/services/${serviceId}/void`, world().keys[LENDER], { reason: 'never happened' });
    expect(recipient.status).toBe(403);
    expect(recipient.body.code).toBe('not-the-provider');
    const noReason = await post(`/v1/services/${serviceId}/void`, world().keys[BORROWER], {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');

    const voided = await post(`/v1/services/${serviceId}/void`, world().keys[BORROWER], { reason: 'recorded twice' });
    expect(voided.status).toBe(200);
    expect(voided.body.events.map((e: { type: string }) => e.type)).toEqual(['ServiceVoided']);
    const again = await post(`/v1/services/${serviceId}/void`, ADMIN_KEY, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('service-already-voided');
    await ledger().caughtUp(voided.body.position);
    expect((await get(`/v1/services/${serviceId}`)).body).toMatchObject({ status: 'voided', voidReason: 'recorded twice', version: 2 });

    const other = await rendered(BORROWER);
    expect((await post(`/v1/services/${other.serviceId}/void`, ADMIN_KEY, { reason: 'corrected by the focal point' })).status).toBe(200);
  });

  it('lists services by provider, recipient, kind, agreement and status with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await rendered(THIRD, { recipient: BORROWER, kind: 'reference', units: i + 1 })).serviceId);
    const last = await rendered(THIRD, { recipient: BORROWER, kind: 'facility-access', units: 1 });
    await ledger().caughtUp(last.position);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string =
        `/v1/services?provider=${THIRD}&recipient=${BORROWER.toLowerCase()}&kind=reference&agreementId=${world().agreementId}` +
        `&status=rendered&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get(query, world().keys[OUTSIDER]);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((service: { serviceId: string }) => service.serviceId));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const bad = await get('/v1/services?kind=gardening&provider=x&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'limit', 'provider']);
  });

  it('answers 404 for a service that does not exist, for reads and for voiding', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await get(`/v1/services/${id}`)).status).toBe(404);
    const voiding = await post(`/v1/services/${id}/void`, world().keys[BORROWER], { reason: 'x' });
    expect(voiding.status).toBe(404);
    expect(voiding.body.code).toBe('service-not-found');
    expect((await get('/v1/services/not-a-uuid')).body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
  });
});
