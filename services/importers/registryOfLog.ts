import { decodeStoredEvent } from '../../domain/events.js';
import { type RegistryState, registryProjection } from '../../projections/registry.js';
import type { EventStore } from '../eventstore/port.js';

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
    for (const recorded of page) {
      const decoded = decodeStoredEvent(recorded.type, recorded.schemaVersion, recorded.data);
      if (!decoded.ok) continue;
      registryProjection.evolve(state, {
        position: recorded.position,
        streamId: recorded.streamId,
        revision: recorded.revision,
        recordedAt: recorded.recordedAt,
        principal: recorded.metadata.principal,
        metadata: recorded.metadata,
        event: decoded.event,
      });
    }
    if (page.length < PAGE) return state;
    after = page.at(-1)!.position;
  }
};
