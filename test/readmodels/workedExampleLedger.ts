import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { loadWorkedExample } from '../../services/demo/load.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { ReadModelFollower } from '../../services/readmodels/follower.js';
import { tempDir } from '../support/ledger.js';

export const silent = pino({ level: 'silent' });

/** A fresh SQLite ledger holding the worked example for each test, and a snapshot path beside it. */
export interface WorkedExampleLedger {
  readonly store: EventStore;
  readonly snapshotPath: string;
  /** The test's temporary folder (the ledger and the snapshot are in it). */
  readonly dir: string;
  /** Append a reliability revision of source `id` (one event). */
  appendRevision(id: string, reliability: string): ReturnType<EventStore['append']>;
  /** The read models of a full rebuild from the start of the log, with no snapshot. */
  fullRebuild(): Promise<ReadModelFollower<ReturnType<typeof ledgerProjection.initialState>>>;
}

/** Registers the per-test set-up and clean-up; read the fields inside tests. */
export const givenWorkedExampleLedger = (): WorkedExampleLedger => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: EventStore;
  let snapshotPath: string;
  beforeEach(async () => {
    dir = await tempDir();
    store = await openSqliteEventStore({ path: join(dir.dir, 'ledger.db') });
    snapshotPath = join(dir.dir, 'readmodels.snapshot');
    await loadWorkedExample(store);
  });
  afterEach(async () => {
    await store.close();
    await dir.cleanup();
  });
  return {
    get store() {
      return store;
    },
    get snapshotPath() {
      return snapshotPath;
    },
    get dir() {
      return dir.dir;
    },
    appendRevision: (id, reliability) =>
      store.append(`source-${id}`, [
        {
          eventId: crypto.randomUUID(),
          type: 'SourceReliabilityRevised',
          schemaVersion: 1,
          data: { sourceId: id, reliability, reason: 'test' },
          metadata: { principal: 't', correlationId: 'c', causationId: 'c' },
        },
      ]),
    async fullRebuild() {
      const follower = new ReadModelFollower(store, ledgerProjection, silent);
      await follower.start();
      await follower.stop();
      return follower;
    },
  };
};
