import { DuplicateEventIdError } from '../errors.js';
import type { AppendResult, NewEvent, RecordedEvent } from '../port.js';

/**
 * Is this append a retry of events the stream already holds? Given the stream's events:
 * - none of the ids is there: no (undefined), append it;
 * - all are there, at consecutive revisions in this order: yes, answer as the original
 *   append did (the revision and position of the last of them), write nothing;
 * - otherwise some id is taken but this is not that retry: `DuplicateEventIdError`.
 */
export const resolveRetry = (
  streamId: string,
  events: readonly NewEvent[],
  recorded: readonly RecordedEvent[],
): AppendResult | undefined => {
  const byId = new Map(recorded.map((event) => [event.eventId, event]));
  const found = events.map((event) => byId.get(event.eventId));
  if (found.every((event) => event === undefined)) return undefined;
  const first = found[0];
  const isRetry = first !== undefined && found.every((event, i) => event?.revision === first.revision + BigInt(i));
  if (!isRetry) {
    const taken = events.find((event) => byId.has(event.eventId))!;
    throw new DuplicateEventIdError(streamId, taken.eventId);
  }
  const last = found.at(-1)!;
  return { nextExpectedRevision: last.revision, position: last.position };
};

/** The first event id that appears twice in one append, if any. */
export const repeatedEventId = (events: readonly NewEvent[]): string | undefined => {
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.eventId)) return event.eventId;
    seen.add(event.eventId);
  }
  return undefined;
};
