import { describe, expect, it } from 'vitest';
import { anEvent, aStream, type ContractFixture, someEvents } from './fixture.js';

export const persistenceCases = (given: () => ContractFixture) =>
  describe('persistence', () => {
    it('keeps positions, revisions, data and recordedAt across close and reopen', async ({ skip }) => {
      const { store, reopen } = given();
      if (!reopen) return skip('this adapter cannot be reopened');
      const start = await store.headPosition();
      const [a, b] = [aStream(), aStream()];
      const original = someEvents(3);
      const originalResult = await store.append(a, original, { expectedRevision: 'no_stream' });
      await store.append(b, someEvents(2));
      await store.append(a, [anEvent({ data: { text: 'دير الزور' } })]);
      const before = await store.readAll({ after: start });
      const head = await store.headPosition();
      await store.close();

      const reopened = await reopen();
      expect(await reopened.readAll({ after: start })).toEqual(before);
      expect(await reopened.headPosition()).toBe(head);
      expect(await reopened.streamRevision(a)).toBe(3n);
      expect(await reopened.readStream(b)).toEqual(before.filter((e) => e.streamId === b));
      // Retries are still recognised, and the log goes on from where it was.
      expect(await reopened.append(a, original, { expectedRevision: 'no_stream' })).toEqual(originalResult);
      const next = await reopened.append(a, [anEvent()], { expectedRevision: 3n });
      expect(next.nextExpectedRevision).toBe(4n);
      expect(next.position).toBeGreaterThan(head);
      const [last] = await reopened.readAll({ direction: 'backwards', maxCount: 1 });
      expect(last!.recordedAt >= before.at(-1)!.recordedAt).toBe(true);
    });
  });
