import type { Logger } from 'pino';
import { decodeEvent, decodeStoredEvent } from '../../domain/events.js';
import type { Envelope, Projection } from '../../projections/envelope.js';
import type { RecordedEvent } from '../eventstore/port.js';

/**
 * The last event's `recordedAt`: events appended together share one, and the read models keep
 * one per claim piece (2M bench events carry 71,000 distinct ones), so an equal one is replaced
 * by the same string object.
 */
let previousRecordedAt = '';

const sharedRecordedAt = (recordedAt: string): string => {
  if (recordedAt === previousRecordedAt) return previousRecordedAt;
  previousRecordedAt = recordedAt;
  return recordedAt;
};

/**
 * One stored event folded into a projection's state: decoded (upcast to its latest schema),
 * wrapped in its envelope and evolved. The follower and the importers' registry of the log fold
 * with this, so both skip the same events the same way.
 *
 * Stored events are trusted (validated where they entered); one that is not what its schema
 * says — written past sijill's edges — is skipped, loudly, not folded, and so is an event
 * that cannot be decoded; an unknown type (a newer version's event) is skipped silently.
 *
 * @returns The state after the event (projections may evolve in place and return the same object).
 * @throws Whatever `evolve` throws for an event that *is* valid: a projection bug, not bad data.
 */
export const foldRecorded = <State>(
  projection: Projection<State>,
  state: State,
  recorded: RecordedEvent,
  log: Pick<Logger, 'warn' | 'error'>,
): State => {
  const decoded = decodeStoredEvent(recorded.type, recorded.schemaVersion, recorded.data);
  if (decoded.ok) {
    const envelope: Envelope = {
      position: recorded.position,
      streamId: recorded.streamId,
      revision: recorded.revision,
      recordedAt: sharedRecordedAt(recorded.recordedAt),
      principal: recorded.metadata.principal,
      metadata: recorded.metadata,
      event: decoded.event,
    };
    try {
      return projection.evolve(state, envelope);
    } catch (error) {
      const checked = decodeEvent(recorded.type, recorded.schemaVersion, recorded.data);
      if (checked.ok) throw error;
      log.error(
        { position: String(recorded.position), type: recorded.type, reason: checked.message },
        'malformed stored event skipped',
      );
      return state;
    }
  }
  if (decoded.reason !== 'unknown_type') {
    log.warn({ position: String(recorded.position), type: recorded.type, reason: decoded.message }, 'undecodable event skipped');
  }
  return state;
};
