import { existsSync } from 'node:fs';
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NewEvent } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { claimData, newEvent, type Random, random } from './events.js';

/**
 * Generated ledgers for the query and rebuild figures, appended through the event store port
 * with valid domain events (the shapes of `domain/events.ts`). Generation uses
 * synchronous=NORMAL: it is set-up, not a measured write. Files are made once per run in the
 * work folder and reused by later figures.
 */
export interface ControlLedgerSpec {
  readonly places: number;
  readonly actors: number;
  /** Control and withdrawal claims, spread over the places and 2012–2023. */
  readonly claims: number;
}

export const controlLedgerSpec = (quick: boolean): ControlLedgerSpec =>
  quick ? { places: 1_000, actors: 20, claims: 5_000 } : { places: 1_000, actors: 20, claims: 200_000 };

/**
 * Total events of the rebuild ledger: the control ledger, extended. Full runs use 2M, the size
 * issue 14 sets (an ACLED import with a team's own claims on top).
 */
export const rebuildEvents = (quick: boolean) => (quick ? 20_000 : 2_000_000);

const SOURCES = [
  { id: 'bench-wire', reliability: 'B' },
  { id: 'bench-network', reliability: 'C' },
  { id: 'bench-monitor', reliability: 'A' },
] as const;
const ARTICLES = Array.from({ length: 30 }, (_, i) => ({ id: `bench-article-${i}`, sourceId: SOURCES[i % SOURCES.length]!.id }));
const DISTRICTS = 10;

export const placeIds = (spec: ControlLedgerSpec) =>
  Array.from({ length: spec.places }, (_, i) =>
    i === 0 ? 'bench-governorate' : i <= DISTRICTS ? `bench-district-${i}` : `bench-place-${i}`,
  );
const actorIds = (spec: ControlLedgerSpec) => Array.from({ length: spec.actors }, (_, i) => `bench-actor-${i}`);

/** Appends through the port, one append per stream, reporting progress now and then. */
const appender = async (path: string, log: (message: string) => void) => {
  const store = await openSqliteEventStore({ path, synchronous: 'NORMAL' });
  const started = performance.now();
  let lastReport = started;
  let events = 0;
  return {
    store,
    async append(streamId: string, batch: NewEvent[]) {
      await store.append(streamId, batch);
      events += batch.length;
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        log(`  generated ${events.toLocaleString('en-US')} events (${Math.round(events / ((lastReport - started) / 1000))}/s)`);
      }
    },
    get events() {
      return events;
    },
  };
};

const registry = async (append: (streamId: string, batch: NewEvent[]) => Promise<void>, spec: ControlLedgerSpec) => {
  for (const s of SOURCES) {
    await append(`source-${s.id}`, [
      newEvent('SourceRegistered', {
        sourceId: s.id,
        name: { en: `Bench ${s.id}`, variants: [] },
        kind: 'news_network',
        reliability: s.reliability,
      }),
    ]);
  }
  for (const a of ARTICLES) {
    await append(`article-${a.id}`, [
      newEvent('ArticleRecorded', {
        articleId: a.id,
        sourceId: a.sourceId,
        title: `Benchmark article ${a.id}`,
        language: 'ar',
        publishedAt: '2024-01-01T00:00:00Z',
      }),
    ]);
  }
  const places = placeIds(spec);
  for (const [i, placeId] of places.entries()) {
    const kind = i === 0 ? 'governorate' : i <= DISTRICTS ? 'district' : i % 3 === 0 ? 'town' : 'village';
    const parentId = i === 0 ? undefined : i <= DISTRICTS ? places[0] : places[1 + (i % DISTRICTS)];
    await append(`place-${placeId}`, [
      newEvent('PlaceRegistered', {
        placeId,
        names: { en: `Bench place ${i}`, ar: `مكان ${i}`, variants: [`Bench ${i}`] },
        kind,
        ...(parentId ? { parentId } : {}),
        location: { lat: 34 + (i % 100) / 100, lon: 40 + Math.floor(i / 100) / 10, approximate: false },
      }),
    ]);
  }
  for (const actorId of actorIds(spec)) {
    await append(`actor-${actorId}`, [
      newEvent('ActorRegistered', { actorId, names: { en: `Bench actor ${actorId}`, variants: [] }, kind: 'militia' }),
    ]);
  }
};

const controlClaim = (rng: Random, spec: ControlLedgerSpec, places: readonly string[], claimId: string) =>
  claimData(rng, claimId, {
    articleId: rng.pick(ARTICLES).id,
    placeId: places[rng.int(places.length)]!,
    actors: actorIds(spec),
    kind: rng.chance(0.75) ? 'control' : 'withdrawal',
  });

/** The control-query ledger: sources, articles, the place tree, actors, then the claims. */
export const controlLedger = async (workDir: string, quick: boolean, log: (message: string) => void): Promise<string> => {
  const path = join(workDir, 'datasets', 'control.db');
  if (existsSync(`${path}.done`)) return path;
  await mkdir(dirname(path), { recursive: true });
  const spec = controlLedgerSpec(quick);
  log(`generating the control ledger: ${spec.places} places, ${spec.actors} actors, ${spec.claims} claims`);
  const started = performance.now();
  const out = await appender(path, log);
  try {
    await registry((s, b) => out.append(s, b), spec);
    const rng = random(5);
    const places = placeIds(spec);
    for (let i = 0; i < spec.claims; i++) {
      const claimId = `bc-${i}`;
      await out.append(`claim-${claimId}`, [newEvent('ClaimRecorded', controlClaim(rng, spec, places, claimId))]);
    }
  } finally {
    await out.store.close();
  }
  await writeFile(`${path}.done`, '');
  log(`  ${out.events.toLocaleString('en-US')} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return path;
};

const TIMELINE_KINDS = ['meeting', 'visit', 'deployment', 'presence', 'attack', 'airstrike', 'killing', 'statement'];

/**
 * The rebuild ledger: a copy of the control ledger extended to `rebuildEvents` events with
 * the whole mix of claim events — claims of every kind, corroborations, corrections (full
 * corrected bodies), disputes, retractions, and now and then a source regraded.
 */
export const rebuildLedger = async (
  workDir: string,
  quick: boolean,
  log: (message: string) => void,
): Promise<{ path: string; events: number }> => {
  const source = await controlLedger(workDir, quick, log);
  const path = join(workDir, 'datasets', 'rebuild.db');
  const target = rebuildEvents(quick);
  if (!existsSync(`${path}.done`)) {
    await copyFile(source, path);
    const spec = controlLedgerSpec(quick);
    const places = placeIds(spec);
    const actors = actorIds(spec);
    const out = await appender(path, log);
    const started = performance.now();
    try {
      let events = Number(await out.store.headPosition());
      log(`extending it from ${events.toLocaleString('en-US')} to ${target.toLocaleString('en-US')} events`);
      const rng = random(6);
      for (let i = 0; events < target; i++) {
        const claimId = `bx-${i}`;
        const controls = rng.chance(0.6);
        const recorded = controls
          ? controlClaim(rng, spec, places, claimId)
          : claimData(rng, claimId, {
              articleId: rng.pick(ARTICLES).id,
              placeId: places[rng.int(places.length)]!,
              actors,
              kind: rng.pick(TIMELINE_KINDS),
            });
        const batch = [newEvent('ClaimRecorded', recorded)];
        if (rng.chance(0.3)) batch.push(newEvent('ClaimCorroborated', { claimId, articleId: rng.pick(ARTICLES).id }));
        if (rng.chance(0.15)) {
          const { claimId: _claimId, articleId: _articleId, kind: _kind, ...body } = recorded;
          batch.push(
            newEvent('ClaimCorrected', {
              claimId,
              corrected: { ...body, credibility: 1 + rng.int(6), validTime: { ...body.validTime, approximate: true } },
              reason: 'benchmark correction',
            }),
          );
        }
        if (rng.chance(0.1)) batch.push(newEvent('ClaimDisputed', { claimId, reason: 'benchmark dispute' }));
        if (rng.chance(0.05)) batch.push(newEvent('ClaimRetracted', { claimId, reason: 'benchmark retraction' }));
        batch.splice(Math.max(1, target - events));
        await out.append(`claim-${claimId}`, batch);
        events += batch.length;
        if (i % 100_000 === 99_999 && events < target) {
          const s = rng.pick(SOURCES);
          await out.append(`source-${s.id}`, [
            newEvent('SourceReliabilityRevised', {
              sourceId: s.id,
              reliability: rng.pick(['A', 'B', 'C', 'D']),
              reason: 'bench',
            }),
          ]);
          events++;
        }
      }
    } finally {
      await out.store.close();
    }
    await writeFile(`${path}.done`, '');
    log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { path, events: target };
};

export const fileSizeMiB = async (path: string) => (await stat(path)).size / 2 ** 20;
