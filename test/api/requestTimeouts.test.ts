import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { aSource } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Clients that stop sending: a raw socket against a listening app, because `inject` has no
 * socket to stall. Small limits are configured so each case takes well under a second.
 */
let given: GivenApp;
let port: number;

const start = async (env: Record<string, string>) => {
  given = await givenApp(env);
  const address = await given.app.listen({ host: '127.0.0.1', port: 0 });
  port = Number(new URL(address).port);
};
afterEach(() => given.close());

/** A server that never answers is given up on after this long (the client closes). */
const GIVE_UP_MS = 5_000;

/** Everything the server sends until it closes the connection, and how long that took. */
const exchange = async (send: (socket: Socket) => void | Promise<void>) => {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const started = performance.now();
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  const closed = once(socket, 'close');
  const giveUp = setTimeout(() => socket.destroy(), GIVE_UP_MS);
  await send(socket);
  await closed;
  clearTimeout(giveUp);
  return { received, elapsedMs: performance.now() - started };
};

const head = (body: string, length = Buffer.byteLength(body)) =>
  `POST /v1/sources HTTP/1.1\r\nHost: sijill\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

/** The status line and the problem document of a raw HTTP/1.1 response. */
const parse = (raw: string) => {
  const [headers = '', body = ''] = raw.split('\r\n\r\n');
  return { status: Number(headers.split(' ')[1]), headers: headers.toLowerCase(), problem: body ? JSON.parse(body) : undefined };
};

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a request body that stops short of its Content-Length', () => {
  it('is answered 408 problem+json within the body idle timeout, the connection closed, and nothing appended', async () => {
    await start({ SIJILL_BODY_IDLE_TIMEOUT_MS: '300' });
    const before = await given.head();
    const { received, elapsedMs } = await exchange((socket) => {
      socket.write(`${head('', 100)}{"id":"x",`);
    });
    const { status, headers, problem } = parse(received);
    expect(status).toBe(408);
    expect(headers).toContain('content-type: application/problem+json');
    expect(headers).toContain('connection: close');
    expect(problem).toMatchObject({ status: 408, code: 'request_timeout' });
    expect(elapsedMs).toBeGreaterThanOrEqual(250);
    expect(elapsedMs).toBeLessThan(3_000);
    expect(await given.head()).toBe(before);
  });

  it('is answered 408 on the import route too, which streams its body', async () => {
    await start({ SIJILL_BODY_IDLE_TIMEOUT_MS: '300' });
    const { received } = await exchange((socket) => {
      socket.write(
        'POST /v1/admin/import HTTP/1.1\r\nHost: sijill\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n{"position":"1",',
      );
    });
    expect(parse(received)).toMatchObject({ status: 408, problem: { code: 'request_timeout' } });
  });
});

describe('a streamed body the route answered before reading', () => {
  it.each([
    ['/v1/admin/imports?format=ucdp-ged', 'text/csv', 'id,relid\r\n1,'],
    ['/v1/admin/imports?format=gazetteer&release=v02&list=deletions', 'text/csv', 'level,pcode\r\nadm1,'],
  ])(
    'POST %s with a refused query and a body that then stalls: 400 at once, and the service lives on',
    async (url, type, part) => {
      await start({ SIJILL_BODY_IDLE_TIMEOUT_MS: '200' });
      const before = await given.head();
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
      });
      socket.on('error', () => undefined);
      // More to come, per Content-Length; it never does, and the socket stays open past the idle limit.
      socket.write(`POST ${url} HTTP/1.1\r\nHost: sijill\r\nContent-Type: ${type}\r\nContent-Length: 100000\r\n\r\n${part}`);
      await tick(800);
      socket.destroy();
      expect(parse(received)).toMatchObject({ status: 400, problem: { code: 'validation_failed' } });
      // The body's idle timer fired on a stream nobody reads: the process must not have died of it.
      const live = await given.app.inject({ method: 'GET', url: '/health/live' });
      expect(live.statusCode).toBe(200);
      expect(await given.head()).toBe(before);
    },
  );
});

describe('a client that keeps sending', () => {
  it('is not cut by the body idle timeout however long the body takes', async () => {
    await start({ SIJILL_BODY_IDLE_TIMEOUT_MS: '300' });
    const body = JSON.stringify(aSource());
    const { received } = await exchange(async (socket) => {
      socket.write(head(body));
      // A slow link: the body over ~1.2 s, four times the idle limit, a piece every 100 ms.
      const pieces = 12;
      const size = Math.ceil(body.length / pieces);
      for (let i = 0; i < pieces; i++) {
        await tick(100);
        socket.write(body.slice(i * size, (i + 1) * size));
      }
      socket.end();
    });
    expect(parse(received).status).toBe(201);
  });

  it('is answered 408 problem+json when the whole request takes longer than SIJILL_REQUEST_TIMEOUT_MS', async () => {
    await start({ SIJILL_BODY_IDLE_TIMEOUT_MS: '300', SIJILL_HEADERS_TIMEOUT_MS: '200', SIJILL_REQUEST_TIMEOUT_MS: '500' });
    const before = await given.head();
    const body = JSON.stringify(aSource());
    const { received, elapsedMs } = await exchange(async (socket) => {
      socket.write(head(body));
      for (let i = 0; i < body.length && !socket.destroyed; i++) {
        await tick(100);
        if (!socket.destroyed) socket.write(body[i]!);
      }
    });
    expect(parse(received)).toMatchObject({ status: 408, problem: { code: 'request_timeout' } });
    expect(elapsedMs).toBeLessThan(3_000);
    expect(await given.head()).toBe(before);
  });
});

describe('headers that never finish', () => {
  it('are answered 408 problem+json within SIJILL_HEADERS_TIMEOUT_MS (and the sweep)', async () => {
    await start({ SIJILL_HEADERS_TIMEOUT_MS: '300' });
    const { received, elapsedMs } = await exchange((socket) => {
      socket.write('GET /v1/sources HTTP/1.1\r\nHost: sijill\r\n');
    });
    expect(parse(received)).toMatchObject({ status: 408, problem: { code: 'request_timeout' } });
    expect(elapsedMs).toBeLessThan(3_000);
  });
});

describe('a Server-Sent Events feed', () => {
  it('stays open far beyond the body idle and headers timeouts (its request has no body)', async () => {
    await start({ SIJILL_BODY_IDLE_TIMEOUT_MS: '100', SIJILL_HEADERS_TIMEOUT_MS: '100', SIJILL_SSE_HEARTBEAT_MS: '50' });
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.write('GET /v1/subscribe HTTP/1.1\r\nHost: sijill\r\n\r\n');
    // Ten times the limits later, it still gets heartbeats and new events.
    await tick(1_000);
    const response = await given.app.inject({ method: 'POST', url: '/v1/sources', payload: aSource() });
    expect(response.statusCode).toBe(201);
    const deadline = performance.now() + 5_000;
    while (!received.includes('event: SourceRegistered') && performance.now() < deadline) await tick(20);
    expect(socket.destroyed).toBe(false);
    expect(received).toContain(': heartbeat');
    expect(received).toContain('event: SourceRegistered');
    socket.destroy();
  });
});
