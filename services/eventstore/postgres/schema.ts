import type pg from 'pg';
import { StoreUnavailableError } from '../errors.js';

/**
 * The ledger's schema in PostgreSQL, all of it in the `sijill` schema. Migrations run in
 * order; `sijill.migrations` records which have. Never edit one that has shipped: append a
 * new one. Every replica runs `migrate` on start; an advisory lock makes concurrent starts
 * take turns, so each migration runs once.
 */
const MIGRATIONS: readonly string[] = [
  // 1: the log. `position` encodes (transaction id, sequence) — see positions.ts.
  `CREATE TABLE sijill.events (
     position       bigint      PRIMARY KEY,
     transaction_id xid8        NOT NULL,
     stream_id      text        NOT NULL,
     category       text        NOT NULL,
     revision       bigint      NOT NULL,
     event_id       text        NOT NULL UNIQUE,
     type           text        NOT NULL,
     schema_version integer     NOT NULL,
     data           text        NOT NULL,
     metadata       text        NOT NULL,
     recorded_at    timestamptz NOT NULL,
     UNIQUE (stream_id, revision)
   );
   CREATE INDEX events_by_category ON sijill.events (category, position);
   CREATE INDEX events_by_type ON sijill.events (type, position);

   -- One append (one or more streams) in one call: a single round trip, and its own transaction.
   -- Raises SJ001 (wrong expected revision; DETAIL "<stream index>:<actual revision>"),
   -- SJ002 (some event id is already in the log: the caller resolves retry or duplicate),
   -- SJ003 (transaction ids have outgrown the position encoding).
   -- Returns each stream's head revision (-1: none) and head position before the append, the
   -- base position of this transaction's events (0 when none), and the ids of transactions
   -- that were running with a lower id when this one got its id ("blockers": readers cannot
   -- pass this append until they end).
   CREATE FUNCTION sijill.append_events(
     p_streams text[], p_expected text[], p_event_streams integer[], p_event_ids text[], p_types text[],
     p_schema_versions integer[], p_data text[], p_metadata text[], p_recorded_at timestamptz)
   RETURNS TABLE (heads bigint[], head_positions bigint[], base bigint, blockers bigint[])
   LANGUAGE plpgsql AS $fn$
   DECLARE
     n integer := cardinality(p_streams);
     lock_key integer;
     head_revision bigint;
     head_position bigint;
     expected text;
     ok boolean;
     xid xid8;
     xid_number bigint;
     stamp timestamptz;
     last_stamp timestamptz;
   BEGIN
     heads := array_fill(-1::bigint, ARRAY[n]);
     head_positions := array_fill(0::bigint, ARRAY[n]);
     base := 0;
     blockers := '{}';
     -- Streams are locked in one order, so multi-stream appends cannot deadlock; held to commit,
     -- so one stream's revisions and positions grow together.
     FOR lock_key IN SELECT DISTINCT hashtext(s) FROM unnest(p_streams) AS s ORDER BY 1 LOOP
       PERFORM pg_advisory_xact_lock(1, lock_key);
     END LOOP;
     -- Event ids before expected revisions, so a retry with its original expectation succeeds.
     IF EXISTS (SELECT 1 FROM sijill.events e WHERE e.event_id = ANY (p_event_ids)) THEN
       RAISE EXCEPTION 'some event ids are already in the log' USING ERRCODE = 'SJ002';
     END IF;
     FOR i IN 1 .. n LOOP
       SELECT e.revision, e.position INTO head_revision, head_position
         FROM sijill.events e WHERE e.stream_id = p_streams[i] ORDER BY e.revision DESC LIMIT 1;
       IF FOUND THEN
         heads[i] := head_revision;
         head_positions[i] := head_position;
       END IF;
       expected := p_expected[i];
       ok := CASE expected
               WHEN 'any' THEN true
               WHEN 'no_stream' THEN heads[i] = -1
               WHEN 'stream_exists' THEN heads[i] >= 0
               ELSE heads[i] = expected::bigint
             END;
       IF NOT ok THEN
         RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'SJ001', DETAIL = (i - 1)::text || ':' || heads[i]::text;
       END IF;
     END LOOP;
     IF coalesce(cardinality(p_event_ids), 0) = 0 THEN
       RETURN NEXT;
       RETURN;
     END IF;
     -- The transaction id and the recordedAt stamp are taken together under a short global
     -- lock (released at once, not held to commit), so stamps never decrease along the log.
     PERFORM pg_advisory_lock(2, 0);
     xid := pg_current_xact_id();
     SELECT e.recorded_at INTO last_stamp FROM sijill.events e ORDER BY e.position DESC LIMIT 1;
     stamp := date_trunc('milliseconds', greatest(coalesce(p_recorded_at, clock_timestamp()), last_stamp));
     PERFORM pg_advisory_unlock(2, 0);
     xid_number := xid::text::bigint;
     IF xid_number >= (1::bigint << 43) THEN
       RAISE EXCEPTION 'transaction id % is beyond what sijill positions encode (2^43)', xid_number USING ERRCODE = 'SJ003';
     END IF;
     base := xid_number << 20;
     SELECT coalesce(array_agg(x::text::bigint), '{}') INTO blockers
       FROM pg_snapshot_xip(pg_current_snapshot()) AS x WHERE x < xid;
     INSERT INTO sijill.events (position, transaction_id, stream_id, category, revision, event_id, type,
                                schema_version, data, metadata, recorded_at)
       SELECT base + (e.k - 1), xid, p_streams[e.s], split_part(p_streams[e.s], '-', 1),
              heads[e.s] + row_number() OVER (PARTITION BY e.s ORDER BY e.k),
              e.id, e.ty, e.sv, e.d, e.m, stamp
         FROM unnest(p_event_streams, p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
              WITH ORDINALITY AS e(s, id, ty, sv, d, m, k);
     RETURN NEXT;
   END
   $fn$;`,
  // 2: webhook registrations and delivery state, shared by the replicas (services/webhooks/postgresWebhookDb.ts).
  // They hold signing secrets: grant this schema to sijill's role only.
  `CREATE TABLE sijill.webhooks (
     id          text PRIMARY KEY,
     url         text NOT NULL,
     filter      text,
     secret      text NOT NULL,
     description text,
     created_at  text NOT NULL,
     created_by  text NOT NULL
   );
   CREATE TABLE sijill.webhook_checkpoints (
     webhook_id           text PRIMARY KEY REFERENCES sijill.webhooks (id) ON DELETE CASCADE,
     position             bigint  NOT NULL,
     pending_position     bigint,
     pending_attempts     integer NOT NULL DEFAULT 0,
     consecutive_failures integer NOT NULL DEFAULT 0,
     last_error           text,
     last_error_at        text,
     next_attempt_at      text,
     last_delivered_at    text
   );
   CREATE TABLE sijill.webhook_parked (
     webhook_id text    NOT NULL REFERENCES sijill.webhooks (id) ON DELETE CASCADE,
     position   bigint  NOT NULL,
     event_id   text    NOT NULL,
     type       text    NOT NULL,
     attempts   integer NOT NULL,
     last_error text    NOT NULL,
     parked_at  text    NOT NULL,
     PRIMARY KEY (webhook_id, position)
   );`,
  // 3: the append function as in 1, except how it finds event ids already in the log. In 1 a
  // lookup ran first on every call; PL/pgSQL caches a generic plan per statement after five calls
  // in a session, and one made while the log was small read the whole log: a pooled session kept
  // it as the log grew, every append slower until the next ANALYZE (test/postgres/appendPlans.test.ts).
  // Now the insert itself finds them (ON CONFLICT on the event id index: nothing to plan, and
  // ~100 µs less per append), and the lookup, planned at each call, runs only when an expected
  // revision fails — so a retry sent with its original expectation is still answered as one.
  `CREATE OR REPLACE FUNCTION sijill.append_events(
     p_streams text[], p_expected text[], p_event_streams integer[], p_event_ids text[], p_types text[],
     p_schema_versions integer[], p_data text[], p_metadata text[], p_recorded_at timestamptz)
   RETURNS TABLE (heads bigint[], head_positions bigint[], base bigint, blockers bigint[])
   LANGUAGE plpgsql AS $fn$
   DECLARE
     n integer := cardinality(p_streams);
     lock_key integer;
     head_revision bigint;
     head_position bigint;
     expected text;
     ok boolean;
     known boolean;
     inserted bigint;
     xid xid8;
     xid_number bigint;
     stamp timestamptz;
     last_stamp timestamptz;
   BEGIN
     heads := array_fill(-1::bigint, ARRAY[n]);
     head_positions := array_fill(0::bigint, ARRAY[n]);
     base := 0;
     blockers := '{}';
     -- Streams are locked in one order, so multi-stream appends cannot deadlock; held to commit,
     -- so one stream's revisions and positions grow together.
     FOR lock_key IN SELECT DISTINCT hashtext(s) FROM unnest(p_streams) AS s ORDER BY 1 LOOP
       PERFORM pg_advisory_xact_lock(1, lock_key);
     END LOOP;
     FOR i IN 1 .. n LOOP
       SELECT e.revision, e.position INTO head_revision, head_position
         FROM sijill.events e WHERE e.stream_id = p_streams[i] ORDER BY e.revision DESC LIMIT 1;
       IF FOUND THEN
         heads[i] := head_revision;
         head_positions[i] := head_position;
       END IF;
       expected := p_expected[i];
       ok := CASE expected
               WHEN 'any' THEN true
               WHEN 'no_stream' THEN heads[i] = -1
               WHEN 'stream_exists' THEN heads[i] >= 0
               ELSE heads[i] = expected::bigint
             END;
       IF NOT ok THEN
         -- Event ids before expected revisions, so a retry with its original expectation succeeds.
         -- Planned at this call (EXECUTE), for these ids and the log as it is now.
         EXECUTE 'SELECT EXISTS (SELECT 1 FROM sijill.events WHERE event_id = ANY ($1))' INTO known USING p_event_ids;
         IF known THEN
           RAISE EXCEPTION 'some event ids are already in the log' USING ERRCODE = 'SJ002';
         END IF;
         RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'SJ001', DETAIL = (i - 1)::text || ':' || heads[i]::text;
       END IF;
     END LOOP;
     IF coalesce(cardinality(p_event_ids), 0) = 0 THEN
       RETURN NEXT;
       RETURN;
     END IF;
     -- The transaction id and the recordedAt stamp are taken together under a short global
     -- lock (released at once, not held to commit), so stamps never decrease along the log.
     PERFORM pg_advisory_lock(2, 0);
     xid := pg_current_xact_id();
     SELECT e.recorded_at INTO last_stamp FROM sijill.events e ORDER BY e.position DESC LIMIT 1;
     stamp := date_trunc('milliseconds', greatest(coalesce(p_recorded_at, clock_timestamp()), last_stamp));
     PERFORM pg_advisory_unlock(2, 0);
     xid_number := xid::text::bigint;
     IF xid_number >= (1::bigint << 43) THEN
       RAISE EXCEPTION 'transaction id % is beyond what sijill positions encode (2^43)', xid_number USING ERRCODE = 'SJ003';
     END IF;
     base := xid_number << 20;
     SELECT coalesce(array_agg(x::text::bigint), '{}') INTO blockers
       FROM pg_snapshot_xip(pg_current_snapshot()) AS x WHERE x < xid;
     INSERT INTO sijill.events (position, transaction_id, stream_id, category, revision, event_id, type,
                                schema_version, data, metadata, recorded_at)
       SELECT base + (e.k - 1), xid, p_streams[e.s], split_part(p_streams[e.s], '-', 1),
              heads[e.s] + row_number() OVER (PARTITION BY e.s ORDER BY e.k),
              e.id, e.ty, e.sv, e.d, e.m, stamp
         FROM unnest(p_event_streams, p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
              WITH ORDINALITY AS e(s, id, ty, sv, d, m, k)
       ON CONFLICT (event_id) DO NOTHING;
     -- An id already in the log (or committed meanwhile by another writer): nothing of this call is kept.
     GET DIAGNOSTICS inserted = ROW_COUNT;
     IF inserted < cardinality(p_event_ids) THEN
       RAISE EXCEPTION 'some event ids are already in the log' USING ERRCODE = 'SJ002';
     END IF;
     RETURN NEXT;
   END
   $fn$;`,
];

/** The number of migrations this sijill knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** An advisory lock key (class 3) that makes replicas starting together migrate one at a time. */
const MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock(3, 0)';

/**
 * Bring the schema up to date, in one transaction. Refuses a database whose sijill schema is
 * newer than this sijill (`StoreUnavailableError`).
 */
export const migrate = async (client: pg.ClientBase, where: string): Promise<void> => {
  await client.query('BEGIN');
  try {
    await client.query(MIGRATION_LOCK);
    await client.query('CREATE SCHEMA IF NOT EXISTS sijill');
    await client.query(
      'CREATE TABLE IF NOT EXISTS sijill.migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM sijill.migrations',
    );
    const version = rows[0]?.version ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new StoreUnavailableError(
        `PostgreSQL ${where} has sijill schema version ${version}, newer than this sijill (${SCHEMA_VERSION})`,
      );
    }
    for (const [i, sql] of MIGRATIONS.entries()) {
      if (i < version) continue;
      await client.query(sql);
      await client.query('INSERT INTO sijill.migrations (version) VALUES ($1)', [i + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
