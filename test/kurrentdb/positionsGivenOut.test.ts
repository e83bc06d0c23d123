import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { loadWorkedExample } from '../../services/demo/load.js';
import { StoreUnavailableError } from '../../services/eventstore/errors.js';
import { KurrentDbEventStore } from '../../services/eventstore/kurrentdb/index.js';
import { ReadModelFollower } from '../../services/readmodels/follower.js';
import { anEvent, aStream, rejectionOf } from '../contract/fixture.js';
import { ScriptedKurrentDb } from './scriptedClient.js';

const options = { connectionString: 'kurrentdb://scripted:2113?tls=false' };

/** Given a scripted server holding `count` single-event appends, and a store on it. */
const givenALog = async (count: number) => {
  const server = new ScriptedKurrentDb();
  const store = new KurrentDbEventStore(server.connect, options);
  const category = aStream().split('-')[0]!;
  for (let i = 0; i < count; i++) await store.append(`${category}-${i}`, [anEvent()], { expectedRevision: 'no_stream' });
  return { server, store, events: await store.readAll() };
};

/** The $all reads made while `action` ran. */
const readsDuring = async (server: ScriptedKurrentDb, action: () => Promise<unknown>) => {
  const before = server.callsOf('readAll').length;
  await action();
  return server.callsOf('readAll').slice(before);
};

describe('KurrentDB positions: reads start only where the store said (against a scripted server)', () => {
  it('reads the event at a position it gave out with one read from exactly there', async () => {
    const { server, store, events } = await givenALog(5);
    const third = events[2]!;
    const reads = await readsDuring(server, async () => expect(await store.readEventAt(third.position)).toEqual(third));
    expect(reads.map((r) => r.options.fromPosition)).toEqual([{ commit: third.position, prepare: third.position }]);
    await store.close();
  });

  it('answers undefined where no event of this log is: 0, a position inside a record, beyond the head', async () => {
    const { store, events } = await givenALog(3);
    const last = events.at(-1)!.position;
    for (const position of [0n, events[0]!.position + 1n, last + 10_000n])
      expect(await store.readEventAt(position)).toBeUndefined();
    await store.close();
  });

  it('fails as unavailable, not "no event there", when the server cannot be reached', async () => {
    const { server, store, events } = await givenALog(2);
    server.down = true;
    expect(await rejectionOf(store.readEventAt(events[0]!.position))).toBeInstanceOf(StoreUnavailableError);
    server.down = false;
    await store.close();
  });

  it('reads from a position it did not give out by falling back in full pages, not one round trip per few events', async () => {
    // Given 1,200 events, and a bound inside the record of the 10th (a position computed by arithmetic)
    const { server, store, events } = await givenALog(1_200);
    const inside = events[9]!.position + 1n;
    // When reading one event backwards from it, and one forwards after it
    let backwards: unknown;
    const backwardsReads = await readsDuring(server, async () => {
      backwards = await store.readAll({ direction: 'backwards', after: inside, maxCount: 1 });
    });
    let forwards: unknown;
    const forwardsReads = await readsDuring(server, async () => {
      forwards = await store.readAll({ after: inside, maxCount: 1 });
    });
    // Then the answers are exact, and each took the refused read plus a few pages of 500
    expect(backwards).toEqual([events[9]]);
    expect(forwards).toEqual([events[10]]);
    expect(backwardsReads.length).toBeLessThanOrEqual(4);
    expect(forwardsReads.length).toBeLessThanOrEqual(5);
    await store.close();
  });

  it('a follower resuming from its snapshot checks it with one read, however much was written since', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sijill-kurrentdb-snapshot-'));
    const snapshotPath = join(dir, 'readmodels.snapshot');
    const silent = pino({ level: 'silent' });
    const server = new ScriptedKurrentDb();
    const store = new KurrentDbEventStore(server.connect, options);
    try {
      // Given read models saved at the worked example, and 600 events written since
      await loadWorkedExample(store);
      const first = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
      await first.start();
      await first.stop();
      const saved = first.position;
      for (let i = 0; i < 600; i++) await store.append(`other-${i}`, [anEvent()], { expectedRevision: 'no_stream' });
      // When a follower starts from that snapshot
      const resumed = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
      const reads = await readsDuring(server, () => resumed.start());
      // Then it trusted the snapshot and subscribed after it…
      const at = { commit: saved, prepare: saved };
      expect(server.callsOf('subscribeToAll').at(-1)!.options.fromPosition).toEqual(at);
      // …having read the one event at its checkpoint (and the head, and where the subscription starts)
      expect(reads.map((r) => r.options.fromPosition)).toEqual([at, 'end', at]);
      expect(resumed.position).toBe(await store.headPosition());
      expect(resumed.state.registry.places.size).toBe(first.state.registry.places.size);
      await resumed.stop();
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
