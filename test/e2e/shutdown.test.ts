import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSource } from '../support/builders.js';
import { tempDir } from '../support/ledger.js';
import { SERVICE_ARGS, type ServerProcess, startServer } from '../support/server.js';

/**
 * Graceful shutdown as a load balancer sees it: a keep-alive client with a request in flight
 * at SIGTERM gets its answer, and the process exits as soon as that answer is out — not when
 * the idle keep-alive connection would have timed out (72 s).
 */
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.cleanup());

/** How long the slow client takes to send the rest of its body once SIGTERM has been sent. */
const SLOW_BODY_MS = 1_000;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const answerOf = async (request: http.ClientRequest): Promise<Answer> => {
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  let body = '';
  for await (const chunk of response) body += chunk;
  return { status: response.statusCode ?? 0, headers: response.headers, body };
};

const postSource = (server: ServerProcess, agent: http.Agent, id: string, requestId: string) => {
  const url = new URL('/v1/sources', server.base);
  const body = JSON.stringify(aSource({ id }));
  const request = http.request(url, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': requestId },
  });
  return { request, body };
};

describe('SIGTERM with a keep-alive client and a request in flight', () => {
  it('answers the request, closes the connection after it and exits within the request time plus a second', async () => {
    const server = await startServer({ SIJILL_STORE: join(dir.dir, 'ledger.db') });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // Given: a keep-alive connection that already carried one acknowledged write.
      const first = postSource(server, agent, 'first-source', 'first-write');
      first.request.end(first.body);
      const firstAnswer = await answerOf(first.request);
      expect(firstAnswer.status).toBe(201);

      // And: a write in flight on the same connection, its body half sent.
      const slow = postSource(server, agent, 'slow-source', 'slow-write');
      const half = Math.floor(slow.body.length / 2);
      slow.request.write(slow.body.slice(0, half));
      const slowAnswer = answerOf(slow.request);
      await server.waitForOutput('slow-write');

      // When: SIGTERM, and the rest of the body arrives a second later.
      const signalled = performance.now();
      const exited = server.stop('SIGTERM');
      setTimeout(() => slow.request.end(slow.body.slice(half)), SLOW_BODY_MS);

      // Then: the write is answered, the connection closed after it, and the process exits promptly.
      const answer = await slowAnswer;
      const answered = performance.now();
      expect(answer.status).toBe(201);
      expect(answer.headers.connection).toBe('close');
      expect(await exited).toBe(0);
      const exitedAt = performance.now();
      expect(answered - signalled).toBeGreaterThanOrEqual(SLOW_BODY_MS - 50);
      expect(exitedAt - signalled).toBeLessThan(answered - signalled + 1_500);
    } finally {
      agent.destroy();
      await server.stop('SIGKILL');
    }

    // And: both acknowledged writes are in the ledger after a restart.
    const restarted = await startServer({ SIJILL_STORE: join(dir.dir, 'ledger.db') });
    try {
      for (const id of ['first-source', 'slow-source']) {
        const response = await fetch(`${restarted.base}/v1/sources/${id}`);
        expect(response.status).toBe(200);
      }
    } finally {
      expect(await restarted.stop()).toBe(0);
    }
  });
});

describe('SIGTERM once whoever read the logs has gone', () => {
  it('still shuts down and exits 0 (its log lines go nowhere)', async () => {
    // A log pipe whose reader went away (`| head`, a log shipper that died): writes fail with
    // EPIPE. With pino's default asynchronous stdout, a log write still in flight when
    // process.exit ran was never completed, and the process never exited: it hung after
    // closing everything (a quick shutdown, as on an empty ledger, hit it every time here).
    const store = join(dir.dir, 'broken-pipe.db');
    const child = spawn(process.execPath, [...SERVICE_ARGS], {
      env: { ...process.env, SIJILL_STORE: store, SIJILL_PORT: '0', SIJILL_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = once(child, 'exit');
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('sijill ready')) resolve();
      });
      void exited.then(() => reject(new Error(`exited before it was ready:\n${output}`)));
    });
    child.stdout.destroy();
    child.kill('SIGTERM');
    const deadline = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    clearTimeout(deadline);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
