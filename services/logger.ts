import pino, { type Logger } from 'pino';

/**
 * The process's logger: pino writing JSON lines to stdout synchronously, as Node writes
 * `process.stdout` to files and pipes. pino's default writes asynchronously, and when the
 * reader of a log pipe has gone (`| head`, a log shipper that died) a write still in flight
 * when the process exits never completes: the service hung at SIGTERM after closing everything
 * (`test/e2e/shutdown.test.ts`). A write to such a pipe fails with EPIPE, and pino then drops
 * the lines.
 *
 * @param name - The `name` field of every line (`sijill`, `sijill-rebuild`…).
 * @param level - pino's level (`SIJILL_LOG_LEVEL`).
 */
export const processLogger = (name: string, level: string): Logger =>
  pino({ level, name }, pino.destination({ dest: 1, sync: true }));
