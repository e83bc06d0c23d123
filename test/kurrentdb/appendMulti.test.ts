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
import { rejectionOf } from '../contract/fixture.js';
import { ScriptedClient } from './scriptedMultiAppendClient.js';

let n = 0;
const anEvent = (over: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  type: 'ClaimRecorded',
  schemaVersion: 2,
  data: { share: 0.8 },
  metadata: { principal: 'analyst', correlationId: 'c-1', causationId: 'req-1', attempt: 3, tags: ['a'] },
  ...over,
});

/** Given: the store on a scripted client, and a batch of two new streams plus one that exists at revision 0. */
const given = async () => {
  const client = new ScriptedClient();
  const store = new KurrentDbEventStore(() => client.asClient, { connectionString: 'kurrentdb://scripted:2113?tls=false' });
  await store.appendMulti([{ streamId: 'claim-c', events: [anEvent()], expectedRevision: 'no_stream' }]);
  client.multiAppends.length = 0;
  const batch: StreamAppend[] = [
    { streamId: 'claim-a', events: [anEvent(), anEvent()], expectedRevision: 'no_stream' },
    { streamId: 'claim-b', events: [anEvent()], expectedRevision: 'no_stream' },
    { streamId: 'claim-c', events: [anEvent()], expectedRevision: 0n },
  ];
  return { client, store, batch };
};

describe('appendMulti on KurrentDB (a scripted client)', () => {
  it('sends one multiStreamAppend with each stream state and string-only metadata, and reads back as appended', async () => {
    const { client, store, batch } = await given();
    const results = await store.appendMulti(batch);

    expect(client.multiAppends).toHaveLength(1);
    expect(client.multiAppends[0]!.map((r) => [r.streamName, r.expectedState, r.events.length])).toEqual([
      ['claim-a', 'no_stream', 2],
      ['claim-b', 'no_stream', 1],
      ['claim-c', 0n, 1],
    ]);
    expect(client.singleAppends).toBe(0);
    const read = await store.readStream('claim-a');
    expect(results[0]).toEqual({ nextExpectedRevision: 1n, position: read[1]!.position });
    expect(results[2]).toMatchObject({ nextExpectedRevision: 1n });
    // The metadata's numbers and lists travel as JSON text and come back as they were.
    expect(read[0]).toMatchObject({ eventId: batch[0]!.events[0]!.eventId, schemaVersion: 2, data: { share: 0.8 } });
    expect(read[0]!.metadata).toEqual(batch[0]!.events[0]!.metadata);
  });

  it('translates a conflict into WrongExpectedRevisionError for the stream the server names, writing nothing', async () => {
    const { client, store, batch } = await given();
    const stale = batch.map((append) => (append.streamId === 'claim-c' ? { ...append, expectedRevision: 5n } : append));
    const error = await rejectionOf(store.appendMulti(stale));
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'claim-c', expected: 5n, actual: 0n });
    expect(client.streams.has('claim-a')).toBe(false);
  });

  it('answers a retry with the original results (after the server refuses it, or before sending, with any)', async () => {
    const { client, store, batch } = await given();
    const original = await store.appendMulti(batch);
    const head = client.head;
    expect(await store.appendMulti(batch)).toEqual(original);
    const sent = client.multiAppends.length;
    expect(await store.appendMulti(batch.map((append) => ({ ...append, expectedRevision: 'any' as const })))).toEqual(original);
    expect(client.multiAppends).toHaveLength(sent);
    expect(client.head).toBe(head);
  });

  it('refuses a partial overlap with DuplicateEventIdError', async () => {
    const { store, batch } = await given();
    await store.appendMulti([batch[0]!]);
    const error = await rejectionOf(store.appendMulti(batch));
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect(error).toMatchObject({ streamId: 'claim-a', eventId: batch[0]!.events[0]!.eventId });
  });

  it('refuses on a server without multi-stream appends, naming the version, and never appends stream by stream', async () => {
    const unimplemented = Object.assign(new Error('12 UNIMPLEMENTED: '), { code: 12, details: '', metadata: undefined });
    for (const failure of [new kurrentdb.UnsupportedError('multiStreamAppend', '25.1'), unimplemented]) {
      const { client, store, batch } = await given();
      client.failNext(failure);
      const error = await rejectionOf(store.appendMulti(batch));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/25\.1 or later.*nothing was written/);
      expect(client.singleAppends).toBe(0);
      expect(client.streams.has('claim-a')).toBe(false);
    }
  });

  it('translates the other failures: unavailable is retryable, too large is not', async () => {
    const { client, store, batch } = await given();
    client.failNext(new kurrentdb.UnavailableError(undefined, 'leader lost'));
    expect(await rejectionOf(store.appendMulti(batch))).toBeInstanceOf(StoreUnavailableError);
    client.failNext(new kurrentdb.TransactionMaxSizeExceededError(undefined as never, { size: 9, maxSize: 1 }));
    const tooLarge = await rejectionOf(store.appendMulti(batch));
    expect(tooLarge).toBeInstanceOf(EventStoreError);
    expect(tooLarge).not.toBeInstanceOf(StoreUnavailableError);
  });
});
