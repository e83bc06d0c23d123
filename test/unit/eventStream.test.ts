import { afterEach, describe, expect, it, vi } from 'vitest';
import { followEventStream, reconnectDelay } from '../../web/src/eventStream.js';
import type { ServerSentEvent } from '../../web/src/eventStreamParser.js';

/**
 * The map page's fetch-based Server-Sent Events reader: what an EventSource does (events in
 * order, reconnection with Last-Event-ID, the server's `retry:`, failure on a non-SSE answer)
 * plus back-off, driven by scripted connections: each `open` takes the next step of a script
 * (a response, or an error to throw); once the script is done, the connection stays open.
 */
const SSE = { 'content-type': 'text/event-stream; charset=utf-8' };
const encoder = new TextEncoder();

/** A 200 event stream that sends these chunks, one per read, then ends — or drops, when `drop` is set. */
const stream = (chunks: (string | Uint8Array)[], drop = false) => {
  const left = [...chunks];
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = left.shift();
        if (chunk !== undefined) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        else if (drop) controller.error(new TypeError('network error'));
        else controller.close();
      },
    }),
    { status: 200, headers: SSE },
  );
};

const problem = (status: number) =>
  new Response(JSON.stringify({ code: 'x', detail: 'y' }), { status, headers: { 'content-type': 'application/problem+json' } });

type Step = Response | Error;

const scripted = (script: Step[], options: { retryMs?: number } = {}) => {
  const opened: string[] = [];
  const signals: AbortSignal[] = [];
  const delays: number[] = [];
  const states: string[] = [];
  const events: ServerSentEvent[] = [];
  let last = false;
  let connected!: () => void;
  /** Settles once the script is done and the connection after it is open. */
  const idle = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const handle = followEventStream({
    async open(lastEventId, signal) {
      opened.push(lastEventId);
      signals.push(signal);
      const step = script.shift();
      if (step === undefined) {
        last = true;
        return new Response(new ReadableStream<Uint8Array>(), { status: 200, headers: SSE });
      }
      if (step instanceof Error) throw step;
      return step;
    },
    onEvent: (event) => events.push(event),
    onState: (state, reason) => {
      states.push(reason ? `${state}: ${reason}` : state);
      if (last && state === 'open') connected();
    },
    random: () => 0,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...options,
  });
  return { opened, signals, delays, states, events, handle, idle };
};

afterEach(() => vi.restoreAllMocks());

describe('followEventStream', () => {
  it('decodes UTF-8 split anywhere across chunks and drops a leading byte order mark', async () => {
    const bytes = encoder.encode('\uFEFFid: 1\nevent: ClaimRecorded\ndata: {"place":"السوسة"}\n\n');
    const given = scripted([stream([...bytes].map((b) => Uint8Array.of(b)))]);
    await given.idle;
    given.handle.close();
    await given.handle.done;
    expect(given.events).toEqual([{ type: 'ClaimRecorded', data: '{"place":"السوسة"}', lastEventId: '1' }]);
  });

  it("after a drop, reconnects with the last dispatched event's ID, at the server's retry: time", async () => {
    const given = scripted([
      stream(['retry: 500\n\n', 'id: 1\ndata: a\n\nid: 2\ndata: b\n\n']),
      // Dropped in the middle of event 4: it was never dispatched, so 3 is the last one seen.
      stream(['id: 3\ndata: c\n\nid: 4\nda'], true),
    ]);
    await given.idle;
    expect(given.opened).toEqual(['', '2', '3']);
    expect(given.events.map((e) => e.data)).toEqual(['a', 'b', 'c']);
    expect(given.delays).toEqual([500, 500]);
    expect(given.states).toEqual(['open', 'reconnecting', 'open', 'reconnecting', 'open']);
    given.handle.close();
    await given.handle.done;
  });

  it('backs off while attempts keep failing (network errors, 503), and starts over once connected', async () => {
    const network = () => new TypeError('Failed to fetch');
    const given = scripted([
      network(),
      problem(503),
      network(),
      problem(429),
      network(),
      network(),
      stream(['id: 9\ndata: x\n\n']),
      network(),
    ]);
    await given.idle;
    expect(given.delays).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 2_000, 4_000]);
    expect(given.opened).toEqual(['', '', '', '', '', '', '', '9', '9']);
    expect(given.events.map((e) => e.data)).toEqual(['x']);
    given.handle.close();
    await given.handle.done;
  });

  it.each([
    ['a refusal (400)', problem(400), 'stopped: HTTP 400'],
    ['a missing route (404)', problem(404), 'stopped: HTTP 404'],
    [
      'a 200 that is not an event stream',
      new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      'stopped: the answer is not text/event-stream',
    ],
    ['an error other than a network failure (a declined sign-in)', new Error('not signed in'), 'stopped: not signed in'],
  ])('stops on %s, without retrying', async (_, step, state) => {
    const given = scripted([step]);
    await given.handle.done;
    expect(given.states).toEqual([state]);
    expect(given.opened).toEqual(['']);
    expect(given.delays).toEqual([]);
  });

  it('close() aborts the open connection and reconnects no more', async () => {
    const given = scripted([]);
    await given.idle;
    expect(given.signals[0]!.aborted).toBe(false);
    given.handle.close();
    await given.handle.done;
    expect(given.signals[0]!.aborted).toBe(true);
    expect(given.opened).toEqual(['']);
    expect(given.states).toEqual(['open']);
  });

  it('close() while a connection is being opened: its answer is not read, and nothing reconnects', async () => {
    let answer!: (response: Response) => void;
    const opens: string[] = [];
    const states: string[] = [];
    const handle = followEventStream({
      open: (lastEventId) => {
        opens.push(lastEventId);
        return new Promise<Response>((resolve) => {
          answer = resolve;
        });
      },
      onEvent: () => expect.unreachable('no event after close'),
      onState: (state) => states.push(state),
      sleep: async () => undefined,
    });
    await vi.waitFor(() => expect(opens).toEqual(['']));
    handle.close();
    const body = new ReadableStream<Uint8Array>();
    answer(new Response(body, { status: 200, headers: SSE }));
    await handle.done;
    expect(states).toEqual([]);
    expect(opens).toEqual(['']);
    expect(body.locked).toBe(false);
  });

  it('a handler that throws is reported and the stream goes on', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    const handle = followEventStream({
      open: async () => stream(['data: bad\n\ndata: good\n\n']),
      onEvent: (event) => {
        if (event.data === 'bad') throw new Error('handler failed');
        seen.push(event.data);
        handle.close();
      },
      sleep: async () => undefined,
    });
    await handle.done;
    expect(seen).toEqual(['good']);
    expect(logged).toHaveBeenCalledOnce();
  });
});

describe('reconnectDelay', () => {
  it.each([
    // failures, retry, max, random → ms
    [1, 2_000, 30_000, 0, 2_000],
    [1, 2_000, 30_000, 1, 2_500],
    [2, 2_000, 30_000, 0, 4_000],
    [3, 2_000, 30_000, 0.5, 9_000],
    [5, 2_000, 30_000, 0, 30_000],
    [5, 2_000, 30_000, 1, 30_000],
    [40, 2_000, 30_000, 0, 30_000],
    // The server asked for longer than the cap: its retry: wins.
    [1, 60_000, 30_000, 0, 60_000],
  ])('after %i failure(s), retry %i ms, cap %i ms, random %f: %i ms', (failures, retry, max, random, expected) => {
    expect(reconnectDelay(failures, retry, max, () => random)).toBe(expected);
  });
});
