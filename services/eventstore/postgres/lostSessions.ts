import type pg from 'pg';

/**
 * Keep a pool's lost sessions from ending the process. The server ends sessions on a restart,
 * a failover or `pg_terminate_backend`, and `pg` reports it as an 'error' event on the session
 * (and on the pool, for an idle one). An event nobody listens to ends the process — and the
 * pool listens only while a session is idle, not while it is checked out between two queries.
 * Listening here is enough: the session's next query fails (`isUnavailable`), its holder hands
 * it back as broken, and the pool connects afresh.
 */
export const surviveLostSessions = (pool: pg.Pool): pg.Pool => {
  pool.on('error', () => undefined);
  pool.on('connect', (session) => session.on('error', () => undefined));
  return pool;
};
