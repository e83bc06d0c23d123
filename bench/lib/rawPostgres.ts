import pg from 'pg';
import type { NewEvent } from '../../services/eventstore/port.js';

/**
 * The baseline of the PostgreSQL append figures: what a minimal hand-written adapter does
 * with `pg` — a table equivalent to `sijill.events` (the same columns, keys and indexes;
 * positions from an identity sequence, the usual choice), and per append one `INSERT` of all
 * its rows as its own transaction: one round trip, one commit. No stream-head lookup, no
 * expected-revision check, no locks, no idempotency check (the caller keeps revisions): the
 * floor sijill's `append_events` is measured against.
 */
const TABLE = `CREATE SCHEMA raw;
CREATE TABLE raw.events (
  position       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_id      text        NOT NULL,
  category       text        NOT NULL,
  revision       bigint      NOT NULL,
  event_id       text        NOT NULL UNIQUE,
  type           text        NOT NULL,
  schema_version integer     NOT NULL,
  data           text        NOT NULL,
  metadata       text        NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (stream_id, revision)
);
CREATE INDEX events_by_category ON raw.events (category, position);
CREATE INDEX events_by_type ON raw.events (type, position);`;

const INSERT = `INSERT INTO raw.events (stream_id, category, revision, event_id, type, schema_version, data, metadata)
  SELECT $1, $2, $3::bigint + e.k - 1, e.id, e.ty, e.sv, e.d, e.m
    FROM unnest($4::text[], $5::text[], $6::integer[], $7::text[], $8::text[]) WITH ORDINALITY AS e(id, ty, sv, d, m, k)`;

/** The same, and a notification of the event ids on `$9`, delivered to listeners when it commits. */
const INSERT_AND_NOTIFY = `WITH inserted AS (${INSERT} RETURNING event_id)
  SELECT pg_notify($9, string_agg(event_id, ',')) FROM inserted`;

export interface RawPostgres {
  /** One transaction appending `events` to `streamId` at `firstRevision` onwards; resolves once committed. */
  append(streamId: string, firstRevision: number, events: readonly NewEvent[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connect one session to the database, creating the table unless `existing` (a second writer
 * on the same table). With `notify`, each append also notifies its event ids on that channel.
 */
export const openRawPostgres = async (
  connectionString: string,
  options: { existing?: boolean; notify?: string } = {},
): Promise<RawPostgres> => {
  const client = new pg.Client({ connectionString, application_name: 'sijill-bench-raw' });
  await client.connect();
  if (!options.existing) await client.query(TABLE);
  return {
    async append(streamId, firstRevision, events) {
      await client.query(options.notify ? INSERT_AND_NOTIFY : INSERT, [
        streamId,
        streamId.slice(0, streamId.indexOf('-')),
        firstRevision,
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata)),
        ...(options.notify ? [options.notify] : []),
      ]);
    },
    close: () => client.end(),
  };
};
