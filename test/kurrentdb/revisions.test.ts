import { describe, expect, it } from 'vitest';
import { fromCurrentStreamState, satisfies, toStreamState } from '../../services/eventstore/kurrentdb/revisions.js';

describe('expected revisions mapped to KurrentDB stream states', () => {
  it('maps each port expectation to the client streamState', () => {
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState(0n)).toBe(0n);
    expect(toStreamState(41n)).toBe(41n);
  });

  it('refuses a negative revision before anything is sent', () => {
    expect(() => toStreamState(-1n)).toThrow(RangeError);
  });

  it('reads the actual state of a conflict as the port actual revision', () => {
    expect(fromCurrentStreamState('no_stream')).toBe('no_stream');
    expect(fromCurrentStreamState(0n)).toBe(0n);
    expect(fromCurrentStreamState(7n)).toBe(7n);
    // Older servers report a missing stream as -1, deleted ones as other negatives.
    expect(fromCurrentStreamState(-1n)).toBe('no_stream');
    expect(fromCurrentStreamState(-5n)).toBe('no_stream');
    expect(fromCurrentStreamState(undefined)).toBe('no_stream');
  });

  it('checks an expectation against a stream head (for empty appends)', () => {
    expect(satisfies('any', undefined)).toBe(true);
    expect(satisfies('no_stream', undefined)).toBe(true);
    expect(satisfies('no_stream', 0n)).toBe(false);
    expect(satisfies('stream_exists', undefined)).toBe(false);
    expect(satisfies('stream_exists', 3n)).toBe(true);
    expect(satisfies(3n, 3n)).toBe(true);
    expect(satisfies(2n, 3n)).toBe(false);
    expect(satisfies(0n, undefined)).toBe(false);
  });
});
