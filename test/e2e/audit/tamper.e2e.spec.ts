import { cpSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { merkleRoot } from '../../../src/application/audit/merkle';
import { leafOf, SEAL_STREAM, type SealData } from '../../../src/application/audit/seal';
import { canonicalJson, eventHash } from '../../../src/application/event-store/hash-chain';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { ADMIN_KEY, removeDataDir, startLedger, tempDataDir, type RunningLedger } from '../support/ledger-app';
import { establishWorld } from '../support/world';
import { adminGet, AUDIT_ENV, cli, cliProcess, openFile, tempFile, walkLoan } from './audit-support';

type File = ReturnType<typeof openFile>;

const exportOf = (ledger: RunningLedger) =>
  new Promise<string>((resolve, reject) => {
    httpGet(`${ledger.url}/v1/audit/export`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve(text));
    }).on('error', reject);
  });

/** What someone with the file and the hashing code would do: rewrite an event and re-chain its stream after it. */
const rewrite = (file: File, event: RecordedEvent, data: object, rechain: boolean) => {
  const update = file.db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE event_id = ?');
  let prevHash = event.prevHash;
  const stream = file.all('stream_id = ? AND stream_version >= ?', event.streamId, event.streamVersion);
  for (const [i, original] of stream.entries()) {
    const changed = { ...original, data: i === 0 ? data : original.data, prevHash };
    const hash = eventHash(changed, prevHash);
    update.run(canonicalJson(changed.data), prevHash, hash, original.eventId);
    prevHash = hash;
    if (!rechain) return;
  }
};

/** The seal over the range recomputed to match a forged log; only the signature cannot be redone. */
const resealWithoutKey = (file: File, seal: RecordedEvent) => {
  const data = seal.data as SealData;
  const range = file.all('position > ? AND position <= ?', Number(data.afterPosition ?? 0), Number(data.lastPosition));
  const streamHeads = Object.fromEntries(range.map((event) => [event.streamId, { version: event.streamVersion, hash: event.hash }]));
  const forged = { ...data, streamHeads, merkleRoot: merkleRoot(range.map(leafOf)).toString('hex') };
  rewrite(file, seal, forged, true);
};

describe('tampering with the SQLite file, caught and named by the route and by the offline CLI', () => {
  const pristine = tempDataDir();
  let loans: RecordedEvent[][];
  let seals: RecordedEvent[];
  let keysFile: string;
  let headFile: string;
  let head: { position: string; hash: string };

  beforeAll(async () => {
    let ledger = await startLedger(pristine, AUDIT_ENV);
    const world = await establishWorld(ledger);
    const first = await walkLoan(ledger, world);
    await ledger.stop();
    ledger = await startLedger(pristine, AUDIT_ENV);
    const second = await walkLoan(ledger, world);
    const signedHead = (await adminGet(ledger, '/v1/audit/head')).body;
    head = signedHead;
    headFile = tempFile('head.json', JSON.stringify(signedHead));
    keysFile = tempFile('keys.json', JSON.stringify((await adminGet(ledger, '/v1/audit/keys')).body));
    await ledger.stop();
    const file = openFile(pristine);
    loans = [first, second].map(({ streamId }) => file.all('stream_id = ?', streamId));
    seals = file.all('stream_id = ?', SEAL_STREAM);
    file.close();
  });
  afterAll(() => removeDataDir(pristine));

  /** A copy of the pristine ledger, tampered with while no service runs, then served again. */
  const tampered = async (tamper: (file: File) => void, check: (ledger: RunningLedger) => Promise<void>) => {
    const dataDir = tempDataDir();
    cpSync(pristine, dataDir, { recursive: true });
    const file = openFile(dataDir);
    tamper(file);
    file.close();
    const ledger = await startLedger(dataDir, AUDIT_ENV);
    try {
      await check(ledger);
    } finally {
      await ledger.stop();
      removeDataDir(dataDir);
    }
  };

  const expectCaught = async (ledger: RunningLedger, kind: string, at: RecordedEvent, streamId = at.streamId) => {
    const online = (await adminGet(ledger, '/v1/audit/verify')).body;
    expect(online).toMatchObject({ verified: false, mismatch: { kind, position: at.position, eventId: at.eventId, streamId } });
    const offline = await cli('verify', tempFile('export.ndjson', await exportOf(ledger)), '--public-key', keysFile);
    expect(offline.code).toBe(1);
    expect(offline.out).toContain(`NOT VERIFIED: ${kind} at position ${at.position}`);
    expect(JSON.parse(offline.out.trim().split('\n').at(-1)!)).toEqual(online);
  };

  it('is clean before anyone touches it', async () => {
    await tampered(() => undefined, async (ledger) => {
      expect((await adminGet(ledger, '/v1/audit/verify')).body).toMatchObject({ verified: true, seals: 2, unsealedEvents: 0 });
      const exported = tempFile('export.ndjson', await exportOf(ledger));
      expect((await cli('verify', exported, '--public-key', keysFile, '--head', headFile)).code).toBe(0);
      expect(cliProcess('verify', exported, '--public-key', keysFile)).toMatchObject({ code: 0, out: expect.stringMatching(/^verified: /) });
    });
  });

  it('a payload edited: payload-altered at that event, and `npm run cli -- verify` exits non-zero', async () => {
    const shipped = loans[0][2];
    await tampered(
      (file) => file.db.prepare('UPDATE events SET data = replace(data, ?, ?) WHERE event_id = ?').run('DE-1', 'DE-2', shipped.eventId),
      async (ledger) => {
        await expectCaught(ledger, 'payload-altered', shipped);
        const run = cliProcess('verify', tempFile('export.ndjson', await exportOf(ledger)), '--public-key', keysFile);
        expect({ code: run.code, out: run.out.split('\n')[0] }).toEqual({
          code: 1,
          out: expect.stringContaining(`NOT VERIFIED: payload-altered at position ${shipped.position} (event ${shipped.eventId}, stream ${shipped.streamId})`),
        });
      },
    );
  });

  it('metadata edited: payload-altered at that event', async () => {
    const accepted = loans[0][1];
    await tampered(
      (file) => file.db.prepare(`UPDATE events SET metadata = json_set(metadata, '$.recordedAt', '2001-01-01T00:00:00.000Z') WHERE event_id = ?`).run(accepted.eventId),
      (ledger) => expectCaught(ledger, 'payload-altered', accepted),
    );
  });

  it('an event deleted: event-missing at the next event of its stream', async () => {
    const [, accepted, shipped] = loans[0];
    await tampered(
      (file) => file.db.prepare('DELETE FROM events WHERE event_id = ?').run(accepted.eventId),
      (ledger) => expectCaught(ledger, 'event-missing', shipped),
    );
  });

  it('two events swapped: reordered where the later one now stands', async () => {
    const [, accepted, shipped] = loans[0];
    await tampered(
      (file) => {
        const move = file.db.prepare('UPDATE events SET position = ? WHERE position = ?');
        move.run(-1, Number(accepted.position));
        move.run(Number(accepted.position), Number(shipped.position));
        move.run(Number(shipped.position), -1);
      },
      (ledger) => expectCaught(ledger, 'reordered', { ...shipped, position: accepted.position }),
    );
  });

  it('an event forged with its stream re-chained: seal-mismatch at the seal over it, naming the stream whose head differs', async () => {
    const shipped = loans[0][2];
    await tampered(
      (file) => rewrite(file, shipped, { ...shipped.data, lender: 'DE-2' }, true),
      (ledger) => expectCaught(ledger, 'seal-mismatch', seals[0], shipped.streamId),
    );
  });

  it('an event forged, re-chained and its seal recomputed: bad-signature at that seal', async () => {
    const shipped = loans[1][2];
    await tampered(
      (file) => {
        rewrite(file, shipped, { ...shipped.data, lender: 'DE-2' }, true);
        resealWithoutKey(file, file.all('event_id = ?', seals[1].eventId)[0]);
      },
      (ledger) => expectCaught(ledger, 'bad-signature', seals[1], SEAL_STREAM),
    );
  });

  it('the tail after a seal truncated: invisible to the log alone, event-missing against a kept signed head', async () => {
    await tampered(
      (file) => file.db.prepare('DELETE FROM events WHERE position > ?').run(Number(seals[0].position)),
      async (ledger) => {
        expect((await adminGet(ledger, '/v1/audit/verify')).body).toMatchObject({ verified: true, seals: 1 });
        const online = (await adminGet(ledger, `/v1/audit/verify?headPosition=${head.position}&headHash=${head.hash}`)).body;
        expect(online).toMatchObject({ verified: false, mismatch: { kind: 'event-missing', position: head.position } });
        const exported = tempFile('export.ndjson', await exportOf(ledger));
        expect((await cli('verify', exported, '--public-key', keysFile)).code).toBe(0);
        const offline = await cli('verify', exported, '--public-key', keysFile, '--head', headFile);
        expect(offline).toMatchObject({ code: 1, out: expect.stringContaining(`NOT VERIFIED: event-missing at position ${head.position}`) });
      },
    );
  });

  it('the tail after a seal truncated and the log written on: event-missing at the first position gone, from the log alone', async () => {
    const gone = (BigInt(seals[0].position) + 1n).toString();
    await tampered(
      (file) => file.db.prepare('DELETE FROM events WHERE position > ?').run(Number(seals[0].position)),
      async (ledger) => {
        const response = await ledger.http().post('/v1/partners').set({ authorization: `Bearer ${ADMIN_KEY}` }).send({ isil: 'SE-WRITTENON', name: 'Written on' });
        expect({ status: response.status, body: response.status === 201 ? undefined : response.body }).toEqual({ status: 201, body: undefined });
        // The embedded store gives every position an event: the new one comes after the positions deleted.
        expect(BigInt(response.body.position)).toBeGreaterThan(BigInt(head.position));
        const online = (await adminGet(ledger, '/v1/audit/verify')).body;
        expect(online).toMatchObject({
          verified: false,
          mismatch: { kind: 'event-missing', position: gone, detail: expect.stringContaining(`the next event is at position ${response.body.position}`) },
        });
        const offline = await cli('verify', tempFile('export.ndjson', await exportOf(ledger)), '--public-key', keysFile);
        expect(offline.code).toBe(1);
        expect(offline.out).toContain(`NOT VERIFIED: event-missing at position ${gone}`);
        expect(JSON.parse(offline.out.trim().split('\n').at(-1)!)).toEqual(online);
      },
    );
  });
});
