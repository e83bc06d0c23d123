import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../services/eventstore/errors.js';
import { KurrentDbEventStore, openKurrentDbEventStore } from '../../services/eventstore/kurrentdb/index.js';
import { anEvent, aStream, rejectionOf } from '../contract/fixture.js';
import { ScriptedKurrentDb } from './scriptedClient.js';

const options = { connectionString: 'kurrentdb://scripted:2113?tls=false' };

/** Given a scripted server holding one stream of three events, and a store on it. */
const givenAStore = async (extra: Partial<ConstructorParameters<typeof KurrentDbEventStore>[1]> = {}) => {
  const server = new ScriptedKurrentDb();
  const store = new KurrentDbEventStore(server.connect, { ...options, ...extra });
  const stream = aStream();
  await store.append(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
  return { server, store, stream };
};

describe('KurrentDB reads after a leader change (against a scripted server)', () => {
  it('asks for the leader on every read: the ones that decide commands, read back appends, or page the log', async () => {
    const { server, store, stream } = await givenAStore();
    const [first] = await store.readStream(stream);
    await store.streamRevision(stream);
    await store.append(stream, [anEvent()], { expectedRevision: 2n });
    await store.readAll({ maxCount: 2 });
    await store.readAll({ direction: 'backwards', after: first!.position + 1n, maxCount: 1 }); // a refused position, then the fallback
    await store.headPosition();
    await store.readEventAt(first!.position);
    const reads = server.calls.filter((call) => call.method === 'readStream' || call.method === 'readAll');
    expect(reads.length).toBeGreaterThan(8);
    for (const read of reads)
      expect(read.options, `${read.method} ${read.target ?? '$all'}`).toMatchObject({ requiresLeader: true });
    await store.close();
  });

  it('replaces a client whose reads keep failing as unavailable, and reads again through the new one', async () => {
    // Given a store whose client's read bridge gave up (appends still reach the new leader)
    const rebuilds: number[] = [];
    const { server, store, stream } = await givenAStore({
      rebuild: { afterFailures: 3, minIntervalMs: 0, onRebuild: ({ failures }) => rebuilds.push(failures) },
    });
    server.clients[0]!.breakReads();
    // When reads fail three times in a row
    for (let i = 0; i < 3; i++) expect(await rejectionOf(store.readStream(stream))).toBeInstanceOf(StoreUnavailableError);
    // Then the client was rebuilt once, the old one disposed, and reads (and appends) work again
    expect(rebuilds).toEqual([3]);
    expect(server.clients).toHaveLength(2);
    expect(server.clients[0]!.disposed).toBe(true);
    expect(await store.readStream(stream)).toHaveLength(3);
    await store.append(stream, [anEvent()], { expectedRevision: 2n });
    expect(await store.streamRevision(stream)).toBe(3n);
    expect(server.calls.at(-1)!.client).toBe(1);
    await store.close();
  });

  it('does not replace the client for failures that are not unavailability, nor after a success in between', async () => {
    const { server, store, stream } = await givenAStore({ rebuild: { afterFailures: 3, minIntervalMs: 0 } });
    server.down = true;
    await rejectionOf(store.headPosition());
    await rejectionOf(store.headPosition());
    server.down = false;
    await store.headPosition();
    server.down = true;
    await rejectionOf(store.headPosition());
    await rejectionOf(store.headPosition());
    server.down = false;
    await rejectionOf(store.readStream('missing-stream')); // StreamNotFoundError: the server answered
    await store.readStream(stream);
    expect(server.clients).toHaveLength(1);
    await store.close();
  });

  it('counts a burst of failures that started on the old client once: one rebuild, not one per failure', async () => {
    const { server, store } = await givenAStore({ rebuild: { afterFailures: 3, minIntervalMs: 0 } });
    server.clients[0]!.breakReads();
    const failures = await Promise.all(Array.from({ length: 10 }, () => rejectionOf(store.headPosition())));
    for (const failure of failures) expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(server.clients).toHaveLength(2);
    expect(await store.headPosition()).toBeGreaterThan(0n);
    await store.close();
  });

  it('keeps trying to open while no leader answers (openRetry), each attempt on a fresh client', async () => {
    // Given a cluster that has not elected a leader yet: every call fails as unavailable
    const server = new ScriptedKurrentDb();
    server.down = true;
    const attempts: number[] = [];
    // When the store opens with a retry budget, and a leader appears after the second failure
    const store = await openKurrentDbEventStore(
      {
        ...options,
        openRetry: {
          timeoutMs: 60_000,
          initialDelayMs: 1,
          maxDelayMs: 1,
          onRetry: ({ attempt }) => {
            attempts.push(attempt);
            if (attempt === 2) server.down = false;
          },
        },
      },
      server.connect,
    );
    // Then it opened on the third attempt, with a third client
    expect(attempts).toEqual([1, 2]);
    expect(server.clients).toHaveLength(3);
    expect(await store.headPosition()).toBe(0n);
    await store.close();
  });

  it('gives up opening once the retry budget is spent, with StoreUnavailableError', async () => {
    const server = new ScriptedKurrentDb();
    server.down = true;
    const failure = await rejectionOf(
      openKurrentDbEventStore({ ...options, openRetry: { timeoutMs: 30, initialDelayMs: 5, maxDelayMs: 5 } }, server.connect),
    );
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(server.clients.length).toBeGreaterThan(1);
    expect(await rejectionOf(openKurrentDbEventStore(options, server.connect))).toBeInstanceOf(StoreUnavailableError);
  });
});
