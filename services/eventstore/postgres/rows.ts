import type { EventMetadata, RecordedEvent } from '../port.js';

/** A row of `sijill.events` as `pg` returns it (bigint columns arrive as decimal strings). */
export interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

/** The columns of an {@link EventRow}; `recorded_at` as ISO 8601 UTC with milliseconds, as the port states it. */
export const EVENT_COLUMNS = `position, stream_id, revision, event_id, type, schema_version, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

/**
 * The bound of what readers may read: every transaction with an id below the snapshot's
 * `xmin` has ended, so no event can ever appear below this position (see positions.ts).
 * Evaluated once per statement, on the statement's own snapshot.
 */
export const READABLE_BOUND = '(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20)';

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  position: BigInt(row.position),
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  recordedAt: row.recorded_at,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata) as EventMetadata,
});
