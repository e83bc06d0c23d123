import { type DomainEvent, decodeEvent, EVENT_SCHEMAS } from '../../domain/events.js';
import { sameData, withKeyOrderOf } from '../../domain/plainData.js';
import type { EventMetadata, NewEvent, RecordedEvent } from '../eventstore/port.js';
import type { ImportedEnvelope } from './envelopes.js';
import { ImportError } from './importError.js';

/** An envelope's event, decoded for the rule check and shaped for the store. */
export interface ImportedEvent {
  /** The event in its latest domain shape (old versions upcast). */
  readonly event: DomainEvent;
  /** What is appended, with the original event id and `recordedAt`. */
  readonly stored: NewEvent;
}

/**
 * The data to store for an event given at `schemaVersion` whose latest version is `latest`.
 * - At the latest version: exactly what the schema produced — defaults filled (`variants: []`),
 *   unknown keys stripped — because `decodeStoredEvent` trusts such events as stored on every
 *   read, and the read models index what it returns. Keys keep the file's order, so a valid
 *   event is stored byte for byte as exported.
 * - At an older version: as given, at its version. An import is a replay: the target then holds
 *   the event its writer recorded, and an export of the target equals the source's. Nothing
 *   trusts an old version as stored — `decodeStoredEvent` sends it through its upcasters and
 *   the schema on every read — and the import has just checked that it decodes. Upcasting here
 *   would put other data under the same event id than the source holds.
 */
export const storedData = (schemaVersion: number, latest: number, given: unknown, decoded: unknown): unknown =>
  schemaVersion === latest ? withKeyOrderOf(decoded, given) : given;

/**
 * Decode one envelope with the event catalogue (`domain/events.ts`). Refuses (`invalid_export`)
 * data its schema refuses, a version this ledger does not know, and an unknown type: such an
 * event can be neither validated nor checked against the rules here, and once this ledger
 * learnt the type it would trust the unvalidated data as stored. Import into a sijill at least
 * as new as the one that exported.
 */
export const decodeImported = (envelope: ImportedEnvelope, line: number): ImportedEvent => {
  const { type, schemaVersion, data } = envelope;
  const decoded = decodeEvent(type, schemaVersion, data);
  if (!decoded.ok) {
    const reason =
      decoded.reason === 'unknown_type'
        ? `unknown event type ${type}: this ledger cannot check it (import into a sijill at least as new as the exporter)`
        : `${type} v${schemaVersion}: ${decoded.message}`;
    throw ImportError.refused('invalid_export', line, reason);
  }
  return {
    event: decoded.event,
    stored: {
      eventId: envelope.eventId,
      type,
      schemaVersion,
      data: storedData(schemaVersion, EVENT_SCHEMAS[decoded.event.type].schemaVersion, data, decoded.event.data),
      metadata: envelope.metadata as EventMetadata,
      recordedAt: envelope.recordedAt,
    },
  };
};

/**
 * Whether the ledger already holds this event: the same id, type and data (both read as the
 * schema reads them; metadata and stamps may differ). Registrations have natural ids
 * (`domain/eventIds.ts`), so two ledgers can hold the same id with different data: that is
 * other history, not this event.
 */
export const holdsSameEvent = (held: RecordedEvent, imported: ImportedEvent): boolean => {
  if (held.eventId !== imported.stored.eventId || held.type !== imported.event.type) return false;
  const decoded = decodeEvent(held.type, held.schemaVersion, held.data);
  return decoded.ok && sameData(decoded.event.data, imported.event.data);
};
