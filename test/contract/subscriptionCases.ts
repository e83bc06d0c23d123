import { describe, expect, it } from 'vitest';
import type { EventStore, RecordedEvent } from '../../services/eventstore/port.js';
import {
  aCategory,
  anEvent,
  aStream,
  type ContractFixture,
  expectStrictlyIncreasing,
  idsOf,
  someEvents,
  take,
} from './fixture.js';

const WRITERS = 4;
const EVENTS_PER_WRITER = 1_000;

/**
 * One writer: single-event appends to its own stream, each at the exact expected revision.
 * It yields to the event loop between appends, as writers serving requests do; otherwise an
 * in-process store would run all writers in one burst of microtasks and the subscription
 * would only ever catch up afterwards, never exercising live delivery.
 */
const write = async (store: EventStore, streamId: string, count: number, onProgress: (written: number) => void) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const event = anEvent({ type: 'Written' });
    await store.append(streamId, [event], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
    ids.push(event.eventId);
    onProgress(i + 1);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return ids;
};

export const subscriptionCases = (given: () => ContractFixture) =>
  describe('subscribing to the global log', () => {
    it('delivers every event after p exactly once, in order, while 4 writers append concurrently', async () => {
      const { store } = given();
      const category = aCategory();
      await store.append(aStream(category), someEvents(10));
      const p = await store.headPosition();
      const subscription = store.subscribe({ after: p });

      // Start consuming only once the log is ahead, so delivery crosses from catch-up to live.
      let startConsuming!: () => void;
      const ahead = new Promise<void>((resolve) => {
        startConsuming = resolve;
      });
      const streams = Array.from({ length: WRITERS }, () => aStream(category));
      const writers = streams.map((stream) => write(store, stream, EVENTS_PER_WRITER, (n) => n === 300 && startConsuming()));
      const received = ahead.then(() => take(subscription, WRITERS * EVENTS_PER_WRITER));
      const [written, delivered] = await Promise.all([Promise.all(writers), received]);
      await subscription.close();

      const log = await store.readAll({ after: p });
      expect(log).toHaveLength(WRITERS * EVENTS_PER_WRITER);
      expect(delivered.map((e) => e.position)).toEqual(log.map((e) => e.position));
      expect(idsOf(delivered)).toEqual(idsOf(log));
      expectStrictlyIncreasing([p, ...delivered.map((e) => e.position)]);
      expect(new Set(idsOf(delivered)).size).toBe(WRITERS * EVENTS_PER_WRITER);
      for (const [w, stream] of streams.entries()) {
        expect(idsOf(delivered.filter((e) => e.streamId === stream))).toEqual(written[w]);
      }
    });

    it('delivers live events to a subscription started at the head', async () => {
      const { store } = given();
      await store.append(aStream(), someEvents(3));
      const subscription = store.subscribe({ after: await store.headPosition() });
      const received = take(subscription, 3);
      const stream = aStream();
      const events = someEvents(3);
      for (const event of events) await store.append(stream, [event]);
      expect(idsOf(await received)).toEqual(idsOf(events));
      await subscription.close();
    });

    it('resumes after the last delivered position without repeating or skipping', async () => {
      const { store } = given();
      const start = await store.headPosition();
      await store.append(aStream(), someEvents(7));
      const first = store.subscribe({ after: start });
      const firstPart = await take(first, 3);
      await first.close();
      const second = store.subscribe({ after: firstPart.at(-1)!.position });
      const secondPart = await take(second, 4);
      await second.close();
      expect(idsOf([...firstPart, ...secondPart])).toEqual(idsOf(await store.readAll({ after: start })));
    });

    it('delivers only events matching its filter', async () => {
      const { store } = given();
      const [wanted, other] = [aCategory(), aCategory()];
      const start = await store.headPosition();
      const byCategory = store.subscribe({ after: start, filter: { categories: [wanted] } });
      const byType = store.subscribe({ after: start, filter: { types: [`Rare${wanted}`] } });
      const expected: RecordedEvent[] = [];
      for (let i = 0; i < 6; i++) {
        await store.append(aStream(other), someEvents(2));
        await store.append(aStream(wanted), someEvents(1));
      }
      const rare = anEvent({ type: `Rare${wanted}` });
      await store.append(aStream(other), [rare]);
      expected.push(...(await store.readAll({ after: start, filter: { categories: [wanted] } })));
      expect(idsOf(await take(byCategory, 6))).toEqual(idsOf(expected));
      expect(idsOf(await take(byType, 1))).toEqual([rare.eventId]);
      // Non-matching events since then must be skipped, not delivered before the next match.
      const delivered = take(byCategory, 1);
      await store.append(aStream(other), someEvents(3));
      const next = anEvent();
      await store.append(aStream(wanted), [next]);
      expect(idsOf(await delivered)).toEqual([next.eventId]);
      await Promise.all([byCategory.close(), byType.close()]);
    });

    it('ends a waiting iteration on close(), and delivers nothing after break', async () => {
      const { store } = given();
      const waiting = store.subscribe({ after: await store.headPosition() });
      const pending = waiting[Symbol.asyncIterator]().next();
      await waiting.close();
      expect(await pending).toMatchObject({ done: true });

      const stream = aStream();
      await store.append(stream, someEvents(2));
      const broken = store.subscribe({ after: (await store.readStream(stream))[0]!.position - 1n });
      for await (const event of broken) {
        expect(event.streamId).toBe(stream);
        break;
      }
      await store.append(stream, someEvents(1));
      expect(await take(broken, 1)).toEqual([]);
    });

    it('ends open subscriptions when the store closes', async () => {
      const { store } = given();
      const subscription = store.subscribe({ after: await store.headPosition() });
      const pending = subscription[Symbol.asyncIterator]().next();
      await store.close();
      expect(await pending).toMatchObject({ done: true });
    });
  });
