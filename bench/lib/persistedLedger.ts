import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { rebuildLedger } from './datasets.js';
import { fmt } from './measure.js';
import { startAppServer } from './servers.js';
import type { FigureContext } from './types.js';

/**
 * The rebuild ledger with the figure's own read-model snapshot at its head (issue 14's
 * figures start the service from one): a first service folds what the snapshot lacks — the
 * whole log the first time — and saves at its stop.
 *
 * @returns The ledger file, its event count, and the snapshot path (`<workDir>/<figure>/readmodels.snapshot`).
 */
export const persistedRebuildLedger = async (
  context: FigureContext,
  figure: string,
): Promise<{ store: string; events: number; snapshot: string }> => {
  const { path: store, events } = await rebuildLedger(context.workDir, context.quick, context.log);
  const dir = join(context.workDir, figure);
  await mkdir(dir, { recursive: true });
  const snapshot = join(dir, 'readmodels.snapshot');
  context.log(`${figure}: folding ${fmt(events)} events and saving their snapshot (set-up)`);
  const first = await startAppServer({ store, snapshot, synchronous: 'FULL', demo: false });
  await first.stop();
  return { store, events, snapshot };
};
