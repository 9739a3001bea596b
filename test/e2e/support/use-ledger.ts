import { EVENT_STORE, type EventStore } from '../../../src/application/ports/event-store.port';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, type RunningLedger } from './ledger-app';
import { establishWorld, type World } from './world';

const START_TIMEOUT_MS = 120_000;

type Options = Readonly<{
  /** Settings on top of the test defaults, e.g. a higher rate limit. */
  env?: Record<string, string>;
  /** Terms of the world's agreement on top of its defaults. */
  terms?: object;
  /** false for a bare ledger, with no partners and no agreement. */
  world?: boolean;
}>;

/**
 * One ledger for the tests of a describe block: started, with its world of
 * partners, before them; stopped and its data removed after them. The ledger
 * and the world exist only once the block has started, hence the getters.
 */
export const useLedger = ({ env = {}, terms, world: withWorld = true }: Options = {}) => {
  let ledger: RunningLedger;
  let world: World;

  // Starting a service and setting up its world takes seconds; on a loaded
  // machine it took over the 30 s a test is given, so the hooks have their own bound.
  beforeAll(async () => {
    ledger = await startLedger(undefined, env);
    if (withWorld) world = await establishWorld(ledger, terms);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await ledger.stop();
    removeDataDir(ledger.dataDir);
  }, START_TIMEOUT_MS);

  return {
    ledger: () => ledger,
    world: () => world,
    post: (path: string, key: string, body: object = {}) => ledger.http().post(path).set(bearer(key)).send(body),
    get: (path: string, key = ADMIN_KEY) => ledger.http().get(path).set(bearer(key)),
    /** The position of the last event written. */
    head: () => ledger.app.get<EventStore>(EVENT_STORE).headPosition(),
  };
};
