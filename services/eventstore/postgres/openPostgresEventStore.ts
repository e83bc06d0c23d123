import pg from 'pg';
import { StoreUnavailableError } from '../errors.js';
import { isUnavailable, redactedConnectionString, translateDriverError } from './driverErrors.js';
import { surviveLostSessions } from './lostSessions.js';
import type { PostgresEventStoreOptions } from './options.js';
import { migrate } from './schema.js';
import { PostgresEventStore } from './store.js';

/** The `pg` pool for sijill's sessions: named, and never left idle in a transaction for long. */
export const sijillPool = (connectionString: string, max: number, idleInTransactionTimeoutMs: number): pg.Pool => {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: 'sijill',
    connectionTimeoutMillis: 5_000,
    options: `-c idle_in_transaction_session_timeout=${idleInTransactionTimeoutMs}`,
  });
  // A connection the server drops (a restart, a failover) is replaced on the next use.
  return surviveLostSessions(pool);
};

/**
 * Connect, create or migrate the schema (versioned, idempotent, one replica at a time), and
 * open the store. Fails with `StoreUnavailableError` when the server cannot be reached within
 * `openTimeoutMs`, or when its sijill schema is newer than this sijill.
 */
export const openPostgresEventStore = async (options: PostgresEventStoreOptions): Promise<PostgresEventStore> => {
  const where = redactedConnectionString(options.connectionString);
  const pool = sijillPool(options.connectionString, options.poolSize ?? 10, options.idleInTransactionTimeoutMs ?? 10_000);
  const deadline = Date.now() + (options.openTimeoutMs ?? 0);
  try {
    for (;;) {
      try {
        const client = await pool.connect();
        try {
          await migrate(client, where);
        } finally {
          client.release();
        }
        break;
      } catch (error) {
        if (!isUnavailable(error) || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    const translated = translateDriverError(error, where);
    throw translated instanceof StoreUnavailableError ? translated : new StoreUnavailableError(String(error), { cause: error });
  }
  return new PostgresEventStore(pool, where, {
    pollIntervalMs: options.pollIntervalMs ?? 10,
    visibilityWaitMs: options.visibilityWaitMs ?? 5_000,
  });
};
