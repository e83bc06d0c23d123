import type { ActualRevision, ExpectedRevision } from './port.js';

/**
 * The port's errors. Every adapter translates its vendor's errors into these, so callers
 * never see a driver's error class.
 */
export class EventStoreError extends Error {
  override readonly name: string = 'EventStoreError';
}

/** The stream was not in the expected state; `actual` says what it was. */
export class WrongExpectedRevisionError extends EventStoreError {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFoundError extends EventStoreError {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** An event id that is already in the log was appended with different neighbours or to another stream. */
export class DuplicateEventIdError extends EventStoreError {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`event ${eventId} is already in the log, but not as part of the same append to ${streamId}`);
  }
}

/** The store cannot be reached, or is held by another process. */
export class StoreUnavailableError extends EventStoreError {
  override readonly name = 'StoreUnavailableError';
}

/** The store has been closed. */
export class StoreClosedError extends EventStoreError {
  override readonly name = 'StoreClosedError';
  constructor() {
    super('the event store is closed');
  }
}
