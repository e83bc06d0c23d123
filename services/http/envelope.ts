import type { RecordedEvent } from '../eventstore/port.js';

/** The envelope served to integrators (DESIGN.md): position as a decimal string. */
export const toEnvelope = (e: RecordedEvent) => ({
  position: e.position.toString(),
  streamId: e.streamId,
  revision: Number(e.revision),
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  recordedAt: e.recordedAt,
  data: e.data,
  metadata: e.metadata as Record<string, unknown>,
});
