import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Sealer } from '../../../src/application/audit/sealer';
import { AUDIT_LOG, type AuditLog } from '../../../src/application/audit/log-reader';
import { EVENT_STORE, type EventStore } from '../../../src/application/ports/event-store.port';
import { bodyOf, SEAL_STREAM, sealData, type SealData } from '../../../src/application/audit/seal';
import { jwkOf, SEAL_KEYS, verifyBody, type SealJwk } from '../../../src/application/audit/seal-signature';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, tempDataDir, type RunningLedger } from '../support/ledger-app';
import { PROBLEM } from '../support/problems';
import { BORROWER, establishWorld, LENDER, type World } from '../support/world';
import { adminGet, AUDIT_ENV, cli, cliProcess, openFile, tempFile, walkLoan } from './audit-support';

/** A GET whose body is kept as the bytes sent, undecoded. */
const rawGet = (url: string, headers: Record<string, string>) =>
  new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });

const sealsIn = (dataDir: string) => {
  const file = openFile(dataDir);
  try {
    return { seals: file.all('stream_id = ?', SEAL_STREAM), log: file.all() };
  } finally {
    file.close();
  }
};

const waitFor = async (what: string, check: () => Promise<boolean>, tries = 100) => {
  for (let i = 0; i < tries; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
};

describe('the audit trail', () => {
  const dataDir = tempDataDir();
  let ledger: RunningLedger;
  let world: World;
  let keys: SealJwk[];
  let afterFirstStop: ReturnType<typeof sealsIn>;

  beforeAll(async () => {
    ledger = await startLedger(dataDir, AUDIT_ENV);
    world = await establishWorld(ledger);
    await walkLoan(ledger, world);
    await ledger.stop();
    afterFirstStop = sealsIn(dataDir);
    ledger = await startLedger(dataDir, AUDIT_ENV);
    keys = (await adminGet(ledger, '/v1/audit/keys')).body.keys;
  });
  afterAll(async () => {
    await ledger.stop();
    removeDataDir(dataDir);
  });

  it('sealed everything at shutdown: range, stream heads, Merkle root, previous seal, Ed25519 signature', () => {
    const { seals, log } = afterFirstStop;
    expect(seals).toHaveLength(1);
    const [seal] = seals;
    expect(log.at(-1)).toEqual(seal);
    const data = sealData(seal);
    const before = log.slice(0, -1);
    expect(data).toMatchObject({
      afterPosition: null,
      firstPosition: before[0].position,
      lastPosition: before.at(-1)!.position,
      eventCount: before.length,
      previousSealHash: null,
      keyId: keys[0].kid,
    });
    const loan = before.filter((event) => event.streamId.startsWith('loan-'));
    expect(data.streamHeads[loan[0].streamId]).toEqual({ version: 4, hash: loan.at(-1)!.hash });
    expect(verifyBody(keys, data.keyId, bodyOf(data), data.signature)).toBe(true);
    expect(verifyBody(keys, data.keyId, { ...bodyOf(data), eventCount: data.eventCount + 1 }, data.signature)).toBe(false);
  });

  it('serves the public keys as JWK whose kid is the RFC 7638 thumbprint, to every role', async () => {
    expect(keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: expect.any(String), alg: 'EdDSA', use: 'sig' }]);
    expect(jwkOf(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: keys[0].x }, format: 'jwk' })).kid).toBe(keys[0].kid);
    expect((await ledger.http().get('/v1/audit/keys').set(bearer(world.keys[BORROWER]))).status).toBe(200);
  });

  it('verifies the log: counts, the last sealed position and the unsealed tail', async () => {
    const { position } = await walkLoan(ledger, world, ['accept']);
    const seals = (await adminGet(ledger, `/v1/streams/${SEAL_STREAM}`)).body.events;
    const response = await adminGet(ledger, '/v1/audit/verify');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      verified: true,
      events: Number(position),
      streams: expect.any(Number),
      seals: 1,
      firstPosition: '1',
      lastPosition: position,
      lastSealedPosition: sealData(seals[0]).lastPosition,
      // The two events of the loan after it; the seal itself is not counted.
      unsealedEvents: 2,
    });
  });

  it('verifies a window of the log, from and to', async () => {
    const response = await adminGet(ledger, '/v1/audit/verify?from=5&to=9');
    expect(response.body).toMatchObject({ verified: true, events: 5, firstPosition: '5', lastPosition: '9' });
  });

  it('refuses bad input naming the field, and never a 500', async () => {
    for (const [query, field] of [
      ['from=abc', 'from'],
      ['from=9&to=5', 'to'],
      ['headPosition=3', 'headHash'],
      ['headPosition=3&headHash=XYZ', 'headHash'],
    ]) {
      const response = await adminGet(ledger, `/v1/audit/verify?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect((await adminGet(ledger, '/v1/audit/proof')).status).toBe(400);
    const unknown = await adminGet(ledger, '/v1/audit/proof?eventId=00000000-0000-4000-8000-000000000000');
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'event-not-found' });
  });

  it('proves one event: the route gives the audit path and signed seal, the CLI checks it offline', async () => {
    const { log } = sealsIn(dataDir);
    const shipped = log.find((event) => event.type === 'LoanShipped')!;
    const response = await adminGet(ledger, `/v1/audit/proof?eventId=${shipped.eventId}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ event: { eventId: shipped.eventId, hash: shipped.hash }, leafIndex: Number(shipped.position) - 1, key: keys[0] });
    const keyFile = tempFile('keys.json', JSON.stringify({ keys }));
    const proofFile = tempFile('proof.json', JSON.stringify(response.body));
    const proved = await cli('prove', proofFile, '--public-key', keyFile);
    expect(proved).toMatchObject({ code: 0, err: '' });
    expect(proved.out).toContain(`proved: LoanShipped ${shipped.eventId}`);

    const altered = { ...response.body, event: { ...response.body.event, data: { ...response.body.event.data, lender: 'XX-FORGED' } } };
    expect(await cli('prove', tempFile('proof.json', JSON.stringify(altered)), '--public-key', keyFile)).toMatchObject({ code: 1, out: expect.stringContaining('payload-altered') });
    const otherPath = { ...response.body, leafIndex: response.body.leafIndex + 1 };
    expect(await cli('prove', tempFile('proof.json', JSON.stringify(otherPath)), '--public-key', keyFile)).toMatchObject({ code: 1, out: expect.stringContaining('seal-mismatch') });
    const stranger = jwkOf(createPublicKey(generateKeyPairSync('ed25519').privateKey));
    const strangerFile = tempFile('keys.json', JSON.stringify({ keys: [stranger] }));
    expect(await cli('prove', proofFile, '--public-key', strangerFile)).toMatchObject({ code: 1, out: expect.stringContaining('bad-signature') });
    // A file that is JSON but no key (the proof itself, given by mistake) is named, without a stack.
    const notKeys = cliProcess('prove', proofFile, '--public-key', proofFile);
    expect({ code: notKeys.code, err: notKeys.err }).toEqual({
      code: 1,
      err: `resource-sharing-ledger: ${proofFile}: not an Ed25519 public key or a key set, as GET /v1/audit/keys gives them\n`,
    });
  });

  it('answers 409 event-not-sealed for an event after the last seal', async () => {
    const { log } = { log: (await adminGet(ledger, '/v1/events?limit=1000')).body.items as { eventId: string; position: string }[] };
    const response = await adminGet(ledger, `/v1/audit/proof?eventId=${log.at(-1)!.eventId}`);
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 409, code: 'event-not-sealed' });

    // Saved as proof.json, as `curl … > proof.json` does: prove names what the file holds instead of failing on it.
    const proved = await cli('prove', tempFile('proof.json', JSON.stringify(response.body)));
    expect(proved).toEqual({ code: 1, err: '', out: expect.stringMatching(/^NOT PROVED: .*not an inclusion proof.*event-not-sealed/) });
  });

  it('exports NDJSON with a header, every event and seal with its hashes; gzip when asked; from and to', async () => {
    const plain = await adminGet(ledger, '/v1/audit/export').buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = (plain.body as string).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ format: 'resource-sharing-ledger/export@1', from: null, to: null, keys });
    const events = (await adminGet(ledger, '/v1/events?limit=1000')).body.items;
    expect(lines.slice(1)).toEqual(events);

    const zipped = await rawGet(`${ledger.url}/v1/audit/export?from=3&to=6`, { authorization: `Bearer ${ADMIN_KEY}`, 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const window = gunzipSync(zipped.body).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(window.slice(1).map((event: { position: string }) => event.position)).toEqual(['3', '4', '5', '6']);

    const file = tempFile('export.ndjson.gz', zipped.body);
    const checked = await cli('verify', file, '--public-key', tempFile('keys.json', JSON.stringify({ keys })));
    expect(checked).toMatchObject({ code: 0, out: expect.stringContaining('verified: 4 events') });
  });

  it('verifies a whole export offline with the CLI, with the keys it carries or the auditor’s', async () => {
    const exported = await adminGet(ledger, '/v1/audit/export').buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    const file = tempFile('export.ndjson', exported.body as string);
    const online = (await adminGet(ledger, '/v1/audit/verify')).body;
    const offline = await cli('verify', file);
    expect(offline.code).toBe(0);
    expect(offline.err).toContain('warning: checking signatures with the keys the file itself carries');
    expect(JSON.parse(offline.out.trim().split('\n').at(-1)!)).toEqual(online);
  });

  it('gives a signed head that a later verify checks the log still holds', async () => {
    const head = (await adminGet(ledger, '/v1/audit/head')).body;
    const { signature, ...body } = head;
    expect(verifyBody(keys, head.keyId, body, signature)).toBe(true);
    expect(head.position).toBe(await ledger.app.get<EventStore>(EVENT_STORE).headPosition());
    const verified = await adminGet(ledger, `/v1/audit/verify?headPosition=${head.position}&headHash=${head.hash}`);
    expect(verified.body.verified).toBe(true);
    const wrong = await adminGet(ledger, `/v1/audit/verify?headPosition=${head.position}&headHash=${'0'.repeat(64)}`);
    expect(wrong.body).toMatchObject({ verified: false, mismatch: { kind: 'event-missing', position: head.position } });
  });

  it('does not call a clean log truncated when the window checked ends before the kept head: it refuses, naming headPosition', async () => {
    const head = (await adminGet(ledger, '/v1/audit/head')).body;
    expect(BigInt(head.position)).toBeGreaterThan(6n);
    const route = await adminGet(ledger, `/v1/audit/verify?from=3&to=6&headPosition=${head.position}&headHash=${head.hash}`);
    expect({ status: route.status, fields: route.body.errors?.map((error: { field: string }) => error.field) }).toEqual({ status: 400, fields: ['headPosition'] });
    expect(route.headers['content-type']).toMatch(PROBLEM);
    const inside = await adminGet(ledger, `/v1/audit/verify?from=3&to=${head.position}&headPosition=${head.position}&headHash=${head.hash}`);
    expect(inside.body.verified).toBe(true);

    const zipped = await rawGet(`${ledger.url}/v1/audit/export?from=3&to=6`, { authorization: `Bearer ${ADMIN_KEY}`, 'accept-encoding': 'gzip' });
    const keyFile = tempFile('keys.json', JSON.stringify({ keys }));
    const offline = await cli('verify', tempFile('part.ndjson.gz', zipped.body), '--public-key', keyFile, '--head', tempFile('head.json', JSON.stringify(head)));
    expect(offline.out).not.toContain('NOT VERIFIED');
    expect({ code: offline.code, err: offline.err }).toEqual({ code: 64, err: expect.stringContaining(`at position ${head.position}, outside the export's window (from 3 to 6)`) });
  });

  it('does not prove an event at a position other than the one its leaf stands at', async () => {
    const { log } = sealsIn(dataDir);
    const shipped = log.find((event) => event.type === 'LoanShipped')!;
    const proof = (await adminGet(ledger, `/v1/audit/proof?eventId=${shipped.eventId}`)).body;
    const keyFile = tempFile('keys.json', JSON.stringify({ keys }));
    const moved = { ...proof, event: { ...proof.event, position: String(Number(shipped.position) + 1) } };
    expect(await cli('prove', tempFile('proof.json', JSON.stringify(moved)), '--public-key', keyFile)).toEqual({
      code: 1,
      err: '',
      out: `NOT PROVED: seal-mismatch: leaf ${proof.leafIndex} of the sealed range is position ${shipped.position}, not ${moved.event.position}\n`,
    });
  });

  it('names an export or a JSON file it cannot read, without a stack trace', () => {
    const keyFile = tempFile('keys.json', JSON.stringify({ keys }));
    const notAnExport = cliProcess('verify', tempFile('export.ndjson', 'garbage\n'), '--public-key', keyFile);
    expect({ code: notAnExport.code, err: notAnExport.err }).toEqual({ code: 1, err: expect.stringMatching(/^resource-sharing-ledger: .*export\.ndjson, line 1: not JSON\n$/) });
    const notJson = cliProcess('prove', tempFile('proof.json', '{bad'));
    expect({ code: notJson.code, err: notJson.err }).toEqual({ code: 1, err: expect.stringMatching(/^resource-sharing-ledger: .*proof\.json: not JSON \(.*\)\n$/) });
  });

  it('replays balances as of a position or an instant exactly as the as-of API answers, from the database or an export', async () => {
    await walkLoan(ledger, world);
    const events = (await adminGet(ledger, '/v1/events?limit=1000')).body.items as { position: string; metadata: { recordedAt: string }; type: string }[];
    const shipped = events.filter((event) => event.type === 'LoanShipped');
    const exported = await adminGet(ledger, '/v1/audit/export').buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    const exportFile = tempFile('export.ndjson', exported.body as string);
    await ledger.caughtUp(events.at(-1)!.position);
    const cuts = [shipped[0].position, String(Number(shipped[1].position) - 1), events.at(-1)!.position, shipped[0].metadata.recordedAt];
    for (const asOf of cuts) {
      for (const partner of [undefined, LENDER, BORROWER]) {
        const api = (await adminGet(ledger, `/v1/balances?asOf=${encodeURIComponent(asOf)}${partner ? `&partner=${partner}` : ''}`)).body;
        const args = ['--to', asOf, ...(partner ? ['--partner', partner.toLowerCase()] : [])];
        const fromExport = await cli('replay', ...args, '--export', exportFile);
        expect({ asOf, partner, answer: JSON.parse(fromExport.out) }).toEqual({ asOf, partner, answer: api });
      }
    }
    const previous = process.env.LEDGER_DATA_DIR;
    process.env.LEDGER_DATA_DIR = dataDir;
    try {
      const fromDatabase = await cli('replay', '--to', cuts[2], '--partner', LENDER);
      expect(JSON.parse(fromDatabase.out)).toEqual((await adminGet(ledger, `/v1/balances?asOf=${cuts[2]}&partner=${LENDER}`)).body);
      expect(JSON.parse(fromDatabase.out).balances).toContainEqual({ partner: LENDER, unit: 'loan', balance: '2' });

      // A partner the ledger never registered is refused, as the API answers 404 partner-not-found, from the database or an export.
      expect((await adminGet(ledger, `/v1/balances?asOf=${cuts[0]}&partner=XX-NONE`)).body).toMatchObject({ code: 'partner-not-found' });
      for (const source of [[], ['--export', exportFile]]) {
        const unknown = await cli('replay', '--to', cuts[0], '--partner', 'xx-none', ...source);
        expect({ source, unknown }).toEqual({ source, unknown: { code: 1, out: '', err: 'XX-NONE is not a registered partner.\n' } });
      }

      // A cut the log has not reached is refused, as the API refuses it (409 beyond-head), from the database or an export.
      const ahead = String(Number(events.at(-1)!.position) + 1000);
      expect((await adminGet(ledger, `/v1/balances?asOf=${ahead}`)).body).toMatchObject({ code: 'beyond-head' });
      for (const cut of [ahead, '2999-01-01T00:00:00Z']) {
        for (const source of [[], ['--export', exportFile]]) {
          const refused = await cli('replay', '--to', cut, ...source);
          expect({ cut, source, refused }).toEqual({ cut, source, refused: { code: 1, out: '', err: expect.stringContaining('is beyond it') } });
        }
      }
    } finally {
      if (previous === undefined) delete process.env.LEDGER_DATA_DIR;
      else process.env.LEDGER_DATA_DIR = previous;
    }
  });

  it('replays one stream: the aggregate state after each of its events', async () => {
    const { streamId } = await walkLoan(ledger, world, ['accept', 'ship']);
    const exported = await adminGet(ledger, '/v1/audit/export').buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    const replayed = await cli('replay', '--stream', streamId, '--export', tempFile('export.ndjson', exported.body as string));
    expect(replayed.code).toBe(0);
    const lines = replayed.out.trim().split('\n');
    expect(lines.filter((_, i) => i % 2 === 0).map((line) => line.split(' ').slice(0, 1).concat(line.split(' ')[3]))).toEqual([
      ['v1', 'LoanRequested'],
      ['v2', 'LoanAccepted'],
      ['v3', 'LoanShipped'],
    ]);
    const states = lines.filter((_, i) => i % 2 === 1).map((line) => JSON.parse(line));
    expect(states.map((state) => state.status)).toEqual(['requested', 'accepted', 'shipped']);
    expect(await cli('replay', '--stream', 'nothing-1', '--export', tempFile('e.ndjson', exported.body as string)).catch((error: Error) => error.message)).toContain('not the stream of an aggregate');
  });

  it('keeps old public keys after a rotation, so old seals still verify, and signs new seals with the new key', async () => {
    await ledger.stop();
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    ledger = await startLedger(dataDir, { ...AUDIT_ENV, LEDGER_SEAL_KEY: pem });
    const rotated = (await adminGet(ledger, '/v1/audit/keys')).body.keys as SealJwk[];
    expect(rotated).toHaveLength(2);
    expect(rotated[0]).toEqual(keys[0]);
    await walkLoan(ledger, world, ['accept']);
    await ledger.stop();
    const { seals } = sealsIn(dataDir);
    expect(seals.map((seal) => (seal.data as SealData).keyId).at(-1)).toBe(rotated[1].kid);
    ledger = await startLedger(dataDir, { ...AUDIT_ENV, LEDGER_SEAL_KEY: pem });
    expect((await adminGet(ledger, '/v1/audit/verify')).body).toMatchObject({ verified: true, seals: seals.length, unsealedEvents: 0 });
    expect(seals.map((seal) => (seal.data as SealData).keyId)).toEqual([keys[0].kid, keys[0].kid, rotated[1].kid]);
  });
});

describe('when seals are written', () => {
  it('every LEDGER_SEAL_EVERY_EVENTS events, each seal covering at most that many, chained', async () => {
    const ledger = await startLedger(undefined, { ...AUDIT_ENV, LEDGER_SEAL_EVERY_EVENTS: '4' });
    try {
      const world = await establishWorld(ledger);
      const { position } = await walkLoan(ledger, world);
      const seals = async () => (await adminGet(ledger, `/v1/streams/${SEAL_STREAM}`)).body.events ?? [];
      // Events recorded after the walk (a reaction to it) may bring one more seal
      // at any moment: compare the verification with the seals read after it,
      // and again until no seal lands between the two.
      let written: Awaited<ReturnType<typeof seals>> = [];
      let verification: { verified?: boolean; seals?: number } = {};
      await waitFor('seals up to the head, all verified', async () => {
        verification = (await adminGet(ledger, '/v1/audit/verify')).body;
        written = await seals();
        return written.length > 0 && BigInt(sealData(written.at(-1)).lastPosition) >= BigInt(position) - 4n && verification.seals === written.length;
      });
      expect(verification).toMatchObject({ verified: true, seals: written.length });
      expect(written.length).toBeGreaterThanOrEqual(Math.floor(Number(position) / 5));
      for (const [i, seal] of written.entries()) {
        expect(sealData(seal).eventCount).toBeLessThanOrEqual(4);
        if (i > 0) expect(sealData(seal)).toMatchObject({ previousSealHash: written[i - 1].hash, afterPosition: sealData(written[i - 1]).lastPosition });
      }
    } finally {
      await ledger.stop();
      removeDataDir(ledger.dataDir);
    }
  });

  it('every LEDGER_SEAL_INTERVAL_SECONDS when anything was recorded, and not when nothing was', async () => {
    const ledger = await startLedger(undefined, { ...AUDIT_ENV, LEDGER_SEAL_INTERVAL_SECONDS: '1' });
    try {
      const world = await establishWorld(ledger);
      const { position } = await walkLoan(ledger, world, []);
      const seals = async () => ((await adminGet(ledger, `/v1/streams/${SEAL_STREAM}`)).body.events ?? []) as { data: SealData }[];
      await waitFor('an interval seal', async () => (await seals()).some((seal) => seal.data.lastPosition === position));
      const count = (await seals()).length;
      await new Promise((resolve) => setTimeout(resolve, 2200));
      expect((await seals()).length).toBe(count);
    } finally {
      await ledger.stop();
      removeDataDir(ledger.dataDir);
    }
  });

  it('never from a second instance refused the held data directory: it appends nothing, not even a seal over the unsealed tail', async () => {
    const ledger = await startLedger(undefined, AUDIT_ENV);
    try {
      const world = await establishWorld(ledger);
      await walkLoan(ledger, world, []);
      const before = sealsIn(ledger.dataDir);
      expect(before.seals).toHaveLength(0);
      await expect(startLedger(ledger.dataDir, AUDIT_ENV)).rejects.toThrow(`is in use by process ${process.pid}`);
      expect(sealsIn(ledger.dataDir).log).toEqual(before.log);
    } finally {
      await ledger.stop();
      removeDataDir(ledger.dataDir);
    }
  });

  it('names the newest seal in the signed head', async () => {
    const ledger = await startLedger(undefined, AUDIT_ENV);
    try {
      const world = await establishWorld(ledger);
      await walkLoan(ledger, world);
      const deps = { store: ledger.app.get<EventStore>(EVENT_STORE), log: ledger.app.get<AuditLog>(AUDIT_LOG), keys: ledger.app.get(SEAL_KEYS), clock: { now: () => new Date() }, ids: { next: randomUUID } };
      expect(await new Sealer(deps, 3).sealAll()).toBeGreaterThan(2);
      const seals = (await adminGet(ledger, `/v1/streams/${SEAL_STREAM}`)).body.events;
      const newest = seals.at(-1);
      const head = (await adminGet(ledger, '/v1/audit/head')).body;
      expect(head).toMatchObject({ position: newest.position, hash: newest.hash, lastSeal: { position: newest.position, hash: newest.hash, lastPosition: sealData(newest).lastPosition } });
    } finally {
      await ledger.stop();
      removeDataDir(ledger.dataDir);
    }
  });

  it('never twice for one range: of two sealers racing, one wins and the other writes nothing', async () => {
    const ledger = await startLedger(undefined, AUDIT_ENV);
    try {
      const world = await establishWorld(ledger);
      await walkLoan(ledger, world, []);
      const deps = { store: ledger.app.get<EventStore>(EVENT_STORE), log: ledger.app.get<AuditLog>(AUDIT_LOG), keys: ledger.app.get(SEAL_KEYS), clock: { now: () => new Date() }, ids: { next: randomUUID } };
      const [a, b] = await Promise.all([new Sealer(deps, 1000).sealNext(), new Sealer(deps, 1000).sealNext()]);
      expect([a, b].filter((seal) => seal !== null)).toHaveLength(1);
      const written = (await adminGet(ledger, `/v1/streams/${SEAL_STREAM}`)).body.events;
      expect(written).toHaveLength(1);
    } finally {
      await ledger.stop();
      removeDataDir(ledger.dataDir);
    }
  });
});

