import { describe, expect, it } from 'vitest';
import { EventStoreError } from '../../services/eventstore/errors.js';
import { portPositionOf, toBackwardsReadPosition, toReadPosition } from '../../services/eventstore/kurrentdb/positions.js';

describe('positions: the commit position of $all as the port position', () => {
  it('rebuilds { commit, prepare } with both parts equal to the port position', () => {
    expect(toReadPosition(123_456n)).toEqual({ commit: 123_456n, prepare: 123_456n });
    // 64-bit positions survive (they do not fit a JSON number, hence decimal strings on the wire).
    expect(toReadPosition(2n ** 63n - 1n)).toEqual({ commit: 2n ** 63n - 1n, prepare: 2n ** 63n - 1n });
  });

  it('reads position 0 (before every event) as the start, and no position backwards as the end', () => {
    expect(toReadPosition(0n)).toBe('start');
    expect(toBackwardsReadPosition(undefined)).toBe('end');
    expect(toBackwardsReadPosition(0n)).toBe('start');
    expect(toBackwardsReadPosition(99n)).toEqual({ commit: 99n, prepare: 99n });
  });

  it('takes the commit position of a read event, falling back to the resolved event commit position', () => {
    expect(portPositionOf({ commit: 500n, prepare: 500n }, undefined)).toBe(500n);
    expect(portPositionOf(undefined, 501n)).toBe(501n);
    expect(() => portPositionOf(undefined, undefined)).toThrow(EventStoreError);
  });

  it('round-trips: the read position of an event position names that event', () => {
    for (const p of [1n, 2113n, 10n ** 12n]) {
      const read = toReadPosition(p);
      expect(read !== 'start' && read !== 'end' && portPositionOf(read, undefined)).toBe(p);
    }
  });
});
