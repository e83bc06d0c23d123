import { EventStreamParser, type ServerSentEvent } from './eventStreamParser.js';

/**
 * Server-Sent Events over `fetch`, for what `EventSource` cannot do: send an `Authorization`
 * header. It behaves as an EventSource does (WHATWG HTML §9.2): events dispatched in stream
 * order; after a dropped or ended connection it reconnects, sending the ID of the last event
 * it received as `Last-Event-ID`, so the service resumes right after it (no gap, no
 * duplicate); a `retry:` from the server sets the reconnection time; an answer other than
 * `200 text/event-stream` stops it, except the transient ones (408, 429, 5xx), which are
 * retried. Unlike EventSource, reconnection attempts that keep failing back off: the n-th
 * consecutive one waits `reconnectDelay(n, …)`.
 */
export type StreamState = 'open' | 'reconnecting' | 'stopped';

export interface EventStreamOptions {
  /**
   * Opens one connection: `lastEventId` is '' on the first, then the `id:` of the last event
   * received, to send as `Last-Event-ID` when it is not ''. Throwing a `TypeError` (what
   * `fetch` throws on a network failure) is retried; throwing anything else stops the stream.
   */
  readonly open: (lastEventId: string, signal: AbortSignal) => Promise<Response>;
  /** Each event, in stream order. An exception it throws is logged and the stream goes on. */
  readonly onEvent: (event: ServerSentEvent) => void;
  /** `open` when a connection is established, `reconnecting` after it drops, `stopped` (with why) when it gives up. */
  readonly onState?: (state: StreamState, reason?: string) => void;
  /** Reconnection time until the server sends `retry:`, in ms. @defaultValue 2000 */
  readonly retryMs?: number;
  /** The longest wait between attempts, in ms. @defaultValue 30000 */
  readonly maxDelayMs?: number;
  /** @defaultValue Math.random */
  readonly random?: () => number;
  /** Waits `ms`, or less when the signal aborts (tests pass one that records the delays). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface EventStream {
  /** Stop reading and stop reconnecting. */
  close(): void;
  /** Settles once the stream has stopped (closed, or given up). */
  readonly done: Promise<void>;
}

/**
 * Wait before the n-th consecutive reconnection attempt (n ≥ 1): the reconnection time,
 * doubled for each further failure, at most `maxDelayMs`, plus up to a quarter more at random
 * so that pages dropped together by a restart do not all return in the same instant. Never
 * sooner than the server asked (`retry:`).
 */
export const reconnectDelay = (failures: number, retryMs: number, maxDelayMs: number, random: () => number): number => {
  const base = Math.min(maxDelayMs, retryMs * 2 ** Math.max(0, failures - 1));
  return Math.max(retryMs, Math.min(maxDelayMs, Math.round(base * (1 + random() / 4))));
};

const sleepFor = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

const isEventStream = (response: Response) =>
  response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() === 'text/event-stream';

const isTransient = (status: number) => status === 408 || status === 429 || status >= 500;

/** Read a body to its end through the parser; rejects when the connection drops. */
const readBody = async (body: ReadableStream<Uint8Array> | null, parser: EventStreamParser, signal: AbortSignal) => {
  if (!body) return;
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
  } finally {
    signal.removeEventListener('abort', cancel);
  }
};

export const followEventStream = (options: EventStreamOptions): EventStream => {
  const abort = new AbortController();
  const { signal } = abort;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? sleepFor;
  let retryMs = options.retryMs ?? 2_000;
  let lastEventId = '';
  let failures = 0;

  const onEvent = (event: ServerSentEvent) => {
    try {
      options.onEvent(event);
    } catch (error) {
      console.error('an event handler failed', error);
    }
  };
  const backOff = async () => {
    failures++;
    options.onState?.('reconnecting');
    await sleep(reconnectDelay(failures, retryMs, maxDelayMs, random), signal);
  };
  const stop = (reason: string) => options.onState?.('stopped', reason);

  const run = async () => {
    while (!signal.aborted) {
      let response: Response;
      try {
        response = await options.open(lastEventId, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof TypeError)) return stop(error instanceof Error ? error.message : String(error));
        await backOff();
        continue;
      }
      if (signal.aborted || response.status !== 200 || !isEventStream(response)) {
        await response.body?.cancel().catch(() => undefined);
        if (signal.aborted) return;
        if (response.status !== 200 && isTransient(response.status)) {
          await backOff();
          continue;
        }
        return stop(response.status === 200 ? 'the answer is not text/event-stream' : `HTTP ${response.status}`);
      }
      failures = 0;
      options.onState?.('open');
      const parser = new EventStreamParser(
        {
          event: onEvent,
          retry: (ms) => {
            retryMs = ms;
          },
        },
        lastEventId,
      );
      try {
        await readBody(response.body, parser, signal);
      } catch {
        // A dropped connection: reconnect below, from the last event dispatched.
      }
      lastEventId = parser.lastEventId;
      if (signal.aborted) return;
      await backOff();
    }
  };

  const done = run();
  return { close: () => abort.abort(), done };
};
