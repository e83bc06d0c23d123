import type { RecordedEvent } from './eventstore/port.js';

/**
 * The envelope served to integrators (DESIGN.md "Events and streams"): by `GET /v1/events`,
 * `GET /v1/streams/{id}`, Server-Sent Events, webhook deliveries and exports alike. `position`
 * is a decimal string, since 64-bit positions do not fit a JSON number; `revision` is a JSON
 * number (a stream never nears 2^53 events).
 */
export interface IntegratorEnvelope {
  readonly position: string;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** ISO 8601 UTC: when the ledger recorded the event (knowledge time). */
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

/** A recorded event as integrators receive it. */
export const toEnvelope = (e: RecordedEvent): IntegratorEnvelope => ({
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
