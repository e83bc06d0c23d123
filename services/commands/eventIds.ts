import { randomUUID } from 'node:crypto';
import { eventIdFromKey, registrationEventId } from '../../domain/eventIds.js';
import type { DomainEvent } from '../../domain/events.js';
import { streamIdOf } from '../../domain/ids.js';
import type { WriteContext } from './writeContext.js';

/** The stream a one-per-stream registration event belongs to: its natural key. */
const registrationStream = (event: DomainEvent): string | undefined => {
  switch (event.type) {
    case 'SourceRegistered':
      return streamIdOf('source', event.data.sourceId);
    case 'PlaceRegistered':
      return streamIdOf('place', event.data.placeId);
    case 'ActorRegistered':
      return streamIdOf('actor', event.data.actorId);
    case 'ArticleRecorded':
      return streamIdOf('article', event.data.articleId);
    case 'ClaimRecorded':
      return streamIdOf('claim', event.data.claimId);
    default:
      return undefined;
  }
};

/** The id of a registration event derived from its natural key, or undefined for any other event. */
const naturalEventId = (event: DomainEvent): string | undefined => {
  const stream = registrationStream(event);
  return stream ? registrationEventId(stream, event.type) : undefined;
};

/**
 * The event ids of a write's `streamIndex`-th stream, the i-th new event of it: derived from
 * the Idempotency-Key when there is one (so the twin of a keyed request appends the same ids,
 * and the store keeps one), else natural where a natural key exists (registrations), else
 * random. Deterministic ids are how a retried append is recognised and adds nothing.
 */
export const eventIdsOf =
  (write: Pick<WriteContext, 'principal' | 'idempotency'>, streamIndex: number) =>
  (event: DomainEvent, i: number): string =>
    write.idempotency
      ? eventIdFromKey([write.principal, write.idempotency.key, String(streamIndex), String(i)])
      : (naturalEventId(event) ?? randomUUID());
