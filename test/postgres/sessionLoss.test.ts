import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sijillPool } from '../../services/eventstore/postgres/openPostgresEventStore.js';
import { type PostgresServer, postgresForSuite } from '../support/postgresServer.js';

/**
 * When the server ends a session — a restart, a failover, an administrator — a client that is
 * not running a query at that moment emits the server's message as an `'error'` event. With
 * no listener that event ends the whole process: one replica crashed this way in a
 * `pg_ctl restart` test. Every client of sijill's pools must take it, whether it sits idle in
 * the pool or is checked out between two statements; the next query on it fails instead.
 */
const target = postgresForSuite('PostgreSQL session loss');

describe.skipIf(!target.available)("a session the server ends under sijill's pool", () => {
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

  const terminate = async (pid: number) => {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
  };

  it('does not end the process when the session of a checked-out client is terminated; its next query fails', async () => {
    const pool = sijillPool(connectionString, 2, 10_000);
    const unhandled: unknown[] = [];
    const onUncaught = (error: unknown) => unhandled.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const client = await pool.connect();
      const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
      // Checked out, between two statements: the server's goodbye arrives as an event.
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
      await terminate(pid);
      await ended;
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      // The pool goes on with a fresh session.
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await pool.end();
    }
  });

  it('does not end the process when an idle pooled session is terminated', async () => {
    const pool = sijillPool(connectionString, 2, 10_000);
    try {
      const client = await pool.connect();
      const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
      client.release();
      await terminate(pid);
      await expect.poll(() => pool.totalCount).toBe(0);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
