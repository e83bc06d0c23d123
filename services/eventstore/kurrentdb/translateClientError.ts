import { EventStoreError, StoreUnavailableError, StreamNotFoundError, WrongExpectedRevisionError } from '../errors.js';
import type { ExpectedRevision } from '../port.js';
import { type CurrentStreamState, convertToCommandError, ErrorType } from './kurrentClient.js';
import { fromCurrentStreamState } from './revisions.js';

/** What the failed operation was about, for the port error's fields. */
export interface ErrorContext {
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
}

/**
 * The client's errors carry a `type` discriminator (`ErrorType`); compare that, not classes.
 * Some calls (appends) reject with the raw gRPC error: the client's own conversion names it.
 */
export const clientErrorType = (error: unknown): string | undefined => {
  const converted = error instanceof Error ? convertToCommandError(error) : error;
  const type = (converted as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Failures that a later attempt can outlive: a node down, a leader change, a timeout, a dropped call. */
const TRANSIENT = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.NOT_LEADER,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
]);

export const isTransient = (error: unknown): boolean =>
  error instanceof StoreUnavailableError || TRANSIENT.has(clientErrorType(error) ?? '');

/**
 * Translate a KurrentDB client error into the port's errors, so callers never see the client.
 * Port errors pass through unchanged.
 * - `WrongExpectedVersionError` → `WrongExpectedRevisionError` with the actual revision;
 * - `StreamNotFoundError` → `StreamNotFoundError`;
 * - unavailable, not leader, deadline, timeout, cancelled → `StoreUnavailableError` (retry later);
 * - everything else → `EventStoreError` naming what KurrentDB said (access denied, deleted
 *   stream, append too large, …), with the client error as its `cause`.
 */
export const translateClientError = (error: unknown, context: ErrorContext = {}): Error => {
  if (error instanceof EventStoreError) return error;
  const type = clientErrorType(error);
  switch (type) {
    case ErrorType.WRONG_EXPECTED_VERSION: {
      const conflict = convertToCommandError(error as Error) as {
        streamName?: string;
        expectedState?: unknown;
        actualState?: CurrentStreamState;
      };
      return new WrongExpectedRevisionError(
        context.streamId ?? conflict.streamName ?? 'unknown',
        context.expected ?? 'any',
        fromCurrentStreamState(conflict.actualState),
      );
    }
    case ErrorType.STREAM_NOT_FOUND:
      return new StreamNotFoundError(
        context.streamId ?? (convertToCommandError(error as Error) as { streamName?: string }).streamName ?? 'unknown',
      );
    case ErrorType.ACCESS_DENIED:
      return new EventStoreError(`KurrentDB denied access (check the credentials in SIJILL_STORE): ${messageOf(error)}`, {
        cause: error,
      });
    case ErrorType.STREAM_DELETED:
    case ErrorType.STREAM_TOMBSTONED:
      return new EventStoreError(`stream ${context.streamId ?? ''} was deleted in KurrentDB: ${messageOf(error)}`, {
        cause: error,
      });
    default:
      if (type !== undefined && TRANSIENT.has(type)) {
        return new StoreUnavailableError(`KurrentDB is unavailable (${type}): ${messageOf(error)}`, { cause: error });
      }
      return new EventStoreError(`KurrentDB${type ? ` (${type})` : ''}: ${messageOf(error)}`, { cause: error });
  }
};

/** Run a client call, translating what it throws. */
export const translating = async <T>(operation: () => Promise<T>, context?: ErrorContext): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    throw translateClientError(error, context);
  }
};
