import type { Envelope, Projection } from './envelope.js';

/**
 * Idempotency records, folded from the log itself: a write made with an `Idempotency-Key`
 * stamps the key and a hash of the request on its events' metadata. Because the index is a
 * fold of the log, it survives crashes exactly as the writes do, and every replica that
 * follows the log agrees on it — no side table can disagree with the ledger.
 */
export const IDEMPOTENCY_KEY = 'idempotencyKey';
export const REQUEST_HASH = 'requestHash';

export interface IdempotentWrite {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

export interface IdempotencyRecord {
  readonly requestHash: string;
  /** The last event the request appended to each stream it wrote, in the order written. */
  readonly writes: IdempotentWrite[];
}

/** Keyed by principal and key: two principals may use the same key independently. */
export type IdempotencyState = Map<string, IdempotencyRecord>;

export const idempotencyId = (principal: string, key: string) => `${principal}\u0000${key}`;

export const idempotencyProjection: Projection<IdempotencyState> = {
  name: 'idempotency',
  version: 1,
  initialState: () => new Map(),
  evolve(state, { metadata, principal, streamId, revision, position }: Envelope) {
    const key = metadata[IDEMPOTENCY_KEY];
    const hash = metadata[REQUEST_HASH];
    if (typeof key !== 'string' || typeof hash !== 'string') return state;
    const id = idempotencyId(principal, key);
    let record = state.get(id);
    if (!record) {
      record = { requestHash: hash, writes: [] };
      state.set(id, record);
    }
    const write = { streamId, revision, position };
    const same = record.writes.findIndex((w) => w.streamId === streamId);
    if (same === -1) record.writes.push(write);
    else record.writes[same] = write;
    return state;
  },
};
