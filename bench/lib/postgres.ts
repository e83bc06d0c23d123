import pg from 'pg';
import { findPostgres, type PostgresServer } from '../../test/support/postgresServer.js';

/** The PostgreSQL server of one figure: subject and baselines get databases on it. */
export interface BenchPostgres {
  readonly server: PostgresServer;
  /** The server and the settings that decide what a commit costs, for the notes. */
  readonly settings: string;
}

/**
 * Start the figure's server: the one in SIJILL_TEST_POSTGRES, else a throwaway server
 * (`initdb` + `pg_ctl`, as the tests start it) keeping PostgreSQL's durable defaults (`fsync`,
 * `synchronous_commit`, `full_page_writes` on), so an append costs what it costs in
 * production. `{ unavailable: reason }` when neither exists (the figure is then skipped).
 */
export const startBenchPostgres = async (): Promise<BenchPostgres | { unavailable: string }> => {
  const target = findPostgres();
  if (!target.available) return { unavailable: target.reason };
  const server = await target.start({ durable: true });
  try {
    const client = new pg.Client({ connectionString: await server.createDatabase() });
    await client.connect();
    try {
      const { rows } = await client.query<Record<string, string>>(
        `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync,
                current_setting('synchronous_commit') AS synchronous_commit,
                current_setting('full_page_writes') AS full_page_writes, current_setting('wal_sync_method') AS wal_sync_method`,
      );
      const s = rows[0]!;
      return {
        server,
        settings:
          `server: ${server.where.replace(/ on port \d+$/, '')}, version ${s.version}; fsync=${s.fsync}, ` +
          `synchronous_commit=${s.synchronous_commit}, full_page_writes=${s.full_page_writes}, wal_sync_method=${s.wal_sync_method}`,
      };
    } finally {
      await client.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
};
