import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { translateDriverError } from './driverErrors.js';
import { openLedgerFile } from './ledgerFile.js';
import type { ErrorDescription, FromLogReaderWorker, LogReaderWorkerData, ToLogReaderWorker } from './logReaderProtocol.js';
import { packPage, type RawEventRow } from './packedPage.js';
import { EVENT_COLUMNS, MAX_ROWID } from './rows.js';

/**
 * The read-ahead reader's worker thread (`openSqliteLogReader`): holds the ledger file, reads
 * the log a few pages ahead of what its reader has taken, packs each page (`packPage`) and
 * posts it. It only reads, so its thread is free to run while the reader's thread folds.
 */
const port = parentPort!;
const { path, lockTimeoutMs, pageSize } = workerData as LogReaderWorkerData;
const post = (message: FromLogReaderWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const describe = (thrown: unknown): ErrorDescription => {
  const error = translateDriverError(thrown, path);
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
};
const buffersOf = (message: { page: { integers: BigInt64Array; small: Float64Array; lengths: Int32Array } }) => [
  message.page.integers.buffer as ArrayBuffer,
  message.page.small.buffer as ArrayBuffer,
  message.page.lengths.buffer as ArrayBuffer,
];

const openStatements = (db: Database.Database) => ({
  pageAfter: db
    .prepare<[bigint, number], RawEventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
    .raw(true),
  eventAt: db.prepare<[bigint], RawEventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position = ?`).raw(true),
  lastPosition: db.prepare<[], bigint>('SELECT max(position) FROM events').pluck(true),
});

let db: Database.Database | undefined;
let statements: ReturnType<typeof openStatements>;
try {
  db = openLedgerFile(path, { mustExist: true, lockTimeoutMs });
  statements = openStatements(db);
} catch (error) {
  db?.close();
  post({ kind: 'failed', error: describe(error) });
  process.exit(0);
}
const { pageAfter, eventAt, lastPosition } = statements;

/** The stream being read ahead, if any. */
let stream: { id: number; after: bigint; credits: number } | undefined;

/** Read and post pages while the reader has credit for them; better-sqlite3 is synchronous, so this runs whole. */
const pump = () => {
  while (stream && stream.credits > 0) {
    const { id } = stream;
    let rows: RawEventRow[];
    let message: Extract<FromLogReaderWorker, { kind: 'page' }>;
    try {
      rows = pageAfter.all(stream.after, pageSize);
      message = { kind: 'page', stream: id, page: packPage(rows), end: rows.length < pageSize };
      post(message, buffersOf(message));
    } catch (error) {
      stream = undefined;
      post({ kind: 'streamFailed', stream: id, error: describe(error) });
      return;
    }
    const { end } = message;
    stream.credits--;
    if (end) stream = undefined;
    else stream.after = rows[rows.length - 1]![0];
  }
};

port.on('message', (message: ToLogReaderWorker) => {
  switch (message.op) {
    case 'stream':
      stream = { id: message.stream, after: message.after, credits: message.credits };
      pump();
      break;
    case 'credit':
      if (stream?.id === message.stream) {
        stream.credits++;
        pump();
      }
      break;
    case 'head':
      try {
        post({ kind: 'head', id: message.id, position: lastPosition.get() ?? 0n });
      } catch (error) {
        post({ kind: 'requestFailed', id: message.id, error: describe(error) });
      }
      break;
    case 'eventAt':
      try {
        // Positions are SQLite rowids: anything outside 1..2^63-1 is none of this log's.
        const { position } = message;
        const row = position <= 0n || position > MAX_ROWID ? undefined : eventAt.get(position);
        const reply = { kind: 'eventAt', id: message.id, page: packPage(row ? [row] : []) } as const;
        post(reply, buffersOf(reply));
      } catch (error) {
        post({ kind: 'requestFailed', id: message.id, error: describe(error) });
      }
      break;
    case 'close':
      // Closing lets go of the file's lock; with the port closed the thread then ends.
      stream = undefined;
      db!.close();
      port.close();
      break;
  }
});
post({ kind: 'opened' });
