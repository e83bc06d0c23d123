import { eventIdFromKey, registrationEventId } from '../../domain/eventIds.js';
import type { DomainEvent } from '../../domain/events.js';
import { streamIdOf } from '../../domain/ids.js';

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

/**
 * Event ids: deterministic where a natural key exists (registrations, and writes made with
 * an Idempotency-Key), so a retried append is recognised by the store and adds nothing.
 */
export const eventIdFor = {
  fromKey: (parts: string[]) => eventIdFromKey(parts),
  natural: (event: DomainEvent): string | undefined => {
    const stream = registrationStream(event);
    return stream ? registrationEventId(stream, event.type) : undefined;
  },
};
