import { ADMIN_KEY, bearer } from './support/ledger-app';
import { expectProblem, fieldsOf } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER, THIRD } from './support/world';
const OWNER = BORROWER;
const FIRST_HOST = LENDER;
const SECOND_HOST = THIRD;

const ITEMS = [
  { itemId: 'JKP-001', title: 'Max Havelaar', isbn: '0-306-40615-2' },
  { itemId: 'JKP-002', title: 'Bumi Manusia' },
  { itemId: 'JKP-003', title: 'Laskar Pelangi' },
];
const ITINERARY = [
  { host: FIRST_HOST, days: 14 },
  { host: SECOND_HOST, days: 7 },
];

/** A ledger with its world for one describe block, and the rotation steps over HTTP. */
const useRotations = () => {
  const ledger = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  const { world, post, get } = ledger;
  const key = (isil: string) => world().keys[isil];

  const planBody = (extra: object = {}) => ({ agreementId: world().agreementId, items: ITEMS, itinerary: ITINERARY, ...extra });
  const plan = async (by = OWNER, itinerary = ITINERARY) => {
    const response = await post('/v1/rotations', key(by), planBody({ itinerary }));
    expect({ status: response.status, body: response.status === 201 ? undefined : response.body }).toEqual({ status: 201, body: undefined });
    return response.body as { rotationId: string; streamId: string; streamVersion: number; position: string };
  };
  const step = (rotationId: string, name: string, by: string, body: object = {}) => post(`/v1/rotations/${rotationId}/${name}`, key(by), body);
  const stepOk = async (rotationId: string, name: string, by: string, body: object = {}) => {
    const response = await step(rotationId, name, by, body);
    expect({ name, by, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({
      name, by, status: 200, body: undefined,
    });
    return response.body as { position: string; events: { type: string }[] };
  };
  const read = async (rotationId: string, position: string) => {
    await ledger.ledger().caughtUp(position);
    return (await get(`/v1/rotations/${rotationId}`)).body;
  };
  return { ...ledger, key, planBody, plan, step, stepOk, read };
};

describe('a collection rotation over HTTP', () => {
  const { ledger, world, post, get, head, key, planBody, plan, step, stepOk, read } = useRotations();

  it('travels through two hosts and home, with one item reported missing, and the read model follows', async () => {
    const { rotationId, streamId, streamVersion, position } = await plan();
    expect(rotationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(streamId).toBe(`rotation-${rotationId}`);
    expect(streamVersion).toBe(1);
    expect(await read(rotationId, position)).toMatchObject({
      status: 'planned', owner: OWNER, holder: OWNER, inTransit: false, stage: null,
      items: [{ itemId: 'JKP-001', isbn: '9780306406157' }, { itemId: 'JKP-002' }, { itemId: 'JKP-003' }],
      stages: [
        { stage: 0, from: OWNER, to: FIRST_HOST },
        { stage: 1, from: FIRST_HOST, to: SECOND_HOST },
        { stage: 2, from: SECOND_HOST, to: OWNER },
      ],
    });

    // No body at all, as the README's curl sends it: the next leg.
    const left = await ledger().http().post(`/v1/rotations/${rotationId}/dispatch`).set(bearer(key(OWNER)));
    expect(left.status).toBe(200);
    expect(await read(rotationId, left.body.position)).toMatchObject({
      status: 'in-transit', holder: null, inTransit: true, stage: 0, leg: { from: OWNER, to: FIRST_HOST },
    });

    await stepOk(rotationId, 'receive', FIRST_HOST);
    const missing = await stepOk(rotationId, 'report-missing', FIRST_HOST, { itemIds: ['JKP-002'] });
    expect(await read(rotationId, missing.position)).toMatchObject({
      status: 'at-host', holder: FIRST_HOST, inTransit: false, stage: 0, missingItemIds: ['JKP-002'],
      missingReports: [{ reportedBy: FIRST_HOST, itemIds: ['JKP-002'] }],
    });
    const atHost = await get(`/v1/rotations?holder=${FIRST_HOST.toLowerCase()}&status=at-host`);
    expect(atHost.body.items.map((rotation: { rotationId: string }) => rotation.rotationId)).toContain(rotationId);

    await stepOk(rotationId, 'dispatch', FIRST_HOST);
    await stepOk(rotationId, 'receive', SECOND_HOST);
    await stepOk(rotationId, 'dispatch', SECOND_HOST);
    const home = await stepOk(rotationId, 'receive', OWNER);
    // The owner's receipt completes the rotation in the same append.
    expect(home.events.map((event) => event.type)).toEqual(['RotationBatchReceived', 'RotationCompleted']);

    const rotation = await read(rotationId, home.position);
    const stamp = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
    const day = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
    expect(rotation).toMatchObject({
      rotationId,
      agreementId: world().agreementId,
      owner: OWNER,
      status: 'completed',
      holder: OWNER,
      inTransit: false,
      stage: 2,
      legsDispatched: 3,
      missingItemIds: ['JKP-002'],
      itinerary: ITINERARY,
      plannedAt: stamp,
      completedAt: stamp,
      version: 9,
      position: home.position,
    });
    expect(rotation.stages).toEqual([
      { stage: 0, from: OWNER, to: FIRST_HOST, dispatchedAt: stamp, receivedAt: stamp, dueBackOn: day },
      { stage: 1, from: FIRST_HOST, to: SECOND_HOST, dispatchedAt: stamp, receivedAt: stamp, dueBackOn: day },
      { stage: 2, from: SECOND_HOST, to: OWNER, dispatchedAt: stamp, receivedAt: stamp },
    ]);
    const completed = await get(`/v1/rotations?owner=${OWNER}&status=completed&holder=${OWNER}`);
    expect(completed.body.items.map((entry: { rotationId: string }) => entry.rotationId)).toEqual([rotationId]);

    const after = await step(rotationId, 'dispatch', OWNER);
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('rotation-closed');
  });

  it('lets only the holder dispatch (403) and only the next library receive', async () => {
    const { rotationId } = await plan();
    const byHost = await step(rotationId, 'dispatch', FIRST_HOST);
    expectProblem(byHost, 403, 'not-the-holder');
    expect((await step(rotationId, 'report-missing', FIRST_HOST, { itemIds: ['JKP-001'] })).body.code).toBe('not-the-holder');

    await stepOk(rotationId, 'dispatch', OWNER);
    const wrongReceiver = await step(rotationId, 'receive', SECOND_HOST);
    expect(wrongReceiver.status).toBe(403);
    expect(wrongReceiver.body.code).toBe('not-the-receiver');
    const twice = await step(rotationId, 'dispatch', OWNER);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('batch-in-transit');
    await stepOk(rotationId, 'receive', FIRST_HOST);
    const byOwner = await step(rotationId, 'dispatch', OWNER);
    expect(byOwner.status).toBe(403);
    expect(byOwner.body.code).toBe('not-the-holder');
  });

  it('can be cancelled by its owner until the batch first leaves, then 409', async () => {
    const planned = await plan();
    const byHost = await step(planned.rotationId, 'cancel', FIRST_HOST, { reason: 'no room' });
    expect(byHost.status).toBe(403);
    expect(byHost.body.code).toBe('not-the-owner');
    const cancelled = await stepOk(planned.rotationId, 'cancel', OWNER, { reason: 'exhibition postponed' });
    expect(await read(planned.rotationId, cancelled.position)).toMatchObject({
      status: 'cancelled', holder: OWNER, reason: 'exhibition postponed', cancelledAt: expect.any(String),
    });

    const { rotationId } = await plan();
    await stepOk(rotationId, 'dispatch', OWNER);
    const late = await step(rotationId, 'cancel', OWNER, { reason: 'too late' });
    expectProblem(late, 409, 'rotation-already-dispatched');
  });

  it('refuses the outsider: not a member as owner or host, not a party on the steps', async () => {
    const before = await head();
    const planning = await post('/v1/rotations', key(OUTSIDER), planBody());
    expect(planning.status).toBe(403);
    expect(planning.body.code).toBe('not-a-member');
    const asHost = await post('/v1/rotations', key(OWNER), planBody({ itinerary: [{ host: OUTSIDER, days: 7 }] }));
    expect(asHost.status).toBe(403);
    expect(asHost.body.code).toBe('not-a-member');
    expect(await head()).toBe(before);

    const { rotationId } = await plan();
    expect((await step(rotationId, 'dispatch', OUTSIDER)).body).toMatchObject({ status: 403, code: 'not-the-holder' });
    expect((await step(rotationId, 'cancel', OUTSIDER, { reason: 'mine' })).body).toMatchObject({ status: 403, code: 'not-the-owner' });
    await stepOk(rotationId, 'dispatch', OWNER);
    expect((await step(rotationId, 'receive', OUTSIDER)).body).toMatchObject({ status: 403, code: 'not-the-receiver' });
    expect((await post(`/v1/rotations/${rotationId}/receive`, ADMIN_KEY)).status).toBe(403);
  });

  it('names bad input and breaks of the plan rules with 400, writing nothing', async () => {
    const before = await head();
    const malformed = await post('/v1/rotations', key(OWNER), {
      agreementId: world().agreementId,
      items: [{ itemId: ' ', title: 'x', isbn: '12345' }, 'JKP-009'],
      itinerary: [{ host: 'nowhere', days: 0 }],
      extra: true,
    });
    expect(malformed.status).toBe(400);
    const fields = (malformed.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['items[0].itemId', 'items[0].isbn', 'items[1]', 'itinerary[0].host', 'itinerary[0].days', 'extra']));
    // A list in place of an item or a stop was taken as the item itself.
    const listed = await post('/v1/rotations', key(OWNER), planBody({ items: [[ITEMS[0]], ITEMS[1]], itinerary: [ITINERARY[0], [ITINERARY[1]]] }));
    expect(listed.status).toBe(400);
    expect(listed.body.errors).toEqual([
      { field: 'items[0]', message: 'items[0] must be an object' },
      { field: 'itinerary[1]', message: 'itinerary[1] must be an object' },
    ]);

    const duplicate = await post('/v1/rotations', key(OWNER), planBody({ items: [ITEMS[0], { ...ITEMS[1], itemId: 'JKP-001' }] }));
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ code: 'duplicate-rotation-item', errors: [{ field: 'items[1].itemId' }] });
    const ownerHosts = await post('/v1/rotations', key(OWNER), planBody({ itinerary: [{ host: FIRST_HOST, days: 3 }, { host: OWNER, days: 3 }] }));
    expect(ownerHosts.status).toBe(400);
    expect(ownerHosts.body).toMatchObject({ code: 'owner-cannot-host', errors: [{ field: 'itinerary[1].host' }] });
    expect(await head()).toBe(before);

    const { rotationId } = await plan();
    const unknown = await step(rotationId, 'report-missing', OWNER, { itemIds: ['JKP-404'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'unknown-rotation-items', errors: [{ field: 'itemIds' }] });
    const empty = await step(rotationId, 'report-missing', OWNER, { itemIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('itemIds');
    const noReason = await step(rotationId, 'cancel', OWNER);
    expect(noReason.body.errors[0].field).toBe('reason');
    expect(fieldsOf(await step(rotationId, 'dispatch', OWNER, { home: 'yes', to: FIRST_HOST }))).toEqual(['home', 'to']);
    expect(BigInt((await head())!)).toBe(BigInt(before!) + 1n); // only the valid plan
  });

  it('answers 404 for a rotation that does not exist, for reads and for steps', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await get(`/v1/rotations/${id}`)).status).toBe(404);
    const response = await step(id, 'dispatch', OWNER);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('rotation-not-found');
  });

  it('lists rotations by owner, status, agreement and holder, newest first, with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await plan(THIRD, [{ host: FIRST_HOST, days: 10 }])).rotationId);
    const moving = await plan(THIRD, [{ host: FIRST_HOST, days: 10 }]);
    await stepOk(moving.rotationId, 'dispatch', THIRD);
    const arrived = await stepOk(moving.rotationId, 'receive', FIRST_HOST);
    await ledger().caughtUp(arrived.position);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string =
        `/v1/rotations?owner=fr-751131015&status=planned&agreementId=${world().agreementId}&holder=${THIRD}` +
        `&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get(query, key(OUTSIDER));
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((rotation: { rotationId: string }) => rotation.rotationId));
      cursor = page.body.next;
      pages++;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(3);

    const held = await get(`/v1/rotations?owner=${THIRD}&holder=${FIRST_HOST}`, key(FIRST_HOST));
    expect(held.body).toEqual({ items: [expect.objectContaining({ rotationId: moving.rotationId, status: 'at-host' })], next: null });

    const badCursor = await get('/v1/rotations?cursor=garbage');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
    const bad = await get('/v1/rotations?status=lost&limit=0&holder=x&owner=&agreementId=1');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['agreementId', 'holder', 'limit', 'owner', 'status']);
  });
});

// Its tests run in order on one world: a host leaves the network, then the agreement is terminated, for good.
describe('a rotation whose host or agreement changes while the batch travels', () => {
  const { world, post, head, key, plan, step, stepOk, read } = useRotations();
  const coordinator = (path: string, body: object) => post(path, ADMIN_KEY, body);
  const agreementPath = () => `/v1/agreements/${world().agreementId}`;

  /** The refusal, what it names, and that nothing was written: the head of the log is where it was. */
  const expectRefused = async (rotationId: string, by: string, status: number, code: string, field: string) => {
    const before = await head();
    const response = await step(rotationId, 'dispatch', by);
    expectProblem(response, status, code);
    expect(fieldsOf(response)).toEqual([field]);
    expect(await head()).toBe(before);
    return response;
  };

  it('sends the batch to no host that is suspended or has withdrawn from the agreement, and on once it is back', async () => {
    const { rotationId } = await plan();
    await stepOk(rotationId, 'dispatch', OWNER);
    await stepOk(rotationId, 'receive', FIRST_HOST);

    expect((await coordinator(`/v1/partners/${SECOND_HOST}/suspend`, { reason: 'unpaid network fee' })).status).toBe(200);
    const suspended = await expectRefused(rotationId, FIRST_HOST, 409, 'partner-not-active', 'itinerary[1].host');
    expect(suspended.body.detail).toContain(`${SECOND_HOST} is suspended`);
    expect((await coordinator(`/v1/partners/${SECOND_HOST}/reinstate`, {})).status).toBe(200);

    expect((await post(`${agreementPath()}/members/${SECOND_HOST}/withdraw`, key(SECOND_HOST), {})).status).toBe(200);
    await expectRefused(rotationId, FIRST_HOST, 403, 'not-a-member', 'itinerary[1].host');
    const rejoined = await coordinator(`${agreementPath()}/members`, { isil: SECOND_HOST, subjects: ['500-899'] });
    expect(rejoined.status).toBe(200);

    expect(await read(rotationId, rejoined.body.position)).toMatchObject({ status: 'at-host', holder: FIRST_HOST, legsDispatched: 1 });
    await stepOk(rotationId, 'dispatch', FIRST_HOST);
    await stepOk(rotationId, 'receive', SECOND_HOST);
  });

  it('sends the batch to no host that has left the network, and asks nothing of the leg home, even from that host', async () => {
    const onward = await plan();
    await stepOk(onward.rotationId, 'dispatch', OWNER);
    await stepOk(onward.rotationId, 'receive', FIRST_HOST);
    const { rotationId } = await plan(OWNER, [{ host: SECOND_HOST, days: 7 }]);
    await stepOk(rotationId, 'dispatch', OWNER);
    await stepOk(rotationId, 'receive', SECOND_HOST);
    expect((await post(`/v1/partners/${SECOND_HOST}/leave`, key(SECOND_HOST), { reason: 'library closing' })).status).toBe(200);

    const left = await expectRefused(onward.rotationId, FIRST_HOST, 409, 'partner-not-active', 'itinerary[1].host');
    expect(left.body.detail).toContain(`${SECOND_HOST} has left`);
    // The host holding the batch sends it straight home instead; only the owner can receive it.
    const sent = await stepOk(onward.rotationId, 'dispatch', FIRST_HOST, { home: true });
    expect(sent.events.map((event) => event.type)).toEqual(['RotationBatchDispatched']);
    expectProblem(await step(onward.rotationId, 'receive', SECOND_HOST), 403, 'not-the-receiver');
    const back = await stepOk(onward.rotationId, 'receive', OWNER);
    expect(back.events.map((event) => event.type)).toEqual(['RotationBatchReceived', 'RotationCompleted']);
    const stamp = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
    expect(await read(onward.rotationId, back.position)).toMatchObject({
      status: 'completed', holder: OWNER, stage: 2, leg: { from: FIRST_HOST, to: OWNER },
      stages: [
        { stage: 0, from: OWNER, to: FIRST_HOST, dispatchedAt: stamp, receivedAt: stamp },
        { stage: 1, from: FIRST_HOST, to: SECOND_HOST },
        { stage: 2, from: FIRST_HOST, to: OWNER, dispatchedAt: stamp, receivedAt: stamp },
      ],
    });

    await stepOk(rotationId, 'dispatch', SECOND_HOST);
    const home = await stepOk(rotationId, 'receive', OWNER);
    expect(home.events.map((event) => event.type)).toEqual(['RotationBatchReceived', 'RotationCompleted']);
    expect(await read(rotationId, home.position)).toMatchObject({ status: 'completed', holder: OWNER });
  });

  it('once the agreement is terminated, lets a batch on its way be received, reported on and sent home, and no batch leave for a host', async () => {
    const waiting = await plan(OWNER, [{ host: FIRST_HOST, days: 14 }]);
    const onItsWay = await plan(OWNER, [{ host: FIRST_HOST, days: 14 }]);
    await stepOk(onItsWay.rotationId, 'dispatch', OWNER);

    expect((await coordinator(`${agreementPath()}/terminate`, { reason: 'superseded' })).status).toBe(200);
    const refused = await expectRefused(waiting.rotationId, OWNER, 409, 'agreement-not-in-force', 'agreementId');
    expect(refused.body.detail).toContain('terminated');
    // A batch still at home is not sent home: its owner cancels.
    const before = await head();
    const notLeft = await step(waiting.rotationId, 'dispatch', OWNER, { home: true });
    expectProblem(notLeft, 409, 'batch-with-owner');
    expect(fieldsOf(notLeft)).toEqual(['home']);
    expect(await head()).toBe(before);
    await stepOk(waiting.rotationId, 'cancel', OWNER, { reason: 'agreement terminated' });

    await stepOk(onItsWay.rotationId, 'receive', FIRST_HOST);
    await stepOk(onItsWay.rotationId, 'report-missing', FIRST_HOST, { itemIds: ['JKP-003'] });
    await stepOk(onItsWay.rotationId, 'dispatch', FIRST_HOST);
    const home = await stepOk(onItsWay.rotationId, 'receive', OWNER);
    expect(home.events.map((event) => event.type)).toEqual(['RotationBatchReceived', 'RotationCompleted']);
    expect(await read(onItsWay.rotationId, home.position)).toMatchObject({ status: 'completed', missingItemIds: ['JKP-003'] });
  });
});
