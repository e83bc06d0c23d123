/**
 * A PostgreSQL log position: the writing transaction's id (`xid8`, from `pg_current_xact_id()`)
 * in the high bits, the event's sequence within that transaction in the low
 * {@link SEQUENCE_BITS} bits:
 *
 *     position = transaction_id × 2^20 + sequence
 *
 * So positions order exactly as (transaction id, sequence) — the order readers follow (see
 * `logQueries.ts`) — and stay decimal strings that fit a signed 64-bit integer, as the
 * positions API requires (`services/queries/positions.ts`). Bounds: at most 2^20 − 1
 * (1,048,575) events in one append, and transaction ids below 2^43 (8.8 × 10^12 transactions
 * in the cluster's life, ~28 years at 10,000 transactions a second); the append function
 * refuses to write past either rather than give out a position that would not order.
 *
 * A reader's bound: every event of a transaction whose id is below the snapshot's `xmin` has
 * a position below `xmin × 2^20`, so "position < xmin × 2^20" is the transaction-id rule as
 * one index range.
 */
export const SEQUENCE_BITS = 20n;

/** The most events one append may carry (the sequence's range). */
export const MAX_EVENTS_PER_APPEND = 2 ** Number(SEQUENCE_BITS) - 1;

/** The transaction id of a position. */
export const transactionOf = (position: bigint): bigint => position >> SEQUENCE_BITS;
