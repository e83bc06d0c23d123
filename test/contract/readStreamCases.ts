import { describe, expect, it } from 'vitest';
import { StreamNotFoundError } from '../../services/eventstore/errors.js';
import { aStream, type ContractFixture, rejectionOf, someEvents } from './fixture.js';

export const readStreamCases = (given: () => ContractFixture) =>
  describe('reading a stream', () => {
    /** Given a stream of five events, revisions 0–4, and a neighbour stream interleaved with it. */
    const givenFiveEvents = async () => {
      const { store } = given();
      const stream = aStream();
      const neighbour = aStream();
      const events = someEvents(5);
      for (const [i, event] of events.entries()) {
        await store.append(stream, [event], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
        await store.append(neighbour, someEvents(1));
      }
      const revisions = async (options: Parameters<typeof store.readStream>[1]) =>
        (await store.readStream(stream, options)).map((e) => e.revision);
      return { store, stream, events, revisions };
    };

    it('reads forwards from the start by default, only its own events', async () => {
      const { store, stream, events } = await givenFiveEvents();
      const read = await store.readStream(stream);
      expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(read.every((e) => e.streamId === stream)).toBe(true);
    });

    it('reads forwards from an inclusive revision, up to maxCount', async () => {
      const { revisions } = await givenFiveEvents();
      expect(await revisions({ fromRevision: 2n })).toEqual([2n, 3n, 4n]);
      expect(await revisions({ fromRevision: 2n, maxCount: 2 })).toEqual([2n, 3n]);
      expect(await revisions({ maxCount: 1 })).toEqual([0n]);
      expect(await revisions({ fromRevision: 5n })).toEqual([]);
      expect(await revisions({ maxCount: 0 })).toEqual([]);
    });

    it('reads backwards from the end by default, or from an inclusive revision', async () => {
      const { revisions } = await givenFiveEvents();
      expect(await revisions({ direction: 'backwards' })).toEqual([4n, 3n, 2n, 1n, 0n]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3n, maxCount: 2 })).toEqual([3n, 2n]);
      expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([4n]);
    });

    it('fails with StreamNotFoundError for a missing stream', async () => {
      const { store } = given();
      const missing = aStream();
      const error = await rejectionOf(store.readStream(missing));
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ streamId: missing });
      expect(await rejectionOf(store.readStream(missing, { direction: 'backwards' }))).toBeInstanceOf(StreamNotFoundError);
      expect(await store.streamRevision(missing)).toBe('no_stream');
    });
  });
