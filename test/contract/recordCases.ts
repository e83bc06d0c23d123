import { describe, expect, it } from 'vitest';
import { StoreClosedError } from '../../services/eventstore/errors.js';
import { anEvent, aStream, type ContractFixture, rejectionOf, someEvents } from './fixture.js';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const recordCases = (given: () => ContractFixture) =>
  describe('recorded events', () => {
    it('stamps recordedAt from the server clock, never decreasing along the log', async () => {
      const { store } = given();
      const start = await store.headPosition();
      const before = Date.now();
      let written = 0;
      for (let i = 0; i < 20; i++) {
        const batch = someEvents(1 + (i % 3));
        await store.append(aStream(), batch);
        written += batch.length;
      }
      const read = await store.readAll({ after: start });
      expect(read).toHaveLength(written);
      for (const [i, event] of read.entries()) {
        expect(event.recordedAt).toMatch(ISO_UTC_MS);
        // A loose bound: the server's clock, not ours, but not wildly off.
        expect(Math.abs(Date.parse(event.recordedAt) - before)).toBeLessThan(5 * 60_000);
        if (i > 0) expect(event.recordedAt >= read[i - 1]!.recordedAt).toBe(true);
      }
    });

    it('returns data and metadata exactly as appended, Arabic text included', async () => {
      const { store } = given();
      const stream = aStream();
      const event = anEvent({
        type: 'ClaimRecorded',
        schemaVersion: 3,
        data: {
          quote: { text: 'السيطرة على 80 بالمئة من بلدة السوسة', language: 'ar' },
          title: 'اجتماع أمني إيراني – روسي لرسم خريطة النفوذ في دير الزور',
          share: 0.8,
          actorIds: ['sdf', 'قسد'],
          nested: { empty: {}, list: [], nothing: null, yes: true, big: 9007199254740991, tiny: -1.5e-7 },
          escapes: 'quote " backslash \\ newline \n tab \t nul \u0000 emoji 🕊️',
        },
        metadata: {
          principal: 'analyst@example.org',
          correlationId: 'c-1',
          causationId: 'req-1',
          idempotencyKey: 'مفتاح',
          extra: { depth: [1, { two: 2 }] },
        },
      });
      await store.append(stream, [event]);
      const [fromStream] = await store.readStream(stream);
      const [fromLog] = await store.readAll({ after: fromStream!.position - 1n, maxCount: 1 });
      for (const recorded of [fromStream!, fromLog!]) {
        expect(recorded.data).toEqual(event.data);
        expect(recorded.metadata).toEqual(event.metadata);
        expect(recorded).toMatchObject({
          eventId: event.eventId,
          type: 'ClaimRecorded',
          schemaVersion: 3,
          streamId: stream,
          revision: 0n,
        });
      }
    });

    it('refuses every operation once closed', async () => {
      const { store } = given();
      await store.close();
      for (const operation of [
        store.append(aStream(), [anEvent()]),
        store.readAll(),
        store.headPosition(),
        store.streamRevision('x-1'),
      ]) {
        expect(await rejectionOf(operation)).toBeInstanceOf(StoreClosedError);
      }
      await store.close();
    });
  });
