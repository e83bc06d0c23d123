import { describe, expect, it } from 'vitest';
import { DuplicateEventIdError, StreamNotFoundError } from '../../services/eventstore/errors.js';
import { anEvent, aStream, type ContractFixture, idsOf, rejectionOf, someEvents } from './fixture.js';

export const idempotencyCases = (given: () => ContractFixture) =>
  describe('idempotent appends', () => {
    /** Given a stream holding [first, second] then [third], appended as two writes. */
    const givenTwoAppends = async () => {
      const { store } = given();
      const stream = aStream();
      const original = someEvents(2);
      const originalResult = await store.append(stream, original, { expectedRevision: 'no_stream' });
      await store.append(stream, [anEvent()], { expectedRevision: 1n });
      return { store, stream, original, originalResult, head: await store.headPosition() };
    };

    it('answers a retry with the original result and writes nothing, whatever the expected revision', async () => {
      const { store, stream, original, originalResult, head } = await givenTwoAppends();
      // 2n is the stream's current revision: a retry decided after the original landed.
      for (const expectedRevision of ['no_stream', 'any', 'stream_exists', 0n, 1n, 2n, 7n] as const) {
        expect(await store.append(stream, original, { expectedRevision })).toEqual(originalResult);
      }
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('answers a retry at the revision its own first attempt produced (decided after it landed), writing nothing', async () => {
      // Given an append that landed, leaving the stream at revision 2
      const { store } = given();
      const stream = aStream();
      await store.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const events = someEvents(2);
      const landed = await store.append(stream, events, { expectedRevision: 0n });
      const head = await store.headPosition();
      // When the same events are appended again at the stream's current revision
      const retry = await store.append(stream, events, { expectedRevision: landed.nextExpectedRevision });
      // Then that is the retry: the original answer, and nothing written
      expect(retry).toEqual(landed);
      expect(await store.headPosition()).toBe(head);
      expect(idsOf(await store.readStream(stream)).slice(1)).toEqual(idsOf(events));
    });

    it('keeps one of two identical appends sent at the same moment, and answers both with its result', async () => {
      const { store } = given();
      const stream = aStream();
      await store.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const head = await store.headPosition();
      const events = someEvents(2);
      const [first, second] = await Promise.all([
        store.append(stream, events, { expectedRevision: 0n }),
        store.append(stream, events, { expectedRevision: 0n }),
      ]);
      expect(second).toEqual(first);
      expect(first.nextExpectedRevision).toBe(2n);
      expect(idsOf(await store.readStream(stream)).slice(1)).toEqual(idsOf(events));
      expect(idsOf(await store.readAll({ after: head }))).toEqual(idsOf(events));
    });

    it('answers a retry of part of an append (its events, in order) with their revision and position', async () => {
      const { store, stream, original } = await givenTwoAppends();
      const [first, second] = await store.readStream(stream, { maxCount: 2 });
      expect(await store.append(stream, [original[1]!])).toEqual({ nextExpectedRevision: 1n, position: second!.position });
      expect(await store.append(stream, [original[0]!], { expectedRevision: 'no_stream' })).toEqual({
        nextExpectedRevision: 0n,
        position: first!.position,
      });
    });

    it('rejects a partial overlap, a different order, or a repeated id, writing nothing', async () => {
      const { store, stream, original, head } = await givenTwoAppends();
      const cases = [
        [original[1]!, anEvent()],
        [anEvent(), original[0]!],
        [original[1]!, original[0]!],
      ];
      for (const events of cases) {
        const error = await rejectionOf(store.append(stream, events));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(idsOf(original)).toContain((error as DuplicateEventIdError).eventId);
      }
      const twice = anEvent();
      expect(await rejectionOf(store.append(stream, [twice, twice]))).toMatchObject({ eventId: twice.eventId });
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('rejects an event id that is already in another stream (where ids are unique across the log)', async () => {
      const { store, original, head } = await givenTwoAppends();
      const elsewhere = aStream();
      if (given().capabilities?.eventIdsUniqueAcrossStreams === false) {
        // The documented difference (KurrentDB): ids are deduplicated per stream only.
        expect(await store.append(elsewhere, [original[0]!], { expectedRevision: 'no_stream' })).toMatchObject({
          nextExpectedRevision: 0n,
        });
        expect((await store.readStream(elsewhere)).map((e) => e.eventId)).toEqual([original[0]!.eventId]);
        return;
      }
      const error = await rejectionOf(store.append(elsewhere, [original[0]!], { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ streamId: elsewhere, eventId: original[0]!.eventId });
      expect(await rejectionOf(store.readStream(elsewhere))).toBeInstanceOf(StreamNotFoundError);
      expect(await store.headPosition()).toBe(head);
    });
  });
