import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../../services/eventstore/errors.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { tempDir } from '../support/ledger.js';

const event = (n: number) => ({
  eventId: crypto.randomUUID(),
  type: 'Noted',
  schemaVersion: 1,
  data: { n },
  metadata: { principal: 't', correlationId: 'c', causationId: 'c' },
});

let dir: Awaited<ReturnType<typeof tempDir>>;
let store: EventStore;
beforeEach(async () => {
  dir = await tempDir();
  store = await openSqliteEventStore({ path: join(dir.dir, 'ledger.db') });
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

describe('group commit', () => {
  it('appends submitted together succeed or fail one by one, never as a group', async () => {
    await store.append('s-0', [event(0)]);
    const results = await Promise.allSettled([
      store.append('s-1', [event(1)], { expectedRevision: 'no_stream' }),
      store.append('s-0', [event(2)], { expectedRevision: 5n }), // conflicts
      store.append('s-2', [event(3), event(4)], { expectedRevision: 'no_stream' }),
      store.append('s-1', [event(5)], { expectedRevision: 0n }), // sees the first one of this group
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readAll()).map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 3, 4, 5]);
  });

  it('writes what was submitted before close, and acknowledges it', async () => {
    const pending = Array.from({ length: 50 }, (_, i) => store.append(`s-${i % 5}`, [event(i)]));
    await store.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(50);
    store = await openSqliteEventStore({ path: join(dir.dir, 'ledger.db') });
    expect(await store.readAll()).toHaveLength(50);
  });

  it('recognises a retry submitted in the same group as its original', async () => {
    const original = event(7);
    const [first, retry] = await Promise.all([store.append('s', [original]), store.append('s', [original])]);
    expect(retry).toEqual(first);
    expect(await store.readAll()).toHaveLength(1);
  });
});
