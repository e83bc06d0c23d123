import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../../services/eventstore/errors.js';
import { anEvent, aStream, type ContractFixture, rejectionOf, someEvents } from './fixture.js';

export const expectedRevisionCases = (given: () => ContractFixture) =>
  describe('expected revision', () => {
    it("creates a stream at revision 0 with 'no_stream'; a second 'no_stream' conflicts with actual 0", async () => {
      const { store } = given();
      const stream = aStream();
      const created = await store.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      expect(created.nextExpectedRevision).toBe(0n);
      expect(created.position).toBeGreaterThan(0n);
      expect(await store.headPosition()).toBe(created.position);

      const conflict = await rejectionOf(store.append(stream, [anEvent()], { expectedRevision: 'no_stream' }));
      expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
      expect(conflict).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 0n });
      expect(await store.streamRevision(stream)).toBe(0n);
    });

    it('rejects a stale exact revision with the actual one, and accepts the current one', async () => {
      const { store } = given();
      const stream = aStream();
      await store.append(stream, someEvents(3), { expectedRevision: 'no_stream' });
      for (const stale of [0n, 1n, 5n]) {
        const conflict = await rejectionOf(store.append(stream, [anEvent()], { expectedRevision: stale }));
        expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
        expect(conflict).toMatchObject({ expected: stale, actual: 2n });
      }
      const appended = await store.append(stream, [anEvent()], { expectedRevision: 2n });
      expect(appended.nextExpectedRevision).toBe(3n);
    });

    it("rejects 'stream_exists' and an exact revision on a missing stream with actual 'no_stream'", async () => {
      const { store } = given();
      const stream = aStream();
      for (const expected of ['stream_exists', 0n] as const) {
        const conflict = await rejectionOf(store.append(stream, [anEvent()], { expectedRevision: expected }));
        expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
        expect(conflict).toMatchObject({ streamId: stream, expected, actual: 'no_stream' });
      }
      expect(await store.streamRevision(stream)).toBe('no_stream');
      await store.append(stream, [anEvent()]);
      const appended = await store.append(stream, [anEvent()], { expectedRevision: 'stream_exists' });
      expect(appended.nextExpectedRevision).toBe(1n);
    });

    it("accepts 'any' (the default) whatever the stream's state", async () => {
      const { store } = given();
      const stream = aStream();
      expect((await store.append(stream, [anEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
      expect((await store.append(stream, [anEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(1n);
      expect((await store.append(stream, [anEvent()])).nextExpectedRevision).toBe(2n);
    });

    it('appends a batch atomically at consecutive revisions and reports its last position', async () => {
      const { store } = given();
      const stream = aStream();
      const batch = someEvents(4);
      const result = await store.append(stream, batch, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(3n);
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
      expect(read.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
      expect(read.at(-1)?.position).toBe(result.position);
      expect(await store.streamRevision(stream)).toBe(3n);
    });

    it('writes nothing for an empty append, still checks the expected revision, and reports the current state', async () => {
      const { store } = given();
      const stream = aStream();
      expect(await store.append(stream, [], { expectedRevision: 'no_stream' })).toEqual({
        nextExpectedRevision: -1n,
        position: 0n,
      });
      expect(await rejectionOf(store.append(stream, [], { expectedRevision: 'stream_exists' }))).toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await store.streamRevision(stream)).toBe('no_stream');

      const written = await store.append(stream, someEvents(2));
      const head = await store.headPosition();
      expect(await store.append(stream, [], { expectedRevision: 1n })).toEqual(written);
      expect(await store.append(stream, [])).toEqual(written);
      expect(await rejectionOf(store.append(stream, [], { expectedRevision: 0n }))).toMatchObject({ actual: 1n });
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });
