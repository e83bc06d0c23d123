import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventStore, NewEvent } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import type { EmmettEventStore, EmmettSqlite } from './benchDeps.js';
import { claimData, newEvent, random } from './events.js';
import { openRawSqlite } from './rawSqlite.js';

/**
 * The append workloads of figures 1–3: `batch` events per append, to one of STREAMS streams
 * in turn, each append with the exact expected revision of its stream (the first with "no
 * stream"), as the command executor appends. Every event is a fresh ClaimRecorded event.
 */
export const STREAMS = 100;
const PLACES = Array.from({ length: 50 }, (_, i) => `place-${i}`);
const ACTORS = Array.from({ length: 10 }, (_, i) => `actor-${i}`);

export interface Appender {
  /** Append one batch; resolves with the number of events appended, once durable. */
  step(): Promise<number>;
  close(): Promise<void>;
}

/** A generator of fresh ClaimRecorded events, the same sequence for every appender given the same seed. */
export const eventsOf = (rng: ReturnType<typeof random>) => {
  let n = 0;
  return (count: number): NewEvent[] =>
    Array.from({ length: count }, () => {
      const id = `c${n++}`;
      return newEvent(
        'ClaimRecorded',
        claimData(rng, id, {
          articleId: 'article-1',
          placeId: rng.pick(PLACES),
          actors: ACTORS,
          kind: rng.chance(0.7) ? 'control' : 'withdrawal',
        }),
      );
    });
};

/** Through the event store port (`SqliteEventStore.append`), durable: synchronous=FULL. */
export const portAppender = async (dir: string, batch: number): Promise<Appender> => {
  await mkdir(dir, { recursive: true });
  return storeAppender(await openSqliteEventStore({ path: join(dir, 'sijill.db'), synchronous: 'FULL' }), batch);
};

/** Through any store of the port (closed with the appender). */
export const storeAppender = (store: EventStore, batch: number): Appender => {
  const events = eventsOf(random(1));
  const revisions: (bigint | undefined)[] = [];
  let k = 0;
  return {
    async step() {
      const s = k++ % STREAMS;
      const result = await store.append(`claim-s${s}`, events(batch), { expectedRevision: revisions[s] ?? 'no_stream' });
      revisions[s] = result.nextExpectedRevision;
      return batch;
    },
    close: () => store.close(),
  };
};

/** Raw better-sqlite3: one transaction per batch, same pragmas and table. */
export const rawAppender = async (dir: string, batch: number): Promise<Appender & { synchronous: number }> => {
  await mkdir(dir, { recursive: true });
  const raw = openRawSqlite(join(dir, 'raw.db'), 'FULL');
  const events = eventsOf(random(1));
  const next: number[] = [];
  let k = 0;
  return {
    synchronous: raw.synchronous(),
    async step() {
      const s = k++ % STREAMS;
      raw.append(`claim-s${s}`, next[s] ?? 0, events(batch));
      next[s] = (next[s] ?? 0) + batch;
      return batch;
    },
    close: async () => {
      raw.close();
    },
  };
};

/**
 * Emmett's SQLite event store through its documented `appendToStream`, exact expected versions
 * too (see {@link emmettStoreAppender}).
 */
export const emmettAppender = async (
  emmett: EmmettSqlite,
  dir: string,
  batch: number,
): Promise<Appender & { failures: Map<string, number> }> => {
  await mkdir(dir, { recursive: true });
  return emmettStoreAppender(emmett.getSQLiteEventStore({ fileName: join(dir, 'emmett.db') }), batch, async () => {});
};

/**
 * An Emmett event store (SQLite or PostgreSQL) through its documented `appendToStream`, exact
 * expected versions too. An append it fails (it rolls back) counts nothing and is tried again
 * on the next step, so its failures cost it time; they are counted for the notes.
 */
export const emmettStoreAppender = (
  store: EmmettEventStore,
  batch: number,
  close: () => Promise<void>,
): Appender & { failures: Map<string, number> } => {
  const events = eventsOf(random(1));
  // Emmett counts stream versions from 1; 0 means "no stream yet".
  const versions: bigint[] = [];
  const failures = new Map<string, number>();
  let succeeded = 0;
  let k = 0;
  return {
    failures,
    async step() {
      const s = k++ % STREAMS;
      const batchEvents = events(batch).map((e) => ({ type: e.type, data: e.data as object, metadata: e.metadata }));
      try {
        const result = await store.appendToStream(`claim-s${s}`, batchEvents, { expectedStreamVersion: versions[s] ?? 0n });
        versions[s] = result.nextExpectedStreamVersion;
        succeeded++;
        return batch;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.set(message, (failures.get(message) ?? 0) + 1);
        const failed = [...failures.values()].reduce((a, b) => a + b, 0);
        if (failed > 1_000 && failed > succeeded) throw error;
        return 0;
      }
    },
    close,
  };
};
