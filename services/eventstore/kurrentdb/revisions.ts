import type { ActualRevision, ExpectedRevision } from '../port.js';
import { ANY, type AppendStreamState, type CurrentStreamState, NO_STREAM, STREAM_EXISTS } from './kurrentClient.js';

/**
 * The port's expected revisions are KurrentDB's stream states under other names: `'any'` →
 * `ANY`, `'no_stream'` → `NO_STREAM`, `'stream_exists'` → `STREAM_EXISTS`, an exact revision
 * → the same `bigint` (both count from 0). The client's option is `streamState`.
 */
export const toStreamState = (expected: ExpectedRevision): AppendStreamState => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (expected < 0n) throw new RangeError(`expected revision must be >= 0, got ${expected}`);
      return expected;
  }
};

/**
 * The actual state a conflict reports. KurrentDB says `NO_STREAM`, or a revision; older
 * servers report a missing stream as -1, and deleted streams as other negative numbers,
 * which for the port are all "no stream".
 */
export const fromCurrentStreamState = (actual: CurrentStreamState | undefined): ActualRevision => {
  if (typeof actual === 'bigint' && actual >= 0n) return actual;
  return 'no_stream';
};

/** Does a stream whose last revision is `current` (undefined: no stream) satisfy `expected`? */
export const satisfies = (expected: ExpectedRevision, current: bigint | undefined): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === undefined;
  if (expected === 'stream_exists') return current !== undefined;
  return current === expected;
};
