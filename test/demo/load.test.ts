import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { StoreUnavailableError } from '../../services/eventstore/errors.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { aTempLedger } from '../eventstore/tempLedger.js';
import { wrappedStore } from '../support/ledger.js';

/**
 * Given: a store that fails any write taking the log past `limit` events — what a full disk
 * does to a writer — whichever way the writes come (`append` or `appendMulti`).
 */
const failingPast = (inner: EventStore, limit: number): EventStore => {
  let written = 0;
  const admit = (count: number) => {
    if (written + count > limit) throw new StoreUnavailableError('the disk is full');
    written += count;
  };
  return wrappedStore(inner, {
    append: async (streamId, events, options) => {
      admit(events.length);
      return inner.append(streamId, events, options);
    },
    appendMulti: async (appends) => {
      admit(appends.reduce((sum, { events }) => sum + events.length, 0));
      return inner.appendMulti(appends);
    },
  });
};

describe('loading the worked example', () => {
  let ledger: Awaited<ReturnType<typeof aTempLedger>>;
  let store: EventStore;
  beforeEach(async () => {
    ledger = await aTempLedger();
    store = await openSqliteEventStore({ path: ledger.path });
  });
  afterEach(async () => {
    await store.close();
    await ledger.cleanup();
  });

  it('writes all of it or none of it: a write failing half-way leaves the ledger empty, and a retry loads it whole', async () => {
    await expect(loadWorkedExample(failingPast(store, 10))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.headPosition()).toBe(0n);

    const { appended, unchanged } = await loadWorkedExample(store);
    expect(unchanged).toBe(0);
    expect((await store.readAll()).length).toBe(appended);
    expect(await loadWorkedExample(store)).toEqual({ appended: 0, unchanged: appended });
  });
});
