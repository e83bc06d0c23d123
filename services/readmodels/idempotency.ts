import type { RecordedEvent } from '../eventstore/port.js';

/**
 * Idempotency records, derived from the log itself: a write made with an `Idempotency-Key`
 * stamps the key and a hash of the request on its events' metadata. Because the index is a
 * fold of the log, it survives crashes exactly as the writes do, and every replica that
 * follows the log agrees on it — no side table can disagree with the ledger.
 */
export interface IdempotentWrite {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

export interface IdempotencyRecord {
  readonly requestHash: string;
  readonly writes: IdempotentWrite[];
}

export const IDEMPOTENCY_KEY = 'idempotencyKey';
export const REQUEST_HASH = 'requestHash';

const scoped = (principal: string, key: string) => `${principal}\u0000${key}`;

export class IdempotencyIndex {
  readonly #records = new Map<string, IdempotencyRecord>();

  apply(event: RecordedEvent): void {
    const key = event.metadata[IDEMPOTENCY_KEY];
    const hash = event.metadata[REQUEST_HASH];
    if (typeof key !== 'string' || typeof hash !== 'string') return;
    const id = scoped(event.metadata.principal, key);
    let record = this.#records.get(id);
    if (!record) {
      record = { requestHash: hash, writes: [] };
      this.#records.set(id, record);
    }
    const write = { streamId: event.streamId, revision: event.revision, position: event.position };
    // One append per stream: keep the last event of each stream the request wrote to.
    const same = record.writes.findIndex((w) => w.streamId === event.streamId);
    if (same === -1) record.writes.push(write);
    else record.writes[same] = write;
  }

  find(principal: string, key: string): IdempotencyRecord | undefined {
    return this.#records.get(scoped(principal, key));
  }
}
