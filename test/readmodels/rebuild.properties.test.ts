import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { loadWorkedExample } from '../../services/demo/load.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { ReadModelFollower } from '../../services/readmodels/follower.js';
import { cutLedger, restoreLedger } from '../../services/readmodels/ledgerSnapshot.js';
import { rebuildReadModels } from '../../services/readmodels/rebuild.js';
import { openSnapshot, writeSnapshot } from '../../services/readmodels/snapshots.js';
import { tempDir } from '../support/ledger.js';

/**
 * Properties of the runner over generated histories of claims, corrections, retractions and
 * reliability revisions: the incrementally maintained read models equal a full rebuild, and
 * a crash at any event followed by a resume from the last snapshot gives the same models.
 */
const silent = pino({ level: 'silent' });
const PLACES = ['al-susa', 'mahkan', 'al-mayadin'];
const ACTORS = ['isis', 'sdf', 'irgc', 'russian-armed-forces'];
const ARTICLE = 'alquds-2018-11-14-deir-ez-zor-meeting';

type Step =
  | { kind: 'claim'; place: number; actor: number; share: number; month: number; control: boolean; favour: number }
  | { kind: 'correct'; target: number; share: number; month: number }
  | { kind: 'retract'; target: number }
  | { kind: 'regrade'; reliability: 'A' | 'B' | 'C' | 'D' | 'E' }
  | { kind: 'article' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('claim' as const),
    place: fc.nat(PLACES.length - 1),
    actor: fc.nat(ACTORS.length - 1),
    share: fc.integer({ min: 1, max: 100 }).map((n) => n / 100),
    month: fc.integer({ min: 1, max: 12 }),
    control: fc.boolean(),
    favour: fc.nat(ACTORS.length - 1),
  }),
  fc.record({
    kind: fc.constant('correct' as const),
    target: fc.nat(),
    share: fc.integer({ min: 1, max: 100 }).map((n) => n / 100),
    month: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('regrade' as const), reliability: fc.constantFrom('A', 'B', 'C', 'D', 'E') }),
  // A new article; the claims recorded after it cite it.
  fc.record({ kind: fc.constant('article' as const) }),
);

const metadata = { principal: 'property', correlationId: 'p', causationId: 'p' };
const event = (type: string, data: object) => ({ eventId: crypto.randomUUID(), type, schemaVersion: 1, data, metadata });

const body = (s: Extract<Step, { kind: 'claim' }>, share: number, month: number) => {
  const actor = ACTORS[s.actor]!;
  const favour = ACTORS[s.favour]!;
  return {
    placeId: PLACES[s.place]!,
    actorIds: [actor],
    ...(s.control ? { share } : favour !== actor ? { inFavourOf: favour } : {}),
    validTime: { date: `2018-${String(month).padStart(2, '0')}`, approximate: false },
    credibility: 3,
  };
};

/** Append the generated history as the domain would have written it. */
const appendHistory = async (store: EventStore, steps: Step[]) => {
  const claims: Extract<Step, { kind: 'claim' }>[] = [];
  const retracted = new Set<number>();
  let article = ARTICLE;
  let articles = 0;
  for (const s of steps) {
    if (s.kind === 'article') {
      article = `a-${articles++}`;
      await store.append(`article-${article}`, [
        event('ArticleRecorded', { articleId: article, sourceId: 'al-quds-al-arabi', language: 'ar', title: article }),
      ]);
    } else if (s.kind === 'claim') {
      const id = `c-${claims.length}`;
      claims.push(s);
      await store.append(`claim-${id}`, [
        event('ClaimRecorded', {
          claimId: id,
          articleId: article,
          kind: s.control ? 'control' : 'withdrawal',
          ...body(s, s.share, s.month),
        }),
      ]);
    } else if (s.kind === 'regrade') {
      await store.append('source-al-quds-al-arabi', [
        event('SourceReliabilityRevised', { sourceId: 'al-quds-al-arabi', reliability: s.reliability, reason: 'p' }),
      ]);
    } else if (claims.length > 0) {
      const target = s.target % claims.length;
      if (retracted.has(target)) continue;
      const id = `c-${target}`;
      if (s.kind === 'retract') {
        retracted.add(target);
        await store.append(`claim-${id}`, [event('ClaimRetracted', { claimId: id, reason: 'p' })]);
      } else {
        await store.append(`claim-${id}`, [
          event('ClaimCorrected', { claimId: id, corrected: body(claims[target]!, s.share, s.month), reason: 'p' }),
        ]);
      }
    }
  }
};

describe('the read model runner, for any history', () => {
  it('maintains incrementally exactly what a full rebuild computes, and resumes after a crash at any event', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (steps, crashAt) => {
          const dir = await tempDir();
          const store = await openSqliteEventStore({ path: join(dir.dir, 'ledger.db'), synchronous: 'NORMAL' });
          try {
            await loadWorkedExample(store);
            const live = new ReadModelFollower(store, ledgerProjection, silent);
            await live.start();
            await appendHistory(store, steps);
            const head = await store.headPosition();
            expect(await live.waitFor(head, 10_000)).toBe(true);
            await live.stop();

            const rebuilt = await rebuildReadModels(store, ledgerProjection, silent);
            expect(live.state).toEqual(rebuilt.state);

            // Crash: apply up to a random event, snapshot there, lose the process; then resume.
            const snapshotPath = join(dir.dir, 'readmodels.snapshot');
            const crashing = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
            const upTo = Math.floor(crashAt * Number(head));
            for (const e of await store.readAll({ maxCount: upTo })) crashing.apply(e);
            await crashing.saveSnapshot();
            const resumed = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
            await resumed.start();
            await resumed.stop();
            expect(resumed.position).toBe(head);
            expect(resumed.state).toEqual(rebuilt.state);
          } finally {
            await store.close();
            await dir.cleanup();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reports progress and saves a snapshot the next start resumes from', async () => {
    const dir = await tempDir();
    const store = await openSqliteEventStore({ path: join(dir.dir, 'ledger.db') });
    try {
      await loadWorkedExample(store);
      const snapshotPath = join(dir.dir, 'readmodels.snapshot');
      const reports: bigint[] = [];
      const rebuilt = await rebuildReadModels(store, ledgerProjection, silent, {
        snapshotPath,
        onProgress: (p) => reports.push(p.position),
      });
      expect(reports.at(-1)).toBe(await store.headPosition());
      const next = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
      const applied: bigint[] = [];
      const original = next.apply.bind(next);
      next.apply = (e) => {
        applied.push(e.position);
        original(e);
      };
      await next.start();
      await next.stop();
      expect(applied).toEqual([]);
      expect(next.state).toEqual(rebuilt.state);
    } finally {
      await store.close();
      await dir.cleanup();
    }
  });
});

describe('a snapshot cut while the follower goes on applying events', () => {
  it('restores to exactly the state at the cut, whatever was applied between its frames and the pauses inside one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        async (steps, cutAt, claimsPerFrame, claimsPerSlice) => {
          const dir = await tempDir();
          const store = await openSqliteEventStore({ path: join(dir.dir, 'ledger.db'), synchronous: 'NORMAL' });
          try {
            await loadWorkedExample(store);
            await appendHistory(store, steps);
            const events = await store.readAll();
            const upTo = Math.floor(cutAt * events.length);
            const atCut = new ReadModelFollower(store, ledgerProjection, silent);
            for (const e of events.slice(0, upTo)) atCut.apply(e);

            // The live follower is cut at the same event, then applies the rest between frames.
            const live = new ReadModelFollower(store, ledgerProjection, silent);
            for (const e of events.slice(0, upTo)) live.apply(e);
            const later = events.slice(upTo);
            const frames = cutLedger(live.state, live.position, {
              claimsPerFrame,
              claimsPerSlice,
              articlesPerFrame: claimsPerFrame,
            });
            const path = join(dir.dir, 'cut.snapshot');
            await writeSnapshot(
              path,
              {
                projection: ledgerProjection.name,
                version: ledgerProjection.version,
                position: live.position,
                lastEventId: undefined,
              },
              (function* interleaved() {
                for (const frame of frames) {
                  yield frame;
                  for (const e of later.splice(0, 3)) live.apply(e);
                }
              })(),
            );
            const reader = await openSnapshot(path, ledgerProjection.name, ledgerProjection.version);
            const restored = await restoreLedger(reader!.frames());
            await reader!.close();
            expect(reader!.header.position).toBe(atCut.position);
            expect(restored).toEqual(atCut.state);
          } finally {
            await store.close();
            await dir.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('cutLedger', () => {
  it('refuses sizes that would never end the cut (a slice or frame of no claims)', () => {
    const state = ledgerProjection.initialState();
    for (const sizes of [{ claimsPerSlice: 0 }, { claimsPerFrame: 0 }, { articlesPerFrame: -1 }, { claimsPerSlice: 1.5 }]) {
      expect(() => cutLedger(state, 0n, sizes), JSON.stringify(sizes)).toThrow(RangeError);
    }
    expect([...cutLedger(state, 0n, { claimsPerSlice: 1, claimsPerFrame: 1 })].map((f) => (f as { part?: string }).part)).toEqual(
      ['changes'],
    );
  });
});
