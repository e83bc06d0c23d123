import { describe, expect, it } from 'vitest';
import { DuplicateEventIdError } from '../../services/eventstore/errors.js';
import { repeatedEventId, resolveRetry } from '../../services/eventstore/kurrentdb/retriedAppend.js';
import type { NewEvent, RecordedEvent } from '../../services/eventstore/port.js';

const newEvent = (eventId: string): NewEvent => ({
  eventId,
  type: 'T',
  schemaVersion: 1,
  data: {},
  metadata: { principal: 'p', correlationId: 'c', causationId: 'c' },
});
const recorded = (eventId: string, revision: bigint): RecordedEvent => ({
  ...newEvent(eventId),
  streamId: 's-1',
  revision,
  position: 1000n + revision,
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('recognising a retried append from the stream it targets', () => {
  // Given a stream holding a, b (one append) then c
  const stream = [recorded('a', 0n), recorded('b', 1n), recorded('c', 2n)];

  it('is no retry when no id is in the stream', () => {
    expect(resolveRetry('s-1', [newEvent('x'), newEvent('y')], stream)).toBeUndefined();
  });

  it('answers a whole or partial retry, in order, with its last event revision and position', () => {
    expect(resolveRetry('s-1', [newEvent('a'), newEvent('b')], stream)).toEqual({ nextExpectedRevision: 1n, position: 1001n });
    expect(resolveRetry('s-1', [newEvent('b')], stream)).toEqual({ nextExpectedRevision: 1n, position: 1001n });
    expect(resolveRetry('s-1', [newEvent('a')], stream)).toEqual({ nextExpectedRevision: 0n, position: 1000n });
  });

  it('refuses a partial overlap or another order, naming the taken id', () => {
    for (const [events, taken] of [
      [[newEvent('b'), newEvent('x')], 'b'],
      [[newEvent('x'), newEvent('a')], 'a'],
      [[newEvent('b'), newEvent('a')], 'b'],
      [[newEvent('a'), newEvent('c')], 'a'],
    ] as const) {
      const attempt = () => resolveRetry('s-1', events, stream);
      expect(attempt).toThrow(DuplicateEventIdError);
      expect(attempt).toThrow(expect.objectContaining({ eventId: taken, streamId: 's-1' }));
    }
  });

  it('finds an id repeated inside one append', () => {
    expect(repeatedEventId([newEvent('a'), newEvent('b'), newEvent('a')])).toBe('a');
    expect(repeatedEventId([newEvent('a'), newEvent('b')])).toBeUndefined();
  });
});
