import { atOrBefore, type Cutoff, EVERYTHING } from '../../projections/control/knowledge.js';
import { ApplicationError } from '../applicationError.js';
import { type NamedPosition, requireIssued } from './positions.js';
import type { ReadSide } from './readSide.js';

/** A read's knowledge parameters, parsed (DESIGN "Territorial control": the cutoff K). */
export interface KnowledgeParams {
  /** K as a log position: the events up to and including it. */
  readonly asOf?: NamedPosition;
  /** K as an instant (canonical UTC, `toISOString()` form): what was recorded at or before it. */
  readonly knownAt?: string;
  /** Read-your-writes: wait until the read models reflect at least this position. */
  readonly minPosition?: NamedPosition;
}

/** The knowledge an answer is given with. */
export interface Knowledge {
  /**
   * The cutoff to fold with: `EVERYTHING` (the same object) whenever the parameters admit
   * every event the read models reflect, so one test — `cutoff === EVERYTHING` — decides
   * everywhere whether an answer is current knowledge (and the cache applies).
   */
  readonly cutoff: Cutoff;
  /** The log position the read models reflected when the answer was read (`X-Ledger-Position`). */
  readonly position: bigint;
  /** The answer's `asOf`: the position asked for, else `position`. */
  readonly asOf: bigint;
  /** The answer's `knownAt`, as asked (canonical UTC), or null. */
  readonly knownAt: string | null;
}

/**
 * Resolve a read's knowledge cutoff:
 * 1. `asOf` and `minPosition` beyond the head of the log are refused (`position_beyond_head`):
 *    waiting could not help.
 * 2. The read waits until the read models reflect both (an answer "as of p" must include p),
 *    up to `minPositionWaitMs`, else `not_caught_up` (503: retrying is right).
 * 3. The cutoff admits everything the models reflect when `asOf` is at or past what they
 *    reflect and `knownAt` at or after the last event's `recordedAt` — then the answer is
 *    current knowledge, whichever way it was asked (`asOf=<head>`, `knownAt=<now>`, nothing).
 */
export const resolveKnowledge = async (read: ReadSide, params: KnowledgeParams): Promise<Knowledge> => {
  const named = [params.asOf, params.minPosition].filter((p): p is NamedPosition => p !== undefined);
  await requireIssued(read.store, named, read.follower.position);
  const wanted = named.map((p) => p.position).filter((p): p is bigint => p !== undefined);
  const highest = wanted.reduce<bigint | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
  if (highest !== undefined) await catchUp(read, highest);
  const position = read.follower.position;
  const asOf = params.asOf?.position;
  const knownAt = params.knownAt;
  const lastRecordedAt = read.follower.lastRecordedAt;
  const admitsAll =
    (asOf === undefined || asOf >= position) &&
    (knownAt === undefined || (lastRecordedAt !== undefined ? atOrBefore(lastRecordedAt, knownAt) : position === 0n));
  const cutoff: Cutoff = admitsAll
    ? EVERYTHING
    : { ...(asOf !== undefined ? { position: asOf } : {}), ...(knownAt !== undefined ? { instant: knownAt } : {}) };
  return { cutoff, position, asOf: asOf ?? position, knownAt: knownAt ?? null };
};

/**
 * Wait until the read models reflect `position` (a position the store has given out), up to
 * `minPositionWaitMs`; `not_caught_up` when they do not.
 */
export const catchUp = async (read: ReadSide, position: bigint): Promise<void> => {
  if (await read.follower.waitFor(position, read.config.minPositionWaitMs)) return;
  throw new ApplicationError(
    'not_caught_up',
    `the read models reflect position ${read.follower.position}, not yet ${position}; retry shortly`,
  );
};

/** `minPosition` alone, for reads without a knowledge cutoff: refuse beyond the head, then wait. Returns the position reflected. */
export const readYourWrites = async (read: ReadSide, minPosition: NamedPosition | undefined): Promise<bigint> => {
  if (minPosition?.position !== undefined) {
    await requireIssued(read.store, [minPosition], read.follower.position);
    await catchUp(read, minPosition.position);
  }
  return read.follower.position;
};

/**
 * The knowledge to read the read models with, now. A cutoff that admitted everything when it
 * was resolved admits only what the models reflected then (`position`) once the follower has
 * applied more: it goes on applying events between a read's `await` and its reading (the
 * events of one subscription page, a microtask apart), and an answer must be the one its
 * `asOf` names. Call it right before reading the state, with no `await` in between.
 */
export const knowledgeNow = (read: ReadSide, knowledge: Knowledge): Knowledge =>
  knowledge.cutoff === EVERYTHING && read.follower.position !== knowledge.position
    ? { ...knowledge, cutoff: { position: knowledge.position } }
    : knowledge;
