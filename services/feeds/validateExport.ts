import {
  afterEvent,
  emptyHistory,
  inadmissibility,
  isRegistered,
  referencesOf,
  type StreamHistory,
} from '../../domain/admissibility.js';
import { decodeEvent } from '../../domain/events.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import { envelopes } from './envelopes.js';
import { ImportError } from './importError.js';
import { decodeImported, holdsSameEvent } from './importedEvent.js';

/**
 * How far beyond the server clock an imported `recordedAt` may be: the clocks of the
 * exporting and the importing machine differ a little. A stamp further ahead would become the
 * floor of every later stamp (the log's knowledge time never decreases), hiding later writes
 * from `knownAt=<now>`.
 */
export const RECORDED_AT_TOLERANCE_MS = 5_000;

/** Page size of the scan of the target's log for event ids. */
const SCAN_PAGE = 1_000;

export interface ExportCheck {
  /** Envelopes read. */
  readonly events: number;
  /** Events the target does not hold yet: what the import appends. */
  readonly fresh: number;
}

export interface ValidateExportOptions {
  /** The server clock (the app's `now`): stamps beyond it, give or take the tolerance, are refused. */
  readonly now: () => Date;
}

/** One stream of the file, as the check has seen it so far. */
interface StreamSeen {
  /** How many events the target held when the file first named the stream. */
  readonly heldCount: number;
  /** Those events, by revision, until the file has passed them (then released). */
  held: readonly RecordedEvent[];
  /** The revision the stream's next line must have. */
  next: number;
  /** The aggregate's state over the target's events and the file's lines so far. */
  history: StreamHistory;
}

const readTargetStream = async (target: EventStore, streamId: string): Promise<StreamSeen> => {
  let history = emptyHistory(streamId);
  if ((await target.streamRevision(streamId)) === 'no_stream') return { heldCount: 0, held: [], next: 0, history };
  const events = await target.readStream(streamId);
  for (const e of events) {
    const decoded = decodeEvent(e.type, e.schemaVersion, e.data);
    if (decoded.ok) history = afterEvent(history, decoded.event);
  }
  return { heldCount: events.length, held: events, next: events.length, history };
};

/**
 * Check a whole export against a target before anything is written, reading the file as a
 * stream (it may be gigabytes). Everything that can make the import fail is checked here,
 * so a refused import changes nothing:
 * - each line a valid envelope (`envelopes.ts`) whose data its schema accepts (`importedEvent.ts`);
 * - positions strictly increasing; each stream's revisions consecutive, continuing what the
 *   target holds; events the target holds must be the same events (same id, type and data at
 *   that revision: `holdsSameEvent`);
 * - event ids unique in the file, and none of the new events' ids anywhere in the target;
 * - `recordedAt` never decreasing along the file, not beyond the server clock
 *   (`RECORDED_AT_TOLERANCE_MS`), and, for events the target does not hold, not below the
 *   target's last stamp — so the store keeps each stamp as given (README: import keeps recordedAt);
 * - each new event admissible under the ledger's rules given the target and the lines before
 *   it (`domain/admissibility.ts`): a reference must exist in the target or earlier in the file.
 *
 * Memory: the check keeps, per stream of the file, its aggregate state (about the size of its
 * registration, plus a claim's corroborations and disputes) and, until the file has passed
 * them, the events the target held; per line, its event id (some 100 bytes in a Map: about
 * 1 GB for ten million events); and per referenced stream outside the file, whether the
 * target has it. That is the order of the read models the service already holds for a ledger
 * of that size; the file's events themselves are never held.
 *
 * Throws `ImportError` naming the line; resolves with the counts.
 */
export const validateExport = async (
  lines: AsyncIterable<string>,
  target: EventStore,
  options: ValidateExportOptions,
): Promise<ExportCheck> => {
  const latestAllowed = options.now().getTime() + RECORDED_AT_TOLERANCE_MS;
  const targetLast = (await target.readAll({ direction: 'backwards', maxCount: 1 }))[0];
  const streams = new Map<string, StreamSeen>();
  /** Event id → the line that carries it, negated for an event the target already holds. */
  const lineOfId = new Map<string, number>();
  const targetHas = new Map<string, boolean>();
  const exists = async (streamId: string): Promise<boolean> => {
    const seen = streams.get(streamId);
    if (seen) return isRegistered(seen.history);
    let has = targetHas.get(streamId);
    if (has === undefined) {
      has = (await target.streamRevision(streamId)) !== 'no_stream';
      targetHas.set(streamId, has);
    }
    return has;
  };

  let events = 0;
  let fresh = 0;
  let lastPosition = -1n;
  let lastStamp: { readonly ms: number; readonly text: string; readonly line: number } | undefined;
  for await (const { envelope, line } of envelopes(lines)) {
    events++;
    const { streamId, revision, eventId, recordedAt } = envelope;
    const position = BigInt(envelope.position);
    if (position <= lastPosition) {
      throw ImportError.refused('invalid_export', line, `position ${position} does not follow ${lastPosition}`);
    }
    lastPosition = position;

    const stampMs = Date.parse(recordedAt);
    if (lastStamp && stampMs < lastStamp.ms) {
      throw ImportError.refused(
        'invalid_recorded_at',
        line,
        `recordedAt ${recordedAt} is earlier than ${lastStamp.text} on line ${lastStamp.line}: knowledge time never decreases along the log`,
      );
    }
    lastStamp = { ms: stampMs, text: recordedAt, line };

    const earlier = lineOfId.get(eventId);
    if (earlier !== undefined) {
      throw ImportError.refused('invalid_export', line, `event id ${eventId} is already used on line ${Math.abs(earlier)}`);
    }

    const imported = decodeImported(envelope, line);
    const { event } = imported;

    let stream = streams.get(streamId);
    if (!stream) {
      stream = await readTargetStream(target, streamId);
      if (revision > stream.heldCount) {
        const holds = stream.heldCount === 0 ? 'does not hold it' : `holds it only up to ${stream.heldCount - 1}`;
        throw ImportError.refused('invalid_export', line, `${streamId} starts at revision ${revision}, but this ledger ${holds}`);
      }
      streams.set(streamId, stream);
    } else if (revision !== stream.next) {
      throw ImportError.refused('invalid_export', line, `${streamId} revision ${revision} does not follow ${stream.next - 1}`);
    }
    stream.next = revision + 1;

    const there = stream.held[revision];
    if (there !== undefined) {
      if (!holdsSameEvent(there, imported)) {
        const other = there.eventId === eventId ? 'holds other data under this event id' : `is another event (${there.eventId})`;
        throw ImportError.refused('import_conflict', line, `${streamId} revision ${revision} ${other} in this ledger`);
      }
      // Already in the target, where its state was folded in when the stream was read.
      if (revision === stream.heldCount - 1) stream.held = [];
      lineOfId.set(eventId, -line);
      continue;
    }
    lineOfId.set(eventId, line);
    fresh++;

    if (stampMs > latestAllowed) {
      throw ImportError.refused(
        'invalid_recorded_at',
        line,
        `recordedAt ${recordedAt} is beyond this server's clock (${new Date(latestAllowed - RECORDED_AT_TOLERANCE_MS).toISOString()}, tolerance ${RECORDED_AT_TOLERANCE_MS} ms)`,
      );
    }
    if (targetLast && stampMs < Date.parse(targetLast.recordedAt)) {
      throw ImportError.refused(
        'invalid_recorded_at',
        line,
        `recordedAt ${recordedAt} is earlier than this ledger's last event (${targetLast.recordedAt}): appended here, it would have to be raised, and an import keeps recordedAt`,
      );
    }

    const existing = new Set<string>();
    for (const reference of referencesOf(event)) if (await exists(reference)) existing.add(reference);
    const why = inadmissibility(stream.history, event, { existing });
    if (why) {
      const fields = why.fields.length > 0 ? ` (data/${why.fields.join(', data/')})` : '';
      throw ImportError.refused(
        'import_rule_violated',
        line,
        `${event.type} at ${streamId} revision ${revision} breaks the rule ${why.rule}${fields}: ${why.message}`,
      );
    }
    stream.history = afterEvent(stream.history, event);
  }

  if (fresh > 0 && targetLast) await refuseIdsHeldElsewhere(target, lineOfId);
  return { events, fresh };
};

/**
 * The port has no lookup by event id, so the target's log is read once (in pages) and each of
 * its event ids looked up among the file's new events: one the target already holds
 * elsewhere would be refused by SQLite at append time (after earlier lines were written) and
 * stored twice by KurrentDB. Costs one read of the target's log, only when both the target and
 * the new events are non-empty.
 */
const refuseIdsHeldElsewhere = async (target: EventStore, lineOfId: ReadonlyMap<string, number>): Promise<void> => {
  let after = 0n;
  for (;;) {
    const page = await target.readAll({ after, maxCount: SCAN_PAGE });
    for (const e of page) {
      const line = lineOfId.get(e.eventId);
      if (line !== undefined && line > 0) {
        throw ImportError.refused(
          'import_conflict',
          line,
          `event id ${e.eventId} is already in this ledger as ${e.streamId} revision ${e.revision}`,
        );
      }
    }
    const last = page.at(-1);
    if (!last || page.length < SCAN_PAGE) return;
    after = last.position;
  }
};
