import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { ledgerProjection } from '../../projections/ledger.js';
import { openSqliteLogReader } from '../../services/eventstore/sqlite/logReader.js';
import { cutLedger } from '../../services/readmodels/ledgerSnapshot.js';
import { rebuildReadModels } from '../../services/readmodels/rebuild.js';
import { writeSnapshot } from '../../services/readmodels/snapshots.js';
import { task } from '../lib/child.js';
import { type Memory, memoryAfterGc } from './memory.js';

export interface RebuildReport {
  readonly events: number;
  readonly ms: number;
  /** After the rebuild, the read models held (what a serving process carries). */
  readonly memory: Memory;
  readonly claims: number;
  readonly places: number;
  /** Saving the rebuilt models as a snapshot, as `npm run rebuild` then does. */
  readonly snapshotMs: number;
  readonly snapshotMiB: number;
}

/**
 * A full rebuild, as `npm run rebuild` does it (`rebuildReadModels` with the ledger
 * projection over `openSqliteLogReader`: pages of 1,000 read ahead in a worker thread, parsed
 * and folded here), in a fresh process so its memory is the read models' alone. The snapshot is written afterwards and timed apart.
 */
task<{ store: string; dir: string }, RebuildReport>(async ({ store: path, dir }) => {
  const store = await openSqliteLogReader({ path });
  try {
    let events = 0;
    const started = performance.now();
    const follower = await rebuildReadModels(store, ledgerProjection, pino({ level: 'warn' }), {
      onProgress: (p) => {
        events = p.events;
      },
    });
    const ms = performance.now() - started;
    const memory = memoryAfterGc();
    const snapshotPath = join(dir, 'readmodels.snapshot');
    const snapshotStarted = performance.now();
    await writeSnapshot(
      snapshotPath,
      {
        projection: ledgerProjection.name,
        version: ledgerProjection.version,
        position: follower.position,
        lastEventId: undefined,
      },
      cutLedger(follower.state, follower.position),
    );
    const snapshotMs = performance.now() - snapshotStarted;
    return {
      events,
      ms,
      memory,
      claims: follower.state.claims.claims.size,
      places: follower.state.registry.places.size,
      snapshotMs,
      snapshotMiB: (await stat(snapshotPath)).size / 2 ** 20,
    };
  } finally {
    await store.close();
  }
});
