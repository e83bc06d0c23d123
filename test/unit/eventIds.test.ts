import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { EVENT_ID_NAMESPACE, eventIdFromKey, registrationEventId } from '../../domain/eventIds.js';

describe('deterministic event ids', () => {
  it('a registration has the same id every time, a UUID v5', () => {
    const id = registrationEventId('place-al-susa', 'PlaceRegistered');
    expect(registrationEventId('place-al-susa', 'PlaceRegistered')).toBe(id);
    expect(validate(id) && version(id)).toBe(5);
  });

  it('ids never change: stored events were given them (a changed namespace or name would show here)', () => {
    expect(EVENT_ID_NAMESPACE).toBe('c293ec5e-0bf2-4fad-8942-7d95ec907752');
    expect(registrationEventId('place-al-susa', 'PlaceRegistered')).toBe('89c745cd-b71a-5857-89df-dd86bf85c372');
    expect(eventIdFromKey(['analyst:huda', 'import-2018-11-14-claim-7', '0'])).toBe('b7e97a1c-5bf9-51de-b564-8ec77c7c7627');
  });

  it('differs by stream and by event type', () => {
    const ids = new Set([
      registrationEventId('place-al-susa', 'PlaceRegistered'),
      registrationEventId('place-al-bukamal', 'PlaceRegistered'),
      registrationEventId('claim-al-susa', 'ClaimRecorded'),
    ]);
    expect(ids.size).toBe(3);
  });

  it('an idempotency key gives one id per principal, key and index', () => {
    const first = eventIdFromKey(['analyst:huda', 'k-1', '0']);
    expect(eventIdFromKey(['analyst:huda', 'k-1', '0'])).toBe(first);
    const others = [
      eventIdFromKey(['analyst:omar', 'k-1', '0']),
      eventIdFromKey(['analyst:huda', 'k-2', '0']),
      eventIdFromKey(['analyst:huda', 'k-1', '1']),
    ];
    expect(new Set([first, ...others]).size).toBe(4);
  });

  it('no separator can make two keys collide', () => {
    expect(eventIdFromKey(['a/b', 'c'])).not.toBe(eventIdFromKey(['a', 'b/c']));
    expect(eventIdFromKey(['a', 'b'])).not.toBe(eventIdFromKey(['a,b']));
  });
});
