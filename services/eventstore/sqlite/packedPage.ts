import type { EventMetadata, RecordedEvent } from '../port.js';

/**
 * A row of `events` as the read-ahead reader's worker reads it: `EVENT_COLUMNS` in order, raw
 * (an array, not an object: better-sqlite3 builds arrays in half the time), INTEGERs as bigints.
 */
export type RawEventRow = readonly [
  position: bigint,
  streamId: string,
  revision: bigint,
  eventId: string,
  type: string,
  schemaVersion: bigint,
  data: string,
  metadata: string,
  recordedAt: string,
];

/**
 * A page of the log packed to cross from the reader's worker thread to the thread that folds
 * it (`openSqliteLogReader`) at the least cost to the receiver, who pays for every object a
 * structured clone makes: numbers ride in typed arrays (transferred, not copied); each event's
 * data and metadata JSON ride in one string, cut by lengths and parsed by the receiver (JSON.parse
 * is cheaper than cloning the parsed objects); what repeats from one event to the next (its
 * type, its metadata, its `recordedAt`) is sent once per page. Nothing is parsed in the worker.
 *
 * A page stands alone: no dictionary spans pages, so one can be dropped unread.
 */
export interface PackedPage {
  readonly count: number;
  /** Per event, `[position, revision]`. */
  readonly integers: BigInt64Array;
  /** Per event, `[index into types, schemaVersion]`. */
  readonly small: Float64Array;
  /** Per event, `[data length, metadata length]` in UTF-16 code units; a metadata length of −1: the previous event's metadata. */
  readonly lengths: Int32Array;
  /** The data and metadata JSON texts, event after event. */
  readonly text: string;
  /** Per event, `[streamId, eventId]`. */
  readonly ids: readonly string[];
  /** The page's distinct types. */
  readonly types: readonly string[];
  /** `[event index, recordedAt]` pairs, flattened: each event's `recordedAt` is the last one given at or before its index. */
  readonly recordedAt: readonly (number | string)[];
}

/** SAME_METADATA as a `lengths` entry: the event's metadata is its predecessor's in the page. */
const SAME_METADATA = -1;

/** Pack raw rows, in log order, into one {@link PackedPage}. Pure. */
export const packPage = (rows: readonly RawEventRow[]): PackedPage => {
  const count = rows.length;
  const integers = new BigInt64Array(count * 2);
  const small = new Float64Array(count * 2);
  const lengths = new Int32Array(count * 2);
  const texts: string[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const recordedAt: (number | string)[] = [];
  let previousMetadata: string | undefined;
  let previousRecordedAt: string | undefined;
  for (let i = 0; i < count; i++) {
    const [position, streamId, revision, eventId, type, schemaVersion, data, metadata, at] = rows[i]!;
    integers[2 * i] = position;
    integers[2 * i + 1] = revision;
    let index = typeIndex.get(type);
    if (index === undefined) {
      index = types.length;
      types.push(type);
      typeIndex.set(type, index);
    }
    small[2 * i] = index;
    small[2 * i + 1] = Number(schemaVersion);
    ids.push(streamId, eventId);
    texts.push(data);
    lengths[2 * i] = data.length;
    if (metadata === previousMetadata) {
      lengths[2 * i + 1] = SAME_METADATA;
    } else {
      texts.push(metadata);
      lengths[2 * i + 1] = metadata.length;
      previousMetadata = metadata;
    }
    if (at !== previousRecordedAt) {
      recordedAt.push(i, at);
      previousRecordedAt = at;
    }
  }
  return { count, integers, small, lengths, text: texts.join(''), ids, types, recordedAt };
};

/**
 * The events of a {@link PackedPage}, as `toRecordedEvent` would have made them from the rows.
 * Events with the same metadata as their predecessor share one parsed metadata object (read
 * models only read it).
 *
 * @throws SyntaxError when an event's data or metadata is not JSON (as `toRecordedEvent` does).
 */
export const unpackPage = (page: PackedPage): RecordedEvent[] => {
  const { count, integers, small, lengths, text, ids, types, recordedAt } = page;
  const events = new Array<RecordedEvent>(count);
  let offset = 0;
  let metadata: EventMetadata | undefined;
  let at = '';
  let nextAt = 0;
  for (let i = 0; i < count; i++) {
    if (nextAt < recordedAt.length && recordedAt[nextAt] === i) {
      at = recordedAt[nextAt + 1] as string;
      nextAt += 2;
    }
    const dataLength = lengths[2 * i]!;
    const data: unknown = JSON.parse(text.slice(offset, offset + dataLength));
    offset += dataLength;
    const metadataLength = lengths[2 * i + 1]!;
    if (metadataLength !== SAME_METADATA) {
      metadata = JSON.parse(text.slice(offset, offset + metadataLength)) as EventMetadata;
      offset += metadataLength;
    }
    events[i] = {
      position: integers[2 * i]!,
      streamId: ids[2 * i]!,
      revision: integers[2 * i + 1]!,
      eventId: ids[2 * i + 1]!,
      type: types[small[2 * i]!]!,
      schemaVersion: small[2 * i + 1]!,
      recordedAt: at,
      data,
      // Set by the first event: a page's first event never shares its predecessor's.
      metadata: metadata!,
    };
  }
  return events;
};
