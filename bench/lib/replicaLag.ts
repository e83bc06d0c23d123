import type { NewEvent } from '../../services/eventstore/port.js';
import { eventsOf } from './appenders.js';
import { random } from './events.js';

/**
 * One round of the `pg-subscribe-lag` figure, the same for sijill and its baseline: `writers`
 * writers, each appending one event at a time through its own replica (writer w through replica
 * w mod `replicas`), paced together to `rate` events/s for `seconds`; a subscriber on every
 * replica records when each event reaches it. Latency = delivery − acknowledgement of the append
 * that wrote it, for every (subscriber, event) pair, on one clock (one process).
 */
export interface LagSide {
  /** Append `event` as writer `writer`'s `seq`-th event (from 0); resolves once acknowledged. */
  append(writer: number, seq: number, event: NewEvent): Promise<void>;
  /** Start one subscriber per replica, after what is written so far; `deliver` is called per event, in delivery order. */
  subscribe(deliver: (replica: number, eventId: string) => void): Promise<void>;
  /** Stop the subscribers. */
  unsubscribe(): Promise<void>;
}

export interface LagOptions {
  readonly replicas: number;
  readonly writers: number;
  /** Events per second, all writers together. */
  readonly rate: number;
  readonly seconds: number;
  /** How long to wait for every delivery after the last acknowledgement. @defaultValue 30000 */
  readonly settleMs?: number;
}

export interface Latencies {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly samples: number;
  /** Deliveries that came before the append's acknowledgement (negative latencies, kept in the distribution). */
  readonly beforeAck: number;
}

export interface LagResult {
  readonly scheduled: number;
  readonly sent: number;
  readonly acknowledged: number;
  readonly failedAppends: number;
  /** Appends sent per second over the schedule, and the worst lateness of a send, ms. */
  readonly sentRate: number;
  readonly maxLateMs: number;
  /** Every (subscriber, event) pair; those on the replica that wrote the event; those on the others. */
  readonly all: Latencies;
  readonly sameReplica: Latencies;
  readonly otherReplicas: Latencies;
  /** Append call → delivery, every pair. */
  readonly fromSend: Latencies;
  /** Append call → acknowledgement. */
  readonly ack: Latencies;
  /** Subscribers that received every acknowledged event exactly once and nothing else. */
  readonly complete: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly foreign: number;
  /** Whether every subscriber received the events in one and the same order. */
  readonly sameOrder: boolean;
  /** All delivered this long after the last acknowledgement, ms. */
  readonly settledMs: number;
}

const nearestRank = (sorted: Float64Array, p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

const latencies = (xs: number[]): Latencies => {
  const sorted = Float64Array.from(xs).sort();
  return {
    p50: nearestRank(sorted, 0.5),
    p99: nearestRank(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    samples: sorted.length,
    beforeAck: xs.filter((x) => x < 0).length,
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export const lagRound = async (side: LagSide, options: LagOptions): Promise<LagResult> => {
  const { replicas, writers, rate, seconds } = options;
  const scheduled = Math.round(rate * seconds);
  const next = eventsOf(random(7));
  const events = Array.from({ length: scheduled }, () => next(1)[0]!);
  const index = new Map(events.map((e, k) => [e.eventId, k]));
  const sentAt = new Float64Array(scheduled).fill(Number.NaN);
  const ackAt = new Float64Array(scheduled).fill(Number.NaN);
  const deliveredAt = Array.from({ length: replicas }, () => new Float64Array(scheduled).fill(Number.NaN));
  const orders = Array.from({ length: replicas }, () => [] as number[]);
  let duplicates = 0;
  let foreign = 0;
  await side.subscribe((replica, eventId) => {
    const now = performance.now();
    const k = index.get(eventId);
    if (k === undefined) {
      foreign++;
      return;
    }
    if (!Number.isNaN(deliveredAt[replica]![k]!)) duplicates++;
    else deliveredAt[replica]![k] = now;
    orders[replica]!.push(k);
  });

  // Slot k is sent at start + k / rate by writer k mod writers; a writer never has two appends in flight.
  const start = performance.now() + 20;
  let failedAppends = 0;
  let maxLateMs = 0;
  let lastSend = start;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let k = w, seq = 0; k < scheduled; k += writers, seq++) {
        const due = start + (k * 1000) / rate;
        await sleep(due - performance.now());
        const sent = performance.now();
        maxLateMs = Math.max(maxLateMs, sent - due);
        lastSend = Math.max(lastSend, sent);
        sentAt[k] = sent;
        try {
          await side.append(w, seq, events[k]!);
          ackAt[k] = performance.now();
        } catch {
          failedAppends++;
        }
      }
    }),
  );
  const lastAck = performance.now();
  const acknowledged = ackAt.filter((t) => !Number.isNaN(t)).length;
  const everyoneHasAll = () => deliveredAt.every((times) => times.every((t, k) => Number.isNaN(ackAt[k]!) || !Number.isNaN(t)));
  // Checked every 10 ms, up to the deadline: the settle time is reported, and a miss shows as missing events.
  const deadline = lastAck + (options.settleMs ?? 30_000);
  while (!everyoneHasAll() && performance.now() < deadline) await sleep(10);
  const settledMs = performance.now() - lastAck;
  await side.unsubscribe();

  const all: number[] = [];
  const same: number[] = [];
  const other: number[] = [];
  const fromSend: number[] = [];
  let missing = 0;
  let complete = 0;
  for (const [replica, times] of deliveredAt.entries()) {
    let gaps = 0;
    for (let k = 0; k < scheduled; k++) {
      if (Number.isNaN(ackAt[k]!)) continue;
      if (Number.isNaN(times[k]!)) {
        gaps++;
        continue;
      }
      const latency = times[k]! - ackAt[k]!;
      all.push(latency);
      (k % writers) % replicas === replica ? same.push(latency) : other.push(latency);
      fromSend.push(times[k]! - sentAt[k]!);
    }
    missing += gaps;
    if (gaps === 0 && orders[replica]!.length === acknowledged) complete++;
  }
  const first = orders[0]!.join(',');
  return {
    scheduled,
    sent: sentAt.filter((t) => !Number.isNaN(t)).length,
    acknowledged,
    failedAppends,
    sentRate: (scheduled * 1000) / Math.max(1, lastSend - start + 1000 / rate),
    maxLateMs,
    all: latencies(all),
    sameReplica: latencies(same),
    otherReplicas: latencies(other),
    fromSend: latencies(fromSend),
    ack: latencies(Array.from(ackAt, (t, k) => t - sentAt[k]!).filter((x) => !Number.isNaN(x))),
    complete,
    missing,
    duplicates,
    foreign,
    sameOrder: orders.every((order) => order.join(',') === first),
    settledMs,
  };
};
