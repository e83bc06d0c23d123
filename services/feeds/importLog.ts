import { z } from 'zod';
import { decodeEvent } from '../../domain/events.js';
import type { EventStore, NewEvent } from '../eventstore/port.js';

/**
 * Import an export (NDJSON envelopes) into a ledger, keeping event ids, streams, revisions,
 * order and knowledge time (`recordedAt`). Each event is appended at exactly its revision,
 * so an import is a replay, not a merge: a stream that already holds other events there is a
 * conflict. Importing the same export twice adds nothing — the event ids are recognised.
 */
const ImportedEnvelope = z.strictObject({
  position: z.string().regex(/^\d{1,20}$/),
  streamId: z.string().min(1).max(200),
  revision: z.number().int().min(0),
  eventId: z.uuid(),
  type: z.string().min(1).max(200),
  schemaVersion: z.number().int().min(1),
  recordedAt: z.iso.datetime(),
  data: z.unknown(),
  metadata: z.looseObject({ principal: z.string(), correlationId: z.string(), causationId: z.string() }),
});
type ImportedEnvelope = z.infer<typeof ImportedEnvelope>;

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly line: number,
    message: string,
    /** The export is well formed but the ledger holds other history where it would go. */
    readonly conflict = false,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const parseLine = (text: string, line: number): ImportedEnvelope => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError(line, 'not valid JSON');
  }
  const parsed = ImportedEnvelope.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportError(line, `${issue.path.join('.') || 'envelope'}: ${issue.message}`);
  }
  return parsed.data;
};

async function* envelopes(
  lines: AsyncIterable<string>,
): AsyncGenerator<{ envelope: ImportedEnvelope; line: number; text: string }> {
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    yield { envelope: parseLine(text, line), line, text };
  }
}

/** One append per batch; kept well under KurrentDB's default 1 MiB per append. */
const MAX_BATCH_EVENTS = 500;
const MAX_BATCH_BYTES = 512 * 1024;

export interface ImportSummary {
  /** Envelopes read. */
  readonly events: number;
  /** Events the target did not hold before. */
  readonly appended: number;
}

/** The event ids a target stream already holds, by revision (read once per stream). */
const heldIds = async (store: EventStore, streamId: string): Promise<string[]> =>
  (await store.streamRevision(streamId)) === 'no_stream' ? [] : (await store.readStream(streamId)).map((e) => e.eventId);

/**
 * Check a whole export before anything is written: every line a valid envelope, positions
 * strictly increasing, each stream's revisions consecutive, and — against the target — each
 * stream continuing what the target holds (events it already has must be the same events).
 * A bad export, or one that does not fit the target, changes nothing.
 */
export const validateExport = async (lines: AsyncIterable<string>, target?: EventStore): Promise<number> => {
  let count = 0;
  let lastPosition = -1n;
  const nextRevision = new Map<string, number>();
  const held = new Map<string, string[]>();
  for await (const { envelope, line } of envelopes(lines)) {
    const position = BigInt(envelope.position);
    if (position <= lastPosition) throw new ImportError(line, `position ${position} does not follow ${lastPosition}`);
    lastPosition = position;
    const { streamId, revision } = envelope;
    const expected = nextRevision.get(streamId);
    if (expected !== undefined && revision !== expected) {
      throw new ImportError(line, `${streamId} revision ${revision} does not follow ${expected - 1}`);
    }
    nextRevision.set(streamId, revision + 1);
    // The import is an edge: every event of a known type must match its schema, since the
    // read models trust what is stored. Unknown types are kept (a newer sijill's events).
    const decoded = decodeEvent(envelope.type, envelope.schemaVersion, envelope.data);
    if (!decoded.ok && decoded.reason !== 'unknown_type') throw new ImportError(line, `${envelope.type}: ${decoded.message}`);
    if (target) {
      let ids = held.get(streamId);
      if (!ids) {
        ids = await heldIds(target, streamId);
        held.set(streamId, ids);
      }
      if (expected === undefined && revision > ids.length) {
        throw new ImportError(
          line,
          `${streamId} starts at revision ${revision}, but this ledger holds it only up to ${ids.length - 1}`,
        );
      }
      const there = ids[revision];
      if (there !== undefined && there !== envelope.eventId) {
        throw new ImportError(line, `${streamId} revision ${revision} is another event in this ledger (${there})`, true);
      }
    }
    count++;
  }
  return count;
};

const toNewEvent = (e: ImportedEnvelope): NewEvent => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata as NewEvent['metadata'],
  recordedAt: e.recordedAt,
});

/**
 * Append the export. Consecutive events of one stream recorded together are appended
 * together (one durable commit), at the revision they had.
 */
export const importLog = async (
  store: EventStore,
  lines: AsyncIterable<string>,
  onProgress?: (events: number) => void,
): Promise<ImportSummary> => {
  let events = 0;
  let appended = 0;
  let batch: ImportedEnvelope[] = [];
  let batchBytes = 0;
  const flush = async () => {
    const first = batch[0];
    if (!first) return;
    const expectedRevision = first.revision === 0 ? ('no_stream' as const) : BigInt(first.revision - 1);
    const current = await store.streamRevision(first.streamId);
    const held = current === 'no_stream' ? -1 : Number(current);
    await store.append(first.streamId, batch.map(toNewEvent), { expectedRevision });
    // Events at revisions the stream already held were recognised by id, not appended again.
    appended += Math.max(0, first.revision + batch.length - 1 - Math.max(held, first.revision - 1));
    events += batch.length;
    batch = [];
    batchBytes = 0;
    onProgress?.(events);
  };
  for await (const { envelope, text } of envelopes(lines)) {
    const last = batch.at(-1);
    const full = batch.length >= MAX_BATCH_EVENTS || batchBytes + text.length > MAX_BATCH_BYTES;
    if (last && (last.streamId !== envelope.streamId || last.recordedAt !== envelope.recordedAt || full)) await flush();
    batch.push(envelope);
    batchBytes += text.length;
  }
  await flush();
  return { events, appended };
};
