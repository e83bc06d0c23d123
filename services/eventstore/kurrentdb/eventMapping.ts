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
 *
 * Multi-stream appends (`multiStreamAppend`, KurrentDB 25.1) take metadata whose values are
 * all strings. There the port's metadata travels whole, as JSON text, under
 * {@link METADATA_KEY}, and the schema version as a decimal string; reading unwraps it, so
 * both kinds of append read back the same.
 */
export const SCHEMA_VERSION_KEY = 'sijill:schemaVersion';
export const RECORDED_AT_KEY = 'sijill:recordedAt';
export const METADATA_KEY = 'sijill:metadata';
const RESERVED = [SCHEMA_VERSION_KEY, RECORDED_AT_KEY, METADATA_KEY];

const refuseReservedKeys = (event: NewEvent): void => {
  for (const key of RESERVED) {
    if (Object.hasOwn(event.metadata, key)) throw new EventStoreError(`event ${event.eventId}: metadata key ${key} is reserved`);
  }
};

/** The import-only `recordedAt` of the port's `NewEvent`, when the port has it. */
export const requestedRecordedAt = (event: NewEvent): string | undefined => {
  const value = (event as { readonly recordedAt?: unknown }).recordedAt;
  return typeof value === 'string' ? value : undefined;
};

// JSON.stringify(undefined) is not JSON: a missing payload is stored as null, as SQLite does.
const dataOf = (event: NewEvent) => (event.data === undefined ? null : event.data) as Record<string, unknown>;

export const toEventData = (event: NewEvent, recordedAt?: string): EventData => {
  refuseReservedKeys(event);
  const metadata: Record<string, unknown> = { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion };
  if (recordedAt !== undefined) metadata[RECORDED_AT_KEY] = recordedAt;
  return jsonEvent({ id: event.eventId, type: event.type, data: dataOf(event), metadata });
};

/** The same event for `multiStreamAppend`, whose metadata values must all be strings. */
export const toMultiStreamEventData = (event: NewEvent, recordedAt?: string): EventData => {
  refuseReservedKeys(event);
  const metadata: Record<string, string> = {
    [METADATA_KEY]: JSON.stringify(event.metadata),
    [SCHEMA_VERSION_KEY]: String(event.schemaVersion),
  };
  if (recordedAt !== undefined) metadata[RECORDED_AT_KEY] = recordedAt;
  return jsonEvent({ id: event.eventId, type: event.type, data: dataOf(event), metadata });
};

const schemaVersionOf = (value: unknown): number => {
  const version = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  return Number.isSafeInteger(version) && (version as number) >= 1 ? (version as number) : 1;
};

/** The port's metadata from a multi-stream append's JSON text, or undefined when it is not that. */
const wrappedMetadata = (value: unknown): Record<string, unknown> | undefined => {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

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
  // A multi-stream append's metadata is the wrapped JSON alone; keys the server adds beside it are not the port's.
  const wrapped = wrappedMetadata(stored[METADATA_KEY]);
  for (const key of RESERVED) delete stored[key];
  return {
    position: portPositionOf(event.position, resolved.commitPosition),
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    schemaVersion,
    recordedAt: typeof imported === 'string' ? imported : isoOf(event.created, event.id),
    data: event.data,
    metadata: (wrapped ?? stored) as EventMetadata,
  };
};
