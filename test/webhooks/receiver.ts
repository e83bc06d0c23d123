import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver saw, and what it answered (`null` while held or when dropped). */
export interface Received {
  /** The request path and query (tells apart webhooks sharing a receiver). */
  readonly path: string;
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly envelope: { position: string; eventId: string; type: string; streamId: string };
  answered: number | null;
}

/** How to answer a request: a status, or `hold` to keep it open until `release()` (or the connection drops). */
export type Answer = number | 'hold';
export type Policy = (request: Received, seen: readonly Received[]) => Answer;

const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * A real webhook receiver on 127.0.0.1 (port 0). It records every request and answers by a
 * policy that tests change as they go. `until` waits for a condition over what was seen,
 * with a deadline that only turns a hang into a readable failure.
 */
export const aReceiver = async (policy: Policy = () => 200) => {
  const seen: Received[] = [];
  const waiters = new Set<() => void>();
  const held = new Set<() => void>();
  let answer = policy;
  const changed = () => {
    for (const waiter of waiters) waiter();
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const [id, timestamp, signature] = HEADERS.map((name) => String(request.headers[name] ?? ''));
      const received: Received = {
        path: request.url ?? '',
        id: id!,
        timestamp: timestamp!,
        signature: signature!,
        headers: request.headers,
        body,
        envelope: JSON.parse(body),
        answered: null,
      };
      seen.push(received);
      const decision = answer(received, seen);
      const respond = (status: number) => {
        received.answered = status;
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
        changed();
      };
      if (decision === 'hold') {
        const release = () => {
          held.delete(release);
          if (!response.destroyed) respond(200);
        };
        held.add(release);
        response.on('close', () => held.delete(release));
        changed();
      } else {
        respond(decision);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks/sijill`,
    port,
    /** Every request, in arrival order. */
    seen,
    /** Event ids of the requests answered 2xx, in order. */
    acknowledged: () => seen.filter((r) => r.answered !== null && r.answered < 300).map((r) => r.id),
    answerWith(next: Policy) {
      answer = next;
    },
    /** Answer every held request 200. */
    release() {
      for (const release of [...held]) release();
    },
    /** Resolve once `condition` holds over what was seen; fail after `deadlineMs`. */
    until(condition: (seen: readonly Received[]) => boolean, what: string, deadlineMs = 20_000): Promise<void> {
      if (condition(seen)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!condition(seen)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver: ${what} did not happen within ${deadlineMs} ms (saw ${seen.length} requests)`));
        }, deadlineMs);
        waiters.add(check);
      });
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
};

export type Receiver = Awaited<ReturnType<typeof aReceiver>>;

/** Resolve once `condition()` holds, checking every few milliseconds; fail after `deadlineMs`. */
export const eventually = async (condition: () => boolean | Promise<boolean>, what: string, deadlineMs = 20_000) => {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
