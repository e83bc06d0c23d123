import { Agent, type ClientRequest, request as httpRequest } from 'node:http';
import { claimBodies } from './claims.js';

/**
 * The client side of the SSE fan-out figure: `subscribers` real HTTP clients on
 * `GET /v1/subscribe` (plain node:http, the event stream parsed here) and a paced appender
 * (`POST /v1/claims`), all in this process — so the acknowledgement of an append and its
 * delivery to each subscriber are timed on one clock — while the server runs in another.
 *
 * The latency of one delivery is (when the subscriber's socket handed over the chunk that
 * completed the event) − (when the 201 answering its append was read in full). Every append
 * is one `ClaimRecorded` event, so the positions acknowledged are the positions every
 * subscriber must receive: each subscriber's record is checked for gaps, duplicates, order and
 * foreign events, and one subscriber parses every envelope and checks it against the 201.
 */

export interface FanoutOptions {
  readonly url: string;
  readonly subscribers: number;
  /** Appends per second: the appender paces itself, and stops after `seconds` (at most `rate × seconds` appends). */
  readonly rate: number;
  readonly seconds: number;
  /** Distinguishes this round's claim ids from other rounds'. */
  readonly tag: string;
  /** Appends in flight at most: past it the appender falls behind schedule (reported) rather than queueing. */
  readonly maxInFlight?: number;
  /** How long to wait, after the last acknowledgement, for every subscriber to have every event. */
  readonly settleMs?: number;
}

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface FanoutResult {
  readonly subscribers: number;
  /** Appends answered 201, and those that were not (other statuses and errors). */
  readonly appended: number;
  readonly failedAppends: number;
  /** The positions acknowledged: first and last, and whether they are every position between. */
  readonly firstPosition: number;
  readonly lastPosition: number;
  readonly contiguous: boolean;
  /** Appends scheduled (rate × seconds) and sent within the `seconds`. */
  readonly scheduled: number;
  readonly sent: number;
  /** Appends sent per second over the sending window; 201s per second from the start to the last 201; the appender's worst lateness. */
  readonly sentRate: number;
  readonly ackedRate: number;
  readonly maxLateMs: number;
  /** Append round trip (send → 201 read), ms. */
  readonly ack: Percentiles;
  /** Acknowledgement → delivery, every (subscriber, event) pair, ms; negative when delivered before the 201 was read. */
  readonly latency: Percentiles & { readonly samples: number; readonly beforeAck: number; readonly min: number };
  /** Acknowledgement → delivery to the last of the subscribers, per event, ms. */
  readonly lastSubscriber: Percentiles;
  /** The range of the subscribers' own p99s. */
  readonly subscriberP99: { readonly min: number; readonly max: number };
  /** Subscribers that received every acknowledged position exactly once, in order, and nothing else. */
  readonly complete: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly outOfOrder: number;
  readonly foreign: number;
  /** Streams the server ended or cut before the round was over. */
  readonly dropped: number;
  /** Envelopes parsed by the checking subscriber, and those that disagreed with their 201. */
  readonly envelopesChecked: number;
  readonly envelopeMismatches: number;
  /** Mean size of one event on the wire (id, event and data lines). */
  readonly bytesPerEvent: number;
  /** Delivery finished this long after the last acknowledgement, ms. */
  readonly settledMs: number;
}

const BLANK_LINE = Buffer.from('\n\n');
const EMPTY = Buffer.alloc(0);
const [I, D, R, ZERO, NINE] = [...Buffer.from('idr09')] as [number, number, number, number, number];

const nearestRank = (sorted: Float64Array, p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

const percentiles = (xs: Float64Array): Percentiles => {
  const sorted = xs.sort();
  return { p50: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
};

/** One subscriber: its stream parsed as it arrives, each position's arrival time recorded. */
class Subscriber {
  /** Arrival time of position base + 1 + i; NaN until it arrives. */
  readonly times: Float64Array;
  received = 0;
  duplicates = 0;
  outOfOrder = 0;
  foreign = 0;
  dropped = false;
  bytes = 0;
  /** For the checking subscriber: the stream id in each envelope, and mismatches found while parsing. */
  readonly streamIds: (string | undefined)[] | undefined;
  envelopeMismatches = 0;
  #last: number;
  #rest: Buffer = EMPTY;
  #closing = false;
  readonly #request: ClientRequest;
  readonly ready: Promise<void>;

  constructor(
    url: string,
    agent: Agent,
    readonly base: number,
    capacity: number,
    check: boolean,
  ) {
    this.times = new Float64Array(capacity).fill(Number.NaN);
    this.streamIds = check ? new Array<string | undefined>(capacity) : undefined;
    this.#last = base;
    let open!: () => void;
    let fail!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      open = resolve;
      fail = reject;
    });
    this.#request = httpRequest(
      `${url}/v1/subscribe?after=${base}`,
      { agent, headers: { accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) {
          fail(new Error(`GET /v1/subscribe answered ${response.statusCode}`));
          response.resume();
          return;
        }
        // Bytes, not strings: the ids are read digit by digit, so 200 streams cost little to parse.
        response.on('data', (chunk: Buffer) => {
          const now = performance.now();
          const bytes = this.#rest.length === 0 ? chunk : Buffer.concat([this.#rest, chunk]);
          let start = 0;
          for (let end = bytes.indexOf(BLANK_LINE); end >= 0; end = bytes.indexOf(BLANK_LINE, start)) {
            if (bytes[start] === I && bytes[start + 1] === D) this.#event(bytes, start, end, now);
            else if (bytes[start] === R) open();
            start = end + 2;
          }
          this.#rest = start === bytes.length ? EMPTY : bytes.subarray(start);
        });
        response.on('close', () => {
          if (!this.#closing) this.dropped = true;
        });
      },
    );
    this.#request.on('error', (error) => {
      if (!this.#closing) {
        this.dropped = true;
        fail(error);
      }
    });
    this.#request.end();
  }

  /** `id: <position>\nevent: <type>\ndata: <envelope>`, between `start` and `end` of `bytes`. */
  #event(bytes: Buffer, start: number, end: number, now: number) {
    let position = 0;
    let at = start + 4;
    for (let c = bytes[at]!; c >= ZERO && c <= NINE; c = bytes[++at]!) position = position * 10 + (c - ZERO);
    this.bytes += end + 2 - start;
    if (position <= this.#last) this.outOfOrder++;
    else this.#last = position;
    const i = position - this.base - 1;
    if (!(i >= 0 && i < this.times.length)) {
      this.foreign++;
      return;
    }
    if (!Number.isNaN(this.times[i]!)) {
      this.duplicates++;
      return;
    }
    this.times[i] = now;
    this.received++;
    if (this.streamIds) this.#check(bytes.toString('utf8', start, end), position, i);
  }

  /** The checking subscriber reads the whole event: type line and envelope against the id line. */
  #check(block: string, position: number, i: number) {
    const [idLine, typeLine, dataLine] = block.split('\n');
    try {
      const envelope = JSON.parse(dataLine!.slice('data: '.length)) as { position: string; type: string; streamId: string };
      const type = typeLine!.slice('event: '.length);
      if (
        idLine !== `id: ${position}` ||
        !typeLine!.startsWith('event: ') ||
        envelope.position !== String(position) ||
        envelope.type !== type ||
        type !== 'ClaimRecorded'
      )
        this.envelopeMismatches++;
      this.streamIds![i] = envelope.streamId;
    } catch {
      this.envelopeMismatches++;
    }
  }

  close() {
    this.#closing = true;
    this.#request.destroy();
  }
}

interface Ack {
  readonly status: number;
  readonly body: string;
  readonly at: number;
}

const post = (url: string, agent: Agent, body: string) =>
  new Promise<Ack>((resolve, reject) => {
    const request = httpRequest(
      `${url}/v1/claims`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text, at: performance.now() }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One round: connect the subscribers, append at the pace asked, wait for delivery, disconnect, check. */
export const fanout = async (options: FanoutOptions): Promise<FanoutResult> => {
  const { url, rate, seconds } = options;
  const total = Math.round(rate * seconds);
  const maxInFlight = options.maxInFlight ?? 256;
  const writes = new Agent({ keepAlive: true, maxSockets: 64 });
  const streams = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const nextClaim = claimBodies(7, options.tag);
  const subscribers: Subscriber[] = [];
  try {
    // A first append marks where the round starts: the subscribers follow the log after it.
    const marker = await post(url, writes, nextClaim());
    if (marker.status !== 201) throw new Error(`POST /v1/claims answered ${marker.status}: ${marker.body}`);
    const base = Number((JSON.parse(marker.body) as { position: string }).position);
    for (let s = 0; s < options.subscribers; s++) subscribers.push(new Subscriber(url, streams, base, total, s === 0));
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all(subscribers.map((s) => s.ready)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${subscribers.length} subscribers did not all connect within 30 s`)),
            30_000,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }

    // The appender: append k is due at t0 + k / rate. It stops by itself after `seconds`, with
    // at most `total` appends sent; a server that cannot keep up leaves some of them unsent.
    const sentAt = new Float64Array(total);
    const ackAt = new Float64Array(total).fill(Number.NaN);
    const streamIdAt = new Array<string | undefined>(total);
    const positions: number[] = [];
    let failedAppends = 0;
    let inFlight = 0;
    let maxLateMs = 0;
    const pending: Promise<void>[] = [];
    const send = (k: number) => {
      inFlight++;
      sentAt[k] = performance.now();
      pending.push(
        post(url, writes, nextClaim()).then(
          (ack) => {
            inFlight--;
            if (ack.status !== 201) {
              failedAppends++;
              return;
            }
            const written = JSON.parse(ack.body) as { position: string; streamId: string };
            const i = Number(written.position) - base - 1;
            positions.push(Number(written.position));
            if (i >= 0 && i < total) {
              ackAt[i] = ack.at;
              streamIdAt[i] = written.streamId;
            } else failedAppends++;
          },
          () => {
            inFlight--;
            failedAppends++;
          },
        ),
      );
    };
    const interval = 1000 / rate;
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    let k = 0;
    for (let now = t0; k < total && now < end; now = performance.now()) {
      while (k < total && inFlight < maxInFlight && t0 + k * interval <= now) {
        maxLateMs = Math.max(maxLateMs, now - (t0 + k * interval));
        send(k++);
      }
      if (k < total) await sleep(inFlight >= maxInFlight ? 1 : Math.max(0, t0 + k * interval - performance.now()));
    }
    const sent = k;
    const sendWindow = sentAt[sent - 1]! - sentAt[0]!;
    await Promise.all(pending);
    const lastAck = performance.now();

    // Delivery: wait until every subscriber has every acknowledged position (or give up).
    const appended = positions.length;
    const deadline = lastAck + (options.settleMs ?? 60_000);
    while (subscribers.some((s) => s.received < appended && !s.dropped) && performance.now() < deadline) await sleep(10);
    const settledMs = performance.now() - lastAck;
    for (const s of subscribers) s.close();

    // The proof and the latencies.
    positions.sort((a, b) => a - b);
    const firstPosition = positions[0] ?? Number.NaN;
    const lastPosition = positions[positions.length - 1] ?? Number.NaN;
    // Every append acknowledged, their positions filling base + 1 … base + sent: no gap, no repeat.
    const contiguous = failedAppends === 0 && appended === sent && ackAt.subarray(0, sent).every((t) => !Number.isNaN(t));
    const latencies = new Float64Array(subscribers.length * total);
    const lastSubscriber = new Float64Array(total).fill(Number.NEGATIVE_INFINITY);
    let samples = 0;
    let missing = 0;
    let beforeAck = 0;
    let complete = 0;
    let envelopesChecked = 0;
    let envelopeMismatches = 0;
    const subscriberP99s: number[] = [];
    for (const s of subscribers) {
      const own = new Float64Array(total);
      let n = 0;
      for (let i = 0; i < total; i++) {
        if (Number.isNaN(ackAt[i]!)) continue;
        const at = s.times[i]!;
        if (Number.isNaN(at)) {
          missing++;
          continue;
        }
        const latency = at - ackAt[i]!;
        if (latency < 0) beforeAck++;
        latencies[samples++] = latency;
        own[n++] = latency;
        if (latency > lastSubscriber[i]!) lastSubscriber[i] = latency;
      }
      subscriberP99s.push(percentiles(own.subarray(0, n)).p99);
      if (s.received === appended && s.duplicates === 0 && s.outOfOrder === 0 && s.foreign === 0 && n === appended) complete++;
      if (s.streamIds) {
        envelopeMismatches += s.envelopeMismatches;
        for (let i = 0; i < total; i++) {
          if (s.streamIds[i] === undefined) continue;
          envelopesChecked++;
          if (s.streamIds[i] !== streamIdAt[i]) envelopeMismatches++;
        }
      }
    }
    const all = latencies.subarray(0, samples);
    const byLatency = percentiles(all);
    const sum = (f: (s: Subscriber) => number) => subscribers.reduce((acc, s) => acc + f(s), 0);
    const received = sum((s) => s.received);
    return {
      subscribers: subscribers.length,
      appended,
      failedAppends,
      firstPosition,
      lastPosition,
      contiguous,
      scheduled: total,
      sent,
      sentRate: ((sent - 1) * 1000) / sendWindow,
      ackedRate: (appended * 1000) / (lastAck - t0),
      maxLateMs,
      ack: percentiles(sentAt.map((t, i) => ackAt[i]! - t).filter((x) => !Number.isNaN(x))),
      latency: { ...byLatency, samples, beforeAck, min: all.length > 0 ? all[0]! : Number.NaN },
      lastSubscriber: percentiles(lastSubscriber.filter((x) => Number.isFinite(x))),
      subscriberP99: { min: Math.min(...subscriberP99s), max: Math.max(...subscriberP99s) },
      complete,
      missing,
      duplicates: sum((s) => s.duplicates),
      outOfOrder: sum((s) => s.outOfOrder),
      foreign: sum((s) => s.foreign),
      dropped: sum((s) => (s.dropped ? 1 : 0)),
      envelopesChecked,
      envelopeMismatches,
      bytesPerEvent: received > 0 ? sum((s) => s.bytes) / received : Number.NaN,
      settledMs,
    };
  } finally {
    for (const s of subscribers) s.close();
    writes.destroy();
    streams.destroy();
  }
};
