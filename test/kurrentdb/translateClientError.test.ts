import kurrentdb from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import {
  EventStoreError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../../services/eventstore/errors.js';
import { isTransient, translateClientError } from '../../services/eventstore/kurrentdb/translateClientError.js';

/** A raw gRPC error as some client calls (appends) reject with, before the client converts it. */
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: undefined });

describe("KurrentDB client errors translated into the port's", () => {
  it('WrongExpectedVersionError → WrongExpectedRevisionError with the actual revision', () => {
    const conflict = new kurrentdb.WrongExpectedVersionError(undefined, { streamName: 'claim-1', expected: 2n, current: 5n });
    const translated = translateClientError(conflict, { streamId: 'claim-1', expected: 2n });
    expect(translated).toBeInstanceOf(WrongExpectedRevisionError);
    expect(translated).toMatchObject({ streamId: 'claim-1', expected: 2n, actual: 5n });

    const missing = new kurrentdb.WrongExpectedVersionError(undefined, {
      streamName: 'claim-2',
      expected: 'stream_exists',
      current: 'no_stream',
    });
    expect(translateClientError(missing, { streamId: 'claim-2', expected: 'stream_exists' })).toMatchObject({
      expected: 'stream_exists',
      actual: 'no_stream',
    });
  });

  it('StreamNotFoundError → StreamNotFoundError naming the stream', () => {
    const translated = translateClientError(new kurrentdb.StreamNotFoundError(undefined, 'claim-9'), { streamId: 'claim-9' });
    expect(translated).toBeInstanceOf(StreamNotFoundError);
    expect(translated).toMatchObject({ streamId: 'claim-9' });
  });

  it('unavailable, not leader, deadline, timeout and cancelled → StoreUnavailableError, and count as transient', () => {
    for (const error of [
      new kurrentdb.UnavailableError(undefined, 'node down'),
      new kurrentdb.DeadlineExceededError(undefined, 'slow'),
      new kurrentdb.TimeoutError(undefined, 'slow'),
      new kurrentdb.CancelledError(undefined, 'server cancelled'),
      grpcError(14, 'UNAVAILABLE: No connection established'),
    ]) {
      expect(translateClientError(error), error.message).toBeInstanceOf(StoreUnavailableError);
      expect(isTransient(error), error.message).toBe(true);
    }
    expect(isTransient(new StoreUnavailableError('already translated'))).toBe(true);
  });

  it('access denied, deleted streams and unknown failures → EventStoreError with the cause, not transient', () => {
    for (const error of [
      new kurrentdb.AccessDeniedError(undefined, 'no'),
      kurrentdb.StreamDeletedError.fromStreamName('claim-1'),
      new kurrentdb.UnknownError(undefined, 'odd'),
      new kurrentdb.MaxAppendSizeExceededError(undefined, 1024),
      new Error('a bug'),
    ]) {
      const translated = translateClientError(error, { streamId: 'claim-1' });
      expect(translated).toBeInstanceOf(EventStoreError);
      expect(translated).not.toBeInstanceOf(StoreUnavailableError);
      expect(translated.cause).toBe(error);
      expect(isTransient(error)).toBe(false);
    }
    expect(translateClientError(new kurrentdb.AccessDeniedError(undefined, 'no')).message).toMatch(/credentials/);
  });

  it('passes port errors through unchanged', () => {
    const own = new StreamNotFoundError('x-1');
    expect(translateClientError(own)).toBe(own);
  });
});
