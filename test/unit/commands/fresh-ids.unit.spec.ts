import { validate, version } from 'uuid';
import { commandIds } from '../../../src/application/commands/command-ids';
import { freshIds } from '../../../src/application/ports/ids.port';

describe('fresh ids', () => {
  it('are UUIDv7, each greater than the one before, also when thousands are made within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => freshIds.next());

    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.findIndex((id, i) => i > 0 && id <= ids[i - 1])).toBe(-1);
  });

  it('lead with the millisecond they were made, so an index of them grows at its end', () => {
    const before = Date.now();
    const id = freshIds.next();
    const after = Date.now();

    const made = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(made).toBeGreaterThanOrEqual(before);
    expect(made).toBeLessThanOrEqual(after);
  });

  it("name a command's aggregate and events freshly without an idempotency key, and derive them from it with one", () => {
    const fresh = commandIds(freshIds);
    const keyed = commandIds(freshIds, 'key-1');

    expect(version(fresh.aggregateId())).toBe(7);
    expect(version(fresh.eventId(0))).toBe(7);
    expect(keyed.eventId(0)).toBe(commandIds(freshIds, 'key-1').eventId(0));
    expect(version(keyed.eventId(0))).toBe(5);
  });
});
