import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../services/eventstore/port.js';
import { RecentEvents } from '../../services/eventstore/sqlite/recentEvents.js';

const recorded = (position: bigint, streamId: string, type = 'Noted'): RecordedEvent => ({
  position,
  streamId,
  revision: 0n,
  eventId: `e-${position}`,
  type,
  schemaVersion: 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  data: {},
  metadata: { principal: 'p', correlationId: 'c', causationId: 'c' },
});
const positions = (events: RecordedEvent[] | undefined) => events?.map((e) => e.position);

describe('the recent events of the SQLite store', () => {
  it('serves reads it can answer whole, and only those', () => {
    const recent = new RecentEvents(10n, 3);
    recent.add([recorded(11n, 'claim-a'), recorded(12n, 'place-b', 'PlaceRegistered'), recorded(14n, 'claim-c')]);
    expect(positions(recent.read(10n, 10, undefined))).toEqual([11n, 12n, 14n]);
    expect(positions(recent.read(12n, 10, undefined))).toEqual([14n]);
    expect(positions(recent.read(11n, 1, undefined))).toEqual([12n]);
    expect(recent.read(9n, 10, undefined)).toBeUndefined();
    expect(positions(recent.read(10n, 10, { categories: ['claim'] }))).toEqual([11n, 14n]);
    expect(positions(recent.read(10n, 10, { types: ['PlaceRegistered'] }))).toEqual([12n]);
    expect(recent.read(10n, 10, { categories: [] })).toEqual([]);
  });

  it('forgets the oldest beyond its capacity, and then sends earlier reads to the database', () => {
    const recent = new RecentEvents(0n, 2);
    recent.add([recorded(1n, 's-1'), recorded(2n, 's-2'), recorded(3n, 's-3')]);
    expect(recent.read(0n, 10, undefined)).toBeUndefined();
    expect(positions(recent.read(1n, 10, undefined))).toEqual([2n, 3n]);
    expect(recent.last).toBe(3n);
    recent.reset(100n);
    expect(recent.read(99n, 10, undefined)).toBeUndefined();
    expect(recent.read(100n, 10, undefined)).toEqual([]);
  });
});
