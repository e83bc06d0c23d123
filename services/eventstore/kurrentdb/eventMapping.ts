import { EventStoreError } from '../errors.js';
import type { EventMetadata, NewEvent, RecordedEvent } from '../port.js';
import { type AllStreamResolvedEvent, type EventData, jsonEvent, type ResolvedEvent } from './kurrentClient.js';
import { isSystemEvent } from './logFilter.js';
import { portPositionOf } from './positions.js';

/**
 * How a port event is stored in KurrentDB, and read back.
 *
 * KurrentDB has no field for a schema version, and sets the record time itself. So:
 * - `schemaVersion` travels in the event's metadata under {@link SCHEMA_VERSION_KEY} and is
 *   removed again on read (an event without it — written by another tool — reads as version 1);
 * - `recordedAt` is the server's `created` stamp of the event, in ISO 8601 UTC with
 *   milliseconds. An imported event keeps its original knowledge time in metadata under
 *   {@link RECORDED_AT_KEY}, and that is what it reads back as.
 * Both keys are reserved: an event whose metadata already uses one is refused.
 * Data and metadata are JSON (`application/json` events); the event id is the port's.
 */
export const SCHEMA_VERSION_KEY = 'sijill:schemaVersion';
export const RECORDED_AT_KEY = 'sijill:recordedAt';

/** The import-only `recordedAt` of the port's `NewEvent`, when the port has it. */
export const requestedRecordedAt = (event: NewEvent): string | undefined => {
  const value = (event as { readonly recordedAt?: unknown }).recordedAt;
  return typeof value === 'string' ? value : undefined;
};

export const toEventData = (event: NewEvent, recordedAt?: string): EventData => {
  for (const key of [SCHEMA_VERSION_KEY, RECORDED_AT_KEY]) {
    if (Object.hasOwn(event.metadata, key)) throw new EventStoreError(`event ${event.eventId}: metadata key ${key} is reserved`);
  }
  const metadata: Record<string, unknown> = { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion };
  if (recordedAt !== undefined) metadata[RECORDED_AT_KEY] = recordedAt;
  // JSON.stringify(undefined) is not JSON: a missing payload is stored as null, as SQLite does.
  const data = (event.data === undefined ? null : event.data) as Record<string, unknown>;
  return jsonEvent({ id: event.eventId, type: event.type, data, metadata });
};

const schemaVersionOf = (value: unknown): number =>
  Number.isSafeInteger(value) && (value as number) >= 1 ? (value as number) : 1;

const isoOf = (created: Date, eventId: string): string => {
  if (!(created instanceof Date) || Number.isNaN(created.getTime())) {
    throw new EventStoreError(`KurrentDB returned event ${eventId} without a valid creation time`);
  }
  return created.toISOString();
};

/**
 * The port's view of an event as read (from a stream, `$all` or a subscription), or
 * undefined for what is not a port event: system events and unresolved links.
 */
export const toRecordedEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event;
  if (!event || isSystemEvent(event)) return undefined;
  const stored =
    event.metadata !== null && typeof event.metadata === 'object' && !(event.metadata instanceof Uint8Array)
      ? { ...(event.metadata as Record<string, unknown>) }
      : {};
  const schemaVersion = schemaVersionOf(stored[SCHEMA_VERSION_KEY]);
  const imported = stored[RECORDED_AT_KEY];
  delete stored[SCHEMA_VERSION_KEY];
  delete stored[RECORDED_AT_KEY];
  return {
    position: portPositionOf(event.position, resolved.commitPosition),
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    schemaVersion,
    recordedAt: typeof imported === 'string' ? imported : isoOf(event.created, event.id),
    data: event.data,
    metadata: stored as EventMetadata,
  };
};
