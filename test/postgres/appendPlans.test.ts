import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../services/eventstore/port.js';
import { openPostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { anEvent, aStream, someEvents } from '../contract/fixture.js';
import { type PostgresServer, postgresForSuite } from '../support/postgresServer.js';

/**
 * Found by the `pg-append-batch` benchmark: PL/pgSQL caches a generic plan for each statement
 * of `sijill.append_events` after five calls in a session. A replica whose pooled sessions
 * first appended while the log was small kept a plan that finds event ids by reading the whole
 * log — every append got slower as the log grew (a 100-event append: 2 ms → 8 ms after 5,000
 * events), until the next ANALYZE. Every append must find its ids by index, however small the
 * log was when its session first appended.
 */
const target = postgresForSuite('PostgreSQL append plans');

const APPEND = 'SELECT * FROM sijill.append_events($1, $2, $3, $4, $5, $6, $7, $8, NULL)';
const argsOf = (streamId: string, events: readonly NewEvent[], expected = 'no_stream') => [
  [streamId],
  [expected],
  events.map(() => 1),
  events.map((e) => e.eventId),
  events.map((e) => e.type),
  events.map((e) => e.schemaVersion),
  events.map((e) => JSON.stringify(e.data)),
  events.map((e) => JSON.stringify(e.metadata)),
];

describe.skipIf(!target.available)('the append function in a long-lived session', () => {
  let server: PostgresServer | undefined;
  let connectionString = '';
  beforeAll(async () => {
    if (!target.available) return;
    server = await target.start();
    connectionString = await server.createDatabase();
    await (await openPostgresEventStore({ connectionString })).close();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('finds event ids by index after the log has grown, however small it was when the session first appended', async () => {
    const session = new pg.Client({ connectionString });
    await session.connect();
    try {
      // No ANALYZE may re-plan behind the test's back (it would hide a stale plan).
      await session.query('ALTER TABLE sijill.events SET (autovacuum_enabled = false)');
      // A retry sent with its original expectation: its ids are found when the expectation fails (SJ002).
      const retry = (streamId: string, events: NewEvent[]) =>
        expect(session.query(APPEND, argsOf(streamId, events))).rejects.toMatchObject({ code: 'SJ002' });
      // Given a session that appended, and retried, ten times while the log held a few events,
      for (let i = 0; i < 10; i++) {
        const [streamId, events] = [aStream(), [anEvent()]];
        await session.query(APPEND, argsOf(streamId, events));
        await retry(streamId, events);
      }
      // when the log grows to thousands of events (another replica's writes),
      const store = await openPostgresEventStore({ connectionString });
      await store.append(aStream(), someEvents(5_000));
      await store.close();
      // then the session's next append, and its retry, read the log through its indexes only.
      // (The session's own counters, read before and after: they may hold earlier calls not yet reported.)
      const scans = async () => {
        const { rows } = await session.query<{ seq_scan: string; idx_scan: string }>(
          "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE schemaname = 'sijill' AND relname = 'events'",
        );
        return { seq: Number(rows[0]!.seq_scan), index: Number(rows[0]!.idx_scan) };
      };
      // (Each measured in a transaction of its own: the counters are reported when the session is idle.)
      const [streamId, events] = [aStream(), [anEvent()]];
      for (const call of [
        () => session.query(APPEND, argsOf(streamId, events)),
        async () => {
          await session.query('SAVEPOINT retry');
          await retry(streamId, events);
          await session.query('ROLLBACK TO SAVEPOINT retry');
        },
      ]) {
        await session.query('BEGIN');
        const before = await scans();
        await call();
        const after = await scans();
        await session.query('COMMIT');
        expect(after.seq - before.seq).toBe(0);
        expect(after.index - before.index).toBeGreaterThan(0);
      }
    } finally {
      await session.end();
    }
  });
});
