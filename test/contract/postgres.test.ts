import { afterAll, beforeAll, describe } from 'vitest';
import type { EventStore } from '../../services/eventstore/port.js';
import { openPostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { type PostgresServer, postgresForSuite } from '../support/postgresServer.js';
import { eventStoreContract } from './eventStoreContract.js';

/**
 * The same contract suite as SQLite and KurrentDB, unchanged, against a real PostgreSQL:
 * SIJILL_TEST_POSTGRES, or a throwaway server started here. Skipped, saying why, only when
 * neither exists.
 */
const target = postgresForSuite('PostgreSQL contract');

describe.skipIf(!target.available)(`PostgreSQL (${target.available ? target.where : `skipped: ${target.reason}`})`, () => {
  let server: PostgresServer | undefined;
  let connectionString = '';
  beforeAll(async () => {
    if (!target.available) return;
    server = await target.start();
    connectionString = await server.createDatabase();
  });
  afterAll(async () => {
    await server?.stop();
  });

  eventStoreContract('the PostgreSQL store', async () => {
    const opened: EventStore[] = [await openPostgresEventStore({ connectionString })];
    return {
      store: opened[0]!,
      reopen: async () => {
        const store = await openPostgresEventStore({ connectionString });
        opened.push(store);
        return store;
      },
      // Every case writes to fresh streams and categories: the database is shared by the file's cases.
      cleanup: async () => {
        for (const store of opened) await store.close();
      },
    };
  });
});
