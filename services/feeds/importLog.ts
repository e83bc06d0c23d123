import { DuplicateEventIdError, WrongExpectedRevisionError } from '../eventstore/errors.js';
import type { EventStore, NewEvent } from '../eventstore/port.js';
import { envelopes } from './envelopes.js';
import { ImportError } from './importError.js';
import { decodeImported } from './importedEvent.js';

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
  /** Whether the target held these events before the import (they are re-sent and recognised by id). */
  readonly held: boolean;
  readonly recordedAt: string;
  /** The lines of its first and last event. */
  readonly line: number;
  lastLine: number;
  readonly events: NewEvent[];
  bytes: number;
}

/**
 * Append an export that `validateExport` accepted, keeping event ids, streams, revisions,
 * order and knowledge time (`recordedAt`). Each event is stored as its schema produced it
 * (`importedEvent.ts`). An import is a replay, not a merge: each batch is appended at exactly
 * its revision, so it either lands there or fails.
 *
 * Consecutive events of one stream with one stamp are appended together (one durable commit;
 * the store gives one append one stamp). Events the target already held are sent again in
 * batches of their own and recognised by id, so running an import twice adds nothing, and
 * running it again after an interruption completes it.
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

  const flush = async () => {
    if (!batch) return;
    const { streamId, revision, held } = batch;
    const expectedRevision = revision === 0 ? ('no_stream' as const) : BigInt(revision - 1);
    try {
      await store.append(streamId, batch.events, { expectedRevision });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError)) throw error;
      throw new ImportError(
        'import_interrupted',
        batch.line,
        `line ${batch.line}: this ledger changed while importing (${error.message}); ` +
          (appended === 0
            ? 'no new event was appended before it. '
            : `${appended} new events were appended before it, up to line ${lastLine}. `) +
          'Importing the same file again completes it if the other writes agree with the file, or names the conflict',
      );
    }
    if (!held) appended += batch.events.length;
    events += batch.events.length;
    lastLine = batch.lastLine;
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
    const { stored } = decodeImported(envelope, line);
    batch ??= { streamId, revision, held, recordedAt, line, lastLine: line, events: [], bytes: 0 };
    batch.events.push(stored);
    batch.lastLine = line;
    batch.bytes += bytes;
  }
  await flush();
  return { events, appended };
};
