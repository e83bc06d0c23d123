import { describe, expect, it } from 'vitest';
import type { NewEvent, ReadAllOptions } from '../../services/eventstore/port.js';
import { aCategory, anEvent, aStream, type ContractFixture, expectStrictlyIncreasing, idsOf } from './fixture.js';

export const readAllCases = (given: () => ContractFixture) =>
  describe('reading the global log', () => {
    /**
     * Given six events after the current head, in two fresh categories (three streams) and
     * two types, appended in this order: a1:Opened a1:Noted b1:Opened a2:Opened a1:Noted b1:Noted.
     */
    const givenSixEvents = async () => {
      const { store } = given();
      const start = await store.headPosition();
      const [catA, catB] = [aCategory(), aCategory()];
      const [a1, a2, b1] = [aStream(catA), aStream(catA), aStream(catB)];
      const [opened, noted] = [`Opened${catA}`, `Noted${catA}`];
      const plan: [string, string][] = [
        [a1, opened],
        [a1, noted],
        [b1, opened],
        [a2, opened],
        [a1, noted],
        [b1, noted],
      ];
      const written: (NewEvent & { streamId: string })[] = [];
      for (const [streamId, type] of plan) {
        const event = anEvent({ type });
        await store.append(streamId, [event]);
        written.push({ ...event, streamId });
      }
      const ids = async (options: ReadAllOptions) => idsOf(await store.readAll(options));
      return { store, start, catA, catB, opened, noted, written, ids };
    };

    it('reads forwards after an exclusive position, in strictly increasing positions', async () => {
      const { store, start, written, ids } = await givenSixEvents();
      const read = await store.readAll({ after: start });
      expect(idsOf(read)).toEqual(idsOf(written));
      expect(read.map((e) => e.streamId)).toEqual(written.map((e) => e.streamId));
      expectStrictlyIncreasing([start, ...read.map((e) => e.position)]);
      expect(await ids({ after: read[1]!.position })).toEqual(idsOf(written.slice(2)));
      expect(await ids({ after: start, maxCount: 2 })).toEqual(idsOf(written.slice(0, 2)));
      expect(await store.headPosition()).toBe(read.at(-1)!.position);
    });

    it('reads forwards from the start of the log by default', async () => {
      const { store, written } = await givenSixEvents();
      const first = await store.readAll({ maxCount: 1 });
      expect(first).toHaveLength(1);
      expect(await store.readAll({ direction: 'backwards', after: first[0]!.position })).toEqual([]);
      expect(idsOf((await store.readAll()).slice(-6))).toEqual(idsOf(written));
    });

    it('reads backwards from the end by default, or before an exclusive position', async () => {
      const { store, written, ids } = await givenSixEvents();
      const reversed = idsOf(written).reverse();
      expect(await ids({ direction: 'backwards', maxCount: 3 })).toEqual(reversed.slice(0, 3));
      const read = await store.readAll({ direction: 'backwards', maxCount: 6 });
      expect(idsOf(read)).toEqual(reversed);
      expectStrictlyIncreasing(read.map((e) => e.position).reverse());
      expect(await ids({ direction: 'backwards', after: read[2]!.position, maxCount: 3 })).toEqual(reversed.slice(3));
    });

    it('filters by category, by type, and by both', async () => {
      const { start, catA, catB, opened, noted, written, ids } = await givenSixEvents();
      const inA = written.filter((e) => e.streamId.startsWith(`${catA}-`));
      expect(await ids({ after: start, filter: { categories: [catA] } })).toEqual(idsOf(inA));
      expect(await ids({ after: start, filter: { categories: [catA, catB] } })).toEqual(idsOf(written));
      expect(await ids({ after: start, filter: { types: [noted] } })).toEqual(idsOf(written.filter((e) => e.type === noted)));
      expect(await ids({ after: start, filter: { categories: [catB], types: [opened] } })).toEqual([written[2]!.eventId]);
      expect(await ids({ after: start, filter: { categories: [catA] }, maxCount: 2 })).toEqual(idsOf(inA.slice(0, 2)));
      expect(await ids({ direction: 'backwards', filter: { categories: [catA] }, maxCount: 2 })).toEqual(
        idsOf(inA.slice(-2)).reverse(),
      );
      expect(await ids({ after: start, filter: { types: [opened, noted] }, maxCount: 4 })).toEqual(idsOf(written.slice(0, 4)));
      expect(await ids({ direction: 'backwards', filter: { categories: [catB, catA] }, maxCount: 3 })).toEqual(
        idsOf(written.slice(-3)).reverse(),
      );
      expect(await ids({ after: start, filter: { categories: [catA, catA] } })).toEqual(idsOf(inA));
      expect(await ids({ after: start, filter: { categories: [] } })).toEqual([]);
    });

    it('takes the category from the stream id up to the first dash', async () => {
      const { store } = given();
      const category = aCategory();
      const event = anEvent();
      await store.append(`${category}-with-more-dashes`, [event]);
      expect(idsOf(await store.readAll({ filter: { categories: [category] } }))).toEqual([event.eventId]);
      expect(await store.readAll({ filter: { categories: [`${category}-with`] } })).toEqual([]);
    });

    it("reads the event at a position it gave out (an append's, an event's), and nothing where none is", async () => {
      const { store, start } = await givenSixEvents();
      const read = await store.readAll({ after: start });
      expect(read).toHaveLength(6);
      for (const event of read) expect(await store.readEventAt(event.position)).toEqual(event);
      const appended = await store.append(aStream(), [anEvent()], { expectedRevision: 'no_stream' });
      expect((await store.readEventAt(appended.position))?.position).toBe(appended.position);
      for (const nowhere of [0n, appended.position + 1_000_000n]) expect(await store.readEventAt(nowhere)).toBeUndefined();
    });
  });
