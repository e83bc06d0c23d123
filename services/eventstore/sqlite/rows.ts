import type { EventMetadata, RecordedEvent } from '../port.js';

/** A row of `events` as read with safe integers (every INTEGER column is a bigint). */
export interface EventRow {
  readonly position: bigint;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: bigint;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

/** The largest SQLite rowid: no position of this log lies outside 1..MAX_ROWID. */
export const MAX_ROWID = 9_223_372_036_854_775_807n;

export const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at';

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  position: row.position,
  streamId: row.stream_id,
  revision: row.revision,
  eventId: row.event_id,
  type: row.type,
  schemaVersion: Number(row.schema_version),
  recordedAt: row.recorded_at,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata) as EventMetadata,
});

/** The category of a stream: the part of its id before the first `-` (the whole id when it has none). */
export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
};
