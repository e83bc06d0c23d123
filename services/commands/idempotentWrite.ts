import { type IdempotencyRecord, idempotencyId } from '../../projections/idempotency.js';
import { ApplicationError } from '../applicationError.js';
import type { WriteContext } from './writeContext.js';
import type { StreamWrite, WriteResult } from './writeResult.js';
import type { WriteSide } from './writeSide.js';

/** What one run of a write decided: its value, whether it appended, and the one stream's revision after it. */
export interface Attempt<T> {
  readonly value: T;
  readonly created: boolean;
  readonly revision?: bigint;
}

/** How long a keyed write waits for the idempotency index to reach the head of the log. */
const INDEX_WAIT_MS = 5_000;

/**
 * The entity tag of a replayed first answer: the revision its one stream had after the first
 * write (a replay repeats the first answer, headers included — not the stream as it is now).
 */
const firstRevision = (writes: readonly StreamWrite[]): { revision?: bigint } =>
  writes.length === 1 ? { revision: writes[0]!.revision } : {};

/**
 * The idempotency pipeline every write shares (draft-ietf-httpapi-idempotency-key-header).
 * Without a key, `run` decides and appends. With one:
 * - the key already used by this principal for another request: `idempotency_key_reused`,
 *   nothing written;
 * - used for this request: the first answer, rebuilt by `replay` from the index of what the
 *   first attempt appended, without deciding again; when it cannot be rebuilt (`replay`
 *   answers undefined), `run` runs again — its deterministic event ids make that safe — and
 *   the answer is still marked `replayed`.
 *
 * Two identical keyed requests can pass the index check together (sent at the same moment,
 * or to two replicas). Their events carry ids derived from the key, so when both decide on
 * the same state the store keeps one append and answers the other as its retry. When one
 * decides only after its twin landed, its decision differs (nothing to do, or a rule
 * conflict such as "already retracted"): before answering that, the index is read again at
 * the new head, and a first answer for the same request found there is replayed instead.
 */
export const idempotentWrite = async <T>(
  side: WriteSide,
  write: WriteContext,
  run: () => Promise<Attempt<T>>,
  replay: (writes: readonly StreamWrite[]) => T | undefined,
): Promise<WriteResult<T>> => {
  const idempotency = write.idempotency;
  if (!idempotency) return { ...(await run()), replayed: false, twin: false };

  /** The index's record of this key once it reflects the head of the log. */
  const recordOfKey = async (): Promise<IdempotencyRecord | undefined> => {
    // The index is a fold of the log: let it reach the head so a retry sees the first write.
    await side.follower.waitFor(await side.store.headPosition(), INDEX_WAIT_MS);
    return side.follower.state.idempotency.get(idempotencyId(write.principal, idempotency.key));
  };

  const record = await recordOfKey();
  if (record) {
    if (record.requestHash !== idempotency.requestHash) {
      throw new ApplicationError(
        'idempotency_key_reused',
        'this Idempotency-Key was already used for a different request; use a new key for a new request',
      );
    }
    const first = replay(record.writes);
    if (first !== undefined)
      return { value: first, created: false, replayed: true, twin: false, ...firstRevision(record.writes) };
    return { ...(await run()), replayed: true, twin: false };
  }

  /** A twin request with the same key that landed while this one decided: its answer, if any. */
  const twinAnswer = async (): Promise<WriteResult<T> | undefined> => {
    const landed = await recordOfKey().catch(() => undefined);
    if (landed === undefined || landed.requestHash !== idempotency.requestHash) return undefined;
    const first = replay(landed.writes);
    return first === undefined
      ? undefined
      : { value: first, created: false, replayed: true, twin: true, ...firstRevision(landed.writes) };
  };

  let attempt: Attempt<T>;
  try {
    attempt = await run();
  } catch (error) {
    const twin = await twinAnswer();
    if (twin === undefined) throw error;
    return twin;
  }
  if (!attempt.created) {
    const twin = await twinAnswer();
    if (twin !== undefined) return twin;
  }
  return { ...attempt, replayed: false, twin: false };
};
