import { openPostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { type Appender, emmettStoreAppender, eventsOf, STREAMS, storeAppender } from './appenders.js';
import type { EmmettPostgres } from './benchDeps.js';
import { random } from './events.js';
import { openRawPostgres } from './rawPostgres.js';

/**
 * The append workloads of the PostgreSQL figures, on a database of the figure's server each:
 * the same events, streams and expected revisions as the SQLite ones (`appenders.ts`), one
 * append at a time.
 */

/** Through the event store port (`PostgresEventStore.append`, one call of `sijill.append_events`), as a replica opens it. */
export const pgPortAppender = async (connectionString: string, batch: number): Promise<Appender> =>
  storeAppender(await openPostgresEventStore({ connectionString }), batch);

/** Raw `pg`: one multi-row INSERT transaction per append into an equivalent table (`rawPostgres.ts`). */
export const pgRawAppender = async (connectionString: string, batch: number): Promise<Appender> => {
  const raw = await openRawPostgres(connectionString);
  const events = eventsOf(random(1));
  const next: number[] = [];
  let k = 0;
  return {
    async step() {
      const s = k++ % STREAMS;
      await raw.append(`claim-s${s}`, next[s] ?? 0, events(batch));
      next[s] = (next[s] ?? 0) + batch;
      return batch;
    },
    close: () => raw.close(),
  };
};

/** Emmett's PostgreSQL event store (`getPostgreSQLEventStore(connectionString).appendToStream`), exact expected versions. */
export const pgEmmettAppender = (emmett: EmmettPostgres, connectionString: string, batch: number) => {
  const store = emmett.getPostgreSQLEventStore(connectionString);
  return emmettStoreAppender(store, batch, () => store.close());
};
