import { v5 } from 'uuid';
import type { EventType } from './events.js';

/**
 * The namespace of every event id sijill derives. Fixed forever: stored event ids were
 * computed from it, and a retried append is only recognised if it computes the same id.
 */
export const EVENT_ID_NAMESPACE = 'c293ec5e-0bf2-4fad-8942-7d95ec907752';

/**
 * The id of a one-per-stream event (a registration: SourceRegistered, PlaceRegistered,
 * ActorRegistered, ArticleRecorded, ClaimRecorded), derived from its natural key, so
 * registering the same entity twice yields the same event id and the store keeps one.
 * A UUID v5 (SHA-1 name-based): pure, no clock and no randomness.
 */
export const registrationEventId = (streamId: string, eventType: EventType): string =>
  v5(`${streamId}/${eventType}`, EVENT_ID_NAMESPACE);

/**
 * The id of an event derived from an idempotency key, e.g. `[principal, key, String(index)]`.
 * The parts are JSON-encoded, so no choice of separator can make two keys collide
 * (`['a/b', 'c']` ≠ `['a', 'b/c']`), and a JSON array never equals a `stream/Type` name.
 */
export const eventIdFromKey = (namespaceParts: readonly string[]): string =>
  v5(JSON.stringify(namespaceParts), EVENT_ID_NAMESPACE);
