import { type RegistryState, registryProjection } from '../../projections/registry.js';
import type { EventStore } from '../eventstore/port.js';
import { foldRecorded } from '../readmodels/foldRecorded.js';

/** Skipped events are the read-model follower's to log: it reads the same ones. */
const quiet = { warn: () => undefined, error: () => undefined };

/** Events read per page. */
const PAGE = 5_000;

/**
 * The registry (sources, places, actors, articles) folded straight from the log, reading only
 * those categories: what an import needs to know, without the claims. The CLI uses it instead
 * of the read models, whose claim views would hold every claim of the ledger in memory (a
 * second import of 100,000 rows would need a gigabyte, where the import itself needs a third).
 */
export const registryOfLog = async (store: EventStore): Promise<RegistryState> => {
  const state = registryProjection.initialState();
  const filter = { categories: ['source', 'place', 'actor', 'article'] };
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE, filter });
    // Events it cannot read are skipped as the read models skip them; the follower logs them.
    for (const recorded of page) foldRecorded(registryProjection, state, recorded, quiet);
    if (page.length < PAGE) return state;
    after = page.at(-1)!.position;
  }
};
