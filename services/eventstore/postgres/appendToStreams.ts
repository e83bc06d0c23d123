import type pg from 'pg';
import { combinedRetry } from '../appendChecks.js';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, StreamAppend } from '../port.js';
import { MAX_EVENTS_PER_APPEND } from './positions.js';

/** What the append function answered (see `schema.ts`, `sijill.append_events`). */
export interface Appended {
  readonly results: AppendResult[];
  /** Transactions that started before this append and were still running: readers wait for them. */
  readonly blockers: readonly bigint[];
}

interface FunctionRow {
  heads: string[];
  head_positions: string[];
  base: string;
  blockers: string[];
}

interface PlaceRow {
  event_id: string;
  stream_id: string;
  revision: string;
  position: string;
}

const APPEND = 'SELECT heads, head_positions, base, blockers FROM sijill.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9)';

/** `UNIQUE (event_id)` fired: another writer put one of these ids in the log between our check and our insert. */
const isEventIdRace = (error: unknown): boolean =>
  (error as { code?: unknown }).code === '23505' && (error as { constraint?: unknown }).constraint === 'events_event_id_key';

const sqlState = (error: unknown): unknown => (error as { code?: unknown }).code;

/**
 * Append to one or more streams in one transaction — one call of `sijill.append_events`,
 * one round trip. The caller has checked the port's preconditions (`checkAppend`,
 * `checkAppendMulti`). Each stream's events get consecutive revisions; the call's events get
 * consecutive positions in the order given. When some id is already in the log, nothing is
 * written and the call is answered as a retry or refused as a duplicate (`resolveRetries`).
 */
export const appendToStreams = async (client: pg.ClientBase, appends: readonly StreamAppend[]): Promise<Appended> => {
  const eventCount = appends.reduce((n, { events }) => n + events.length, 0);
  if (eventCount > MAX_EVENTS_PER_APPEND)
    throw new RangeError(`an append may carry at most ${MAX_EVENTS_PER_APPEND} events (PostgreSQL positions), got ${eventCount}`);
  const flat = appends.flatMap(({ events }, s) => events.map((event) => ({ s: s + 1, event })));
  // An import carries the original ledger's knowledge time; the function keeps it non-decreasing.
  const requested = appends.find(({ events }) => events.length > 0)?.events[0]?.recordedAt;
  const values = [
    appends.map(({ streamId }) => streamId),
    appends.map(({ expectedRevision = 'any' }) => expectedRevision.toString()),
    flat.map(({ s }) => s),
    flat.map(({ event }) => event.eventId),
    flat.map(({ event }) => event.type),
    flat.map(({ event }) => event.schemaVersion),
    flat.map(({ event }) => JSON.stringify(event.data ?? null)),
    flat.map(({ event }) => JSON.stringify(event.metadata)),
    requested ?? null,
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      const { rows } = await client.query<FunctionRow>(APPEND, values);
      return { results: resultsOf(appends, rows[0]!), blockers: rows[0]!.blockers.map(BigInt) };
    } catch (error) {
      const code = sqlState(error);
      if (code === 'SJ001') throw wrongExpectedRevision(appends, error);
      if (code === 'SJ002' || (isEventIdRace(error) && attempt > 0))
        return { results: await resolveRetries(client, appends), blockers: [] };
      // A concurrent writer took one of the ids after our check (the function of schema versions
      // 1–2; since 3 its insert reports it as SJ002): ask again, the ids are now visible.
      if (isEventIdRace(error)) continue;
      throw error;
    }
  }
};

const resultsOf = (appends: readonly StreamAppend[], row: FunctionRow): AppendResult[] => {
  const base = BigInt(row.base);
  let offset = 0n;
  return appends.map(({ events }, i) => {
    const head = BigInt(row.heads[i]!);
    if (events.length === 0) return { nextExpectedRevision: head, position: BigInt(row.head_positions[i]!) };
    offset += BigInt(events.length);
    return { nextExpectedRevision: head + BigInt(events.length), position: base + offset - 1n };
  });
};

const wrongExpectedRevision = (appends: readonly StreamAppend[], error: unknown): WrongExpectedRevisionError => {
  const [index = '0', actual = '-1'] = String((error as { detail?: unknown }).detail ?? '').split(':');
  const { streamId, expectedRevision = 'any' } = appends[Number(index)]!;
  return new WrongExpectedRevisionError(streamId, expectedRevision, actual === '-1' ? 'no_stream' : BigInt(actual));
};

/**
 * Some ids of this call are already in the log (they are committed, so this answer holds):
 * - each stream's events are exactly consecutive events of that stream, in order: a retry,
 *   answered with the original results;
 * - anything else (some missing, another stream, another order): `DuplicateEventIdError`.
 */
const resolveRetries = async (client: pg.ClientBase, appends: readonly StreamAppend[]): Promise<AppendResult[]> => {
  const retried = combinedRetry(appends, await retriesOf(client, appends));
  if (!retried) throw new Error('unreachable: an event id was in the log, but none of this call');
  return retried;
};

/** Each stream's retry status, as `append` alone would answer it (see `combinedRetry`). */
const retriesOf = async (client: pg.ClientBase, appends: readonly StreamAppend[]): Promise<(AppendResult | undefined)[]> => {
  const ids = appends.flatMap(({ events }) => events.map((event) => event.eventId));
  const { rows } = await client.query<PlaceRow>(
    'SELECT event_id, stream_id, revision, position FROM sijill.events WHERE event_id = ANY ($1::text[])',
    [ids],
  );
  const places = new Map(rows.map((row) => [row.event_id, row]));
  return appends.map(({ streamId, events }) => {
    if (events.length === 0) return undefined;
    const found = events.map((event) => places.get(event.eventId));
    const firstKnown = found.findIndex((place) => place !== undefined);
    if (firstKnown === -1) return undefined;
    const first = found[0];
    const isRetry =
      first !== undefined &&
      found.every(
        (place, i) =>
          place !== undefined && place.stream_id === streamId && BigInt(place.revision) === BigInt(first.revision) + BigInt(i),
      );
    if (!isRetry) throw new DuplicateEventIdError(streamId, events[firstKnown]!.eventId);
    const last = found.at(-1)!;
    return { nextExpectedRevision: BigInt(last.revision), position: BigInt(last.position) };
  });
};
