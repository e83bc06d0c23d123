import kurrentdb from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import {
  DuplicateEventIdError,
  EventStoreError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../services/eventstore/errors.js';
import { KurrentDbEventStore } from '../../services/eventstore/kurrentdb/index.js';
import type { NewEvent, StreamAppend } from '../../services/eventstore/port.js';
import { rejectionOf, take } from '../contract/fixture.js';
import { ScriptedKurrentDb } from './scriptedClient.js';

let n = 0;
const anEvent = (over: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  type: 'ClaimRecorded',
  schemaVersion: 2,
  data: { share: 0.8 },
  metadata: { principal: 'analyst', correlationId: 'c-1', causationId: 'req-1', attempt: 3, tags: ['a'] },
  ...over,
});

/** Given: the store on a scripted server, and a batch of two new streams plus one that exists at revision 0. */
const given = async () => {
  const server = new ScriptedKurrentDb();
  const store = new KurrentDbEventStore(server.connect, { connectionString: 'kurrentdb://scripted:2113?tls=false' });
  await store.appendMulti([{ streamId: 'claim-c', events: [anEvent()], expectedRevision: 'no_stream' }]);
  const batch: StreamAppend[] = [
    { streamId: 'claim-a', events: [anEvent(), anEvent()], expectedRevision: 'no_stream' },
    { streamId: 'claim-b', events: [anEvent()], expectedRevision: 'no_stream' },
    { streamId: 'claim-c', events: [anEvent()], expectedRevision: 0n },
  ];
  return { server, store, batch, sentBefore: server.callsOf('multiStreamAppend').length };
};

/** What each `multiStreamAppend` call since the given state sent. */
const multiAppendsSince = (server: ScriptedKurrentDb, sentBefore: number) =>
  server
    .callsOf('multiStreamAppend')
    .slice(sentBefore)
    .map((call) => call.requests!);

describe('appendMulti on KurrentDB (a scripted server)', () => {
  it('sends one multiStreamAppend with each stream state and string-only metadata, and reads back as appended', async () => {
    const { server, store, batch, sentBefore } = await given();
    const results = await store.appendMulti(batch);

    const sent = multiAppendsSince(server, sentBefore);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((r) => [r.streamName, r.expectedState, r.events.length])).toEqual([
      ['claim-a', 'no_stream', 2],
      ['claim-b', 'no_stream', 1],
      ['claim-c', 0n, 1],
    ]);
    for (const { metadata } of sent[0]!.flatMap((r) => r.events))
      expect(Object.values(metadata as object).every((value) => typeof value === 'string')).toBe(true);
    expect(server.callsOf('appendToStream')).toHaveLength(0);
    const read = await store.readStream('claim-a');
    expect(results[0]).toEqual({ nextExpectedRevision: 1n, position: read[1]!.position });
    expect(results[2]).toMatchObject({ nextExpectedRevision: 1n });
    // The metadata's numbers and lists travel as JSON text and come back as they were.
    expect(read[0]).toMatchObject({ eventId: batch[0]!.events[0]!.eventId, schemaVersion: 2, data: { share: 0.8 } });
    expect(read[0]!.metadata).toEqual(batch[0]!.events[0]!.metadata);
  });

  it('reads back the same from $all and a subscription as from the stream, without what the server adds', async () => {
    const { store, batch } = await given();
    const start = await store.headPosition();
    const subscription = store.subscribe({ after: start });
    const delivered = take(subscription, 4);
    await store.appendMulti(batch);
    const fromStreams = (await Promise.all(batch.map(({ streamId }) => store.readStream(streamId)))).flatMap((events, i) =>
      events.slice(-batch[i]!.events.length),
    );
    expect(await store.readAll({ after: start })).toEqual(fromStreams);
    expect(await delivered).toEqual(fromStreams);
    await subscription.close();
    for (const [i, event] of batch.flatMap((append) => append.events).entries()) {
      expect(fromStreams[i]).toMatchObject({ eventId: event.eventId, schemaVersion: 2, data: event.data });
      expect(fromStreams[i]!.metadata).toEqual(event.metadata);
    }
  });

  it('translates a conflict into WrongExpectedRevisionError for the stream the server names, writing nothing', async () => {
    const { server, store, batch } = await given();
    const stale = batch.map((append) => (append.streamId === 'claim-c' ? { ...append, expectedRevision: 5n } : append));
    const error = await rejectionOf(store.appendMulti(stale));
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'claim-c', expected: 5n, actual: 0n });
    expect(server.streams.has('claim-a')).toBe(false);
  });

  it('answers a retry with the original results (after the server refuses it, or before sending, with any)', async () => {
    const { server, store, batch } = await given();
    const original = await store.appendMulti(batch);
    const head = server.log.length;
    expect(await store.appendMulti(batch)).toEqual(original);
    const sent = server.callsOf('multiStreamAppend').length;
    expect(await store.appendMulti(batch.map((append) => ({ ...append, expectedRevision: 'any' as const })))).toEqual(original);
    expect(server.callsOf('multiStreamAppend')).toHaveLength(sent);
    expect(server.log.length).toBe(head);
  });

  it('refuses a partial overlap with DuplicateEventIdError', async () => {
    const { store, batch } = await given();
    await store.appendMulti([batch[0]!]);
    const error = await rejectionOf(store.appendMulti(batch));
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect(error).toMatchObject({ streamId: 'claim-a', eventId: batch[0]!.events[0]!.eventId });
  });

  it('refuses on a server without multi-stream appends, naming the version, and never appends stream by stream', async () => {
    // A server before 25.1 (the client refuses before sending), and one that answers the call UNIMPLEMENTED.
    const unimplemented = Object.assign(new Error('12 UNIMPLEMENTED: '), { code: 12, details: '', metadata: undefined });
    const servers = [
      (server: ScriptedKurrentDb) => {
        server.multiStreamAppendSupported = false;
      },
      (server: ScriptedKurrentDb) => server.failNextMultiStreamAppend(unimplemented),
    ];
    for (const unsupported of servers) {
      const { server, store, batch, sentBefore } = await given();
      unsupported(server);
      const error = await rejectionOf(store.appendMulti(batch));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/25\.1 or later.*nothing was written/);
      expect(multiAppendsSince(server, sentBefore)).toHaveLength(1);
      expect(server.callsOf('appendToStream')).toHaveLength(0);
      expect(server.streams.has('claim-a')).toBe(false);
    }
  });

  it('translates the other failures: unavailable is retryable, too large is not', async () => {
    const { server, store, batch } = await given();
    server.failNextMultiStreamAppend(new kurrentdb.UnavailableError(undefined, 'leader lost'));
    expect(await rejectionOf(store.appendMulti(batch))).toBeInstanceOf(StoreUnavailableError);
    server.failNextMultiStreamAppend(new kurrentdb.TransactionMaxSizeExceededError(undefined as never, { size: 9, maxSize: 1 }));
    const tooLarge = await rejectionOf(store.appendMulti(batch));
    expect(tooLarge).toBeInstanceOf(EventStoreError);
    expect(tooLarge).not.toBeInstanceOf(StoreUnavailableError);
    expect(server.streams.has('claim-a')).toBe(false);
  });
});
