import { DuplicateEventIdError } from '../errors.js';
import type { AppendResult, NewEvent } from '../port.js';
import type { Statements } from './statements.js';

/**
 * Decide what an append whose event ids may already be in the log means:
 * - none of the ids is in the log: `undefined` (a genuinely new append);
 * - they are exactly consecutive events of this stream, in this order: a retry, answered
 *   with the original result (revision and position of the last of them);
 * - anything else (some missing, another stream, another order): `DuplicateEventIdError`.
 */
export const resolveRetry = (statements: Statements, streamId: string, events: readonly NewEvent[]): AppendResult | undefined => {
  const places = events.map((event) => statements.eventPlace.get(event.eventId));
  const firstKnown = places.findIndex((place) => place !== undefined);
  if (firstKnown === -1) return undefined;
  const first = places[0];
  const isRetry =
    first !== undefined &&
    places.every(
      (place, i) => place !== undefined && place.stream_id === streamId && place.revision === first.revision + BigInt(i),
    );
  if (!isRetry) throw new DuplicateEventIdError(streamId, events[firstKnown]!.eventId);
  const last = places[places.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position };
};
