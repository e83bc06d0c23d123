import { DuplicateEventIdError, WrongExpectedRevisionError } from '../eventstore/errors.js';
import type { EventStore } from '../eventstore/port.js';
import { envelopes } from './envelopes.js';
import { ImportError } from './importError.js';
import { decodeImported, holdsSameEvent, type ImportedEvent } from './importedEvent.js';

/** One append per batch; kept well under KurrentDB's default 1 MiB per append. */
const MAX_BATCH_EVENTS = 500;
const MAX_BATCH_BYTES = 512 * 1024;

export interface ImportSummary {
  /** Envelopes read. */
  readonly events: number;
  /** Events the target did not hold before. */
  readonly appended: number;
}

interface Batch {
  readonly streamId: string;
  /** The revision of the first event. */
  readonly revision: number;
  /** Whether the target held these events before the import touched the stream (they are compared, not appended). */
  readonly held: boolean;
  readonly recordedAt: string;
  readonly events: ImportedEvent[];
  /** The line of each event. */
  readonly lines: number[];
  bytes: number;
}

/**
 * Append an export that `validateExport` accepted, keeping event ids, streams, revisions,
 * order and knowledge time (`recordedAt`). Each event is stored as its schema produced it
 * (`importedEvent.ts`). An import is a replay, not a merge: each batch is appended at exactly
 * its revision, so it either lands there or fails.
 *
 * Consecutive events of one stream with one stamp are appended together (one durable commit;
 * the store gives one append one stamp). Events the target already holds are read back and
 * compared instead (`holdsSameEvent`), so running an import twice adds nothing, and running it
 * again after an interruption completes it.
 *
 * Another writer may append between the check and these appends. If its events sit where the
 * file's would go, the append fails and this throws `import_interrupted`, saying how much was
 * written. Its later server stamps may also exceed the file's remaining ones: the store then
 * raises them (its safety net; see `RecordedAtClock`).
 */
export const importLog = async (
  store: EventStore,
  lines: AsyncIterable<string>,
  onProgress?: (events: number) => void,
): Promise<ImportSummary> => {
  let events = 0;
  let appended = 0;
  let lastLine = 0;
  /** Per stream, its last revision before the import touched it (-1: none). */
  const heldUpTo = new Map<string, number>();
  let batch: Batch | undefined;

  const interrupted = (line: number, reason: string) =>
    new ImportError(
      'import_interrupted',
      line,
      `line ${line}: this ledger changed while importing (${reason}); ` +
        (appended === 0
          ? 'no new event was appended before it. '
          : `${appended} new events were appended before it, up to line ${lastLine}. `) +
        'Importing the same file again completes it if the other writes agree with the file, or names the conflict',
    );

  const flush = async () => {
    if (!batch) return;
    const { streamId, revision, held, lines } = batch;
    if (held) {
      const there = await store.readStream(streamId, { fromRevision: BigInt(revision), maxCount: batch.events.length });
      const differs = batch.events.findIndex((imported, i) => !(there[i] && holdsSameEvent(there[i], imported)));
      if (differs >= 0) throw interrupted(lines[differs]!, `${streamId} revision ${revision + differs} now holds another event`);
    } else {
      const expectedRevision = revision === 0 ? ('no_stream' as const) : BigInt(revision - 1);
      try {
        await store.append(
          streamId,
          batch.events.map((e) => e.stored),
          { expectedRevision },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError)) throw error;
        throw interrupted(lines[0]!, error.message);
      }
      appended += batch.events.length;
    }
    events += batch.events.length;
    lastLine = lines.at(-1)!;
    batch = undefined;
    onProgress?.(events);
  };

  for await (const { envelope, line, bytes } of envelopes(lines)) {
    const { streamId, revision, recordedAt } = envelope;
    let heldTo = heldUpTo.get(streamId);
    if (heldTo === undefined) {
      const current = await store.streamRevision(streamId);
      heldTo = current === 'no_stream' ? -1 : Number(current);
      heldUpTo.set(streamId, heldTo);
    }
    const held = revision <= heldTo;
    const full = batch !== undefined && (batch.events.length >= MAX_BATCH_EVENTS || batch.bytes + bytes > MAX_BATCH_BYTES);
    if (batch && (batch.streamId !== streamId || batch.recordedAt !== recordedAt || batch.held !== held || full)) await flush();
    batch ??= { streamId, revision, held, recordedAt, events: [], lines: [], bytes: 0 };
    batch.events.push(decodeImported(envelope, line));
    batch.lines.push(line);
    batch.bytes += bytes;
  }
  await flush();
  return { events, appended };
};
