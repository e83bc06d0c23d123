import { describe, expect, it } from 'vitest';
import { DuplicateEventIdError, StreamNotFoundError, WrongExpectedRevisionError } from '../../services/eventstore/errors.js';
import type { EventStore, RecordedEvent, StreamAppend } from '../../services/eventstore/port.js';
import {
  aCategory,
  anEvent,
  aStream,
  type ContractFixture,
  expectStrictlyIncreasing,
  idsOf,
  rejectionOf,
  someEvents,
  take,
} from './fixture.js';

/** Given: three new streams of one category, two events each, as one call expecting no streams. */
const aBatch = (category = aCategory()): StreamAppend[] =>
  [aStream(category), aStream(category), aStream(category)].map((streamId) => ({
    streamId,
    events: someEvents(2),
    expectedRevision: 'no_stream' as const,
  }));

const allIds = (appends: readonly StreamAppend[]) => appends.flatMap(({ events }) => idsOf(events));

const expectNothingOf = async (store: EventStore, appends: readonly StreamAppend[]) => {
  for (const { streamId } of appends) expect(await rejectionOf(store.readStream(streamId))).toBeInstanceOf(StreamNotFoundError);
};

/** `count` single appends to one stream, yielding to the event loop between them as request handlers do. */
const appendOneByOne = async (store: EventStore, streamId: string, count: number): Promise<void> => {
  for (let i = 0; i < count; i++) {
    await store.append(streamId, [anEvent()]);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
};

export const appendMultiCases = (given: () => ContractFixture) =>
  describe('atomic appends to several streams (appendMulti)', () => {
    it('writes every stream, in the order given, at contiguous log positions, each result as append answers it', async () => {
      const { store } = given();
      const start = await store.headPosition();
      const batch = aBatch();
      const results = await store.appendMulti(batch);

      const log = await store.readAll({ after: start });
      expect(idsOf(log)).toEqual(allIds(batch));
      expectStrictlyIncreasing([start, ...log.map((e) => e.position)]);
      for (const [i, { streamId }] of batch.entries()) {
        const stream = await store.readStream(streamId);
        expect(idsOf(stream)).toEqual(idsOf(batch[i]!.events));
        expect(results[i]).toEqual({ nextExpectedRevision: 1n, position: stream.at(-1)!.position });
      }
      expect(await store.headPosition()).toBe(results.at(-1)!.position);
    });

    it('writes nothing when the last stream is not at its expected revision, naming it', async () => {
      const { store } = given();
      const batch = aBatch();
      const last = batch.at(-1)!;
      await store.append(last.streamId, [anEvent()]);
      const head = await store.headPosition();

      const error = await rejectionOf(store.appendMulti(batch));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: last.streamId, expected: 'no_stream', actual: 0n });
      expect(await store.headPosition()).toBe(head);
      await expectNothingOf(store, batch.slice(0, -1));
      expect(await store.streamRevision(last.streamId)).toBe(0n);
    });

    it('answers a retry with the original results and writes nothing', async () => {
      const { store } = given();
      const batch = aBatch();
      const original = await store.appendMulti(batch);
      const head = await store.headPosition();
      expect(await store.appendMulti(batch)).toEqual(original);
      expect(await store.appendMulti(batch.map((append) => ({ ...append, expectedRevision: 'any' as const })))).toEqual(original);
      expect(await store.headPosition()).toBe(head);
      for (const { streamId } of batch) expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('refuses a partial overlap with an earlier append, writing nothing', async () => {
      const { store } = given();
      const [written, fresh] = aBatch();
      await store.appendMulti([written!]);
      const head = await store.headPosition();
      const error = await rejectionOf(store.appendMulti([fresh!, written!]));
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ streamId: written!.streamId, eventId: written!.events[0]!.eventId });
      expect(await store.headPosition()).toBe(head);
      await expectNothingOf(store, [fresh!]);
    });

    it('refuses a repeated event id or stream, and an entry without events, before writing anything', async () => {
      const { store } = given();
      const head = await store.headPosition();
      const [a, b] = aBatch();
      const repeatedId = await rejectionOf(store.appendMulti([a!, { ...b!, events: [anEvent(), a!.events[0]!] }]));
      expect(repeatedId).toBeInstanceOf(DuplicateEventIdError);
      expect(repeatedId).toMatchObject({ eventId: a!.events[0]!.eventId });
      expect(await rejectionOf(store.appendMulti([a!, { ...a!, events: someEvents(1) }]))).toBeInstanceOf(RangeError);
      expect(await rejectionOf(store.appendMulti([a!, { ...b!, events: [] }]))).toBeInstanceOf(RangeError);
      expect(await store.appendMulti([])).toEqual([]);
      expect(await store.headPosition()).toBe(head);
      await expectNothingOf(store, [a!, b!]);
    });

    it('is seen by a live subscription whole and in order while another writer appends', async () => {
      const { store } = given();
      const start = await store.headPosition();
      const subscription = store.subscribe({ after: start });
      const [singles, multis] = [40, 8];
      const delivered = take(subscription, singles + multis * 6);
      const batches = Array.from({ length: multis }, () => aBatch());
      await Promise.all([
        appendOneByOne(store, aStream(), singles),
        (async () => {
          for (const batch of batches) {
            await store.appendMulti(batch);
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        })(),
      ]);
      const received: RecordedEvent[] = await delivered;
      await subscription.close();

      expectStrictlyIncreasing([start, ...received.map((e) => e.position)]);
      const ids = idsOf(received);
      for (const batch of batches) {
        const expected = allIds(batch);
        const at = ids.indexOf(expected[0]!);
        expect(ids.slice(at, at + expected.length)).toEqual(expected);
      }
      expect(idsOf(await store.readAll({ after: start }))).toEqual(ids);
    });
  });
