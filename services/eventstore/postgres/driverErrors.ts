import { EventStoreError, StoreUnavailableError } from '../errors.js';

/**
 * SQLSTATE classes that mean the server cannot serve us now, rather than a bug: connection
 * exceptions (08), insufficient resources (53), operator intervention — shutdown, restart,
 * cancel (57), system errors such as I/O failures (58), and serialization failures and
 * deadlocks (40), which a later attempt may not meet.
 */
const UNAVAILABLE_CLASSES = new Set(['08', '40', '53', '57', '58']);

/** Socket-level failures of the driver, before or after the server answered. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

const NETWORK_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end',
];

/** Does this driver error mean the server is out of reach (the outcome of the operation is unknown or nothing)? */
export const isUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || (code.length === 5 && UNAVAILABLE_CLASSES.has(code.slice(0, 2)))))
    return true;
  return NETWORK_MESSAGES.some((message) => error.message.includes(message));
};

/**
 * Translate a `pg` error into the port's errors, so callers never see the driver. Port
 * errors pass through unchanged; `where` names the database (without credentials).
 */
export const translateDriverError = (error: unknown, where: string): unknown => {
  if (error instanceof EventStoreError || error instanceof RangeError) return error;
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (isUnavailable(error)) {
    return new StoreUnavailableError(`PostgreSQL ${where} is unavailable (${String(code ?? 'network')}): ${error.message}`, {
      cause: error,
    });
  }
  return new EventStoreError(`PostgreSQL ${where}: unexpected error (${String(code ?? 'none')}): ${error.message}`, {
    cause: error,
  });
};

/** A connection string without its password, for messages and logs. */
export const redactedConnectionString = (connectionString: string): string =>
  connectionString.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
