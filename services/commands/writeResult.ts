/** Where a write left one stream: its revision and the log position of its last event. */
export interface StreamWrite {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/**
 * The answer to a command: its value (where the write left each stream it touched), and how
 * it came about. The HTTP layer turns the flags into a status: 201 when `created` or
 * `replayed`, else 200 (an identical repeat: nothing to append).
 */
export interface WriteResult<T = StreamWrite> {
  readonly value: T;
  /** This call appended events. */
  readonly created: boolean;
  /**
   * The Idempotency-Key was used before for this very request: `value` is the first answer,
   * rebuilt from the idempotency index (the first attempt's, or a twin's that landed while
   * this one decided), or — when it could not be rebuilt — decided again on deterministic ids.
   */
  readonly replayed: boolean;
  /** The answer is that of a twin request (the same key and request) that landed while this one decided. */
  readonly twin: boolean;
  /**
   * The revision of the one stream written, after the write (its entity tag): after this
   * call, or — on a replay — after the first answer's write, which the replay repeats; absent
   * for writes to several streams.
   */
  readonly revision?: bigint;
}
