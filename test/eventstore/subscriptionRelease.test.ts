import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreClosedError } from '../../services/eventstore/errors.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { take } from '../contract/fixture.js';
import { aTempLedger, events } from './tempLedger.js';

describe('subscriptions release what they hold', () => {
  let ledger: Awaited<ReturnType<typeof aTempLedger>>;
  let store: SqliteEventStore;
  beforeEach(async () => {
    ledger = await aTempLedger();
    store = await openSqliteEventStore({ path: ledger.path });
    await store.append('claim-1', events(3));
  });
  afterEach(async () => {
    await store.close();
    await ledger.cleanup();
  });

  it('drops its listener once it is closed while waiting for a commit', async () => {
    const subscription = store.subscribe();
    expect(await take(subscription, 3)).toHaveLength(3);
    const pending = subscription[Symbol.asyncIterator]().next();
    expect(store.activity).toEqual({ subscriptions: 1, waiting: 1 });
    await subscription.close();
    expect(await pending).toMatchObject({ done: true });
    expect(store.activity).toEqual({ subscriptions: 0, waiting: 0 });
  });

  it('is released by break in a for-await loop', async () => {
    const subscription = store.subscribe();
    for await (const _ of subscription) break;
    expect(store.activity).toEqual({ subscriptions: 0, waiting: 0 });
  });

  it('is released when the store closes, and no new one can start', async () => {
    const subscriptions = [store.subscribe({ after: 3n }), store.subscribe({ filter: { categories: ['place'] } })];
    const pending = subscriptions.map((s) => s[Symbol.asyncIterator]().next());
    await store.append('claim-1', events(1)).then(() => undefined);
    expect(store.activity.subscriptions).toBe(2);
    await store.close();
    expect(await Promise.all(pending)).toEqual([
      { done: false, value: expect.objectContaining({ position: 4n }) },
      { done: true, value: undefined },
    ]);
    expect(store.activity).toEqual({ subscriptions: 0, waiting: 0 });
    expect(() => store.subscribe()).toThrow(StoreClosedError);
  });
});
