import type { Logger } from 'pino';
import type { Projection } from '../../projections/envelope.js';
import type { EventStore } from '../eventstore/port.js';
import { ReadModelFollower } from './follower.js';
import { removeSnapshot } from './snapshots.js';

export interface RebuildProgress {
  readonly position: bigint;
  readonly head: bigint;
  readonly events: number;
  readonly elapsedMs: number;
}

const PAGE = 10_000;

/**
 * Rebuild read models from the whole log: drop the snapshot, fold every event from the
 * start, save a new snapshot. Reads in large pages rather than through a subscription: a
 * rebuild is one long catch-up.
 */
export const rebuildReadModels = async <State>(
  store: EventStore,
  projection: Projection<State>,
  log: Logger,
  options: { snapshotPath?: string; onProgress?: (progress: RebuildProgress) => void; progressEveryMs?: number } = {},
): Promise<ReadModelFollower<State>> => {
  if (options.snapshotPath) await removeSnapshot(options.snapshotPath);
  const follower = new ReadModelFollower(
    store,
    projection,
    log,
    options.snapshotPath ? { snapshotPath: options.snapshotPath } : {},
  );
  const head = await store.headPosition();
  const started = performance.now();
  let lastReport = started;
  let events = 0;
  const report = () =>
    options.onProgress?.({ position: follower.position, head, events, elapsedMs: performance.now() - started });
  for (;;) {
    const page = await store.readAll({ after: follower.position, maxCount: PAGE });
    for (const event of page) follower.apply(event);
    events += page.length;
    if (page.length < PAGE || follower.position >= head) break;
    if (performance.now() - lastReport >= (options.progressEveryMs ?? 1_000)) {
      lastReport = performance.now();
      report();
    }
  }
  report();
  await follower.saveSnapshot();
  return follower;
};
