import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH } from '../../domain/ids.js';
import { aControlClaim, get, givenRegistry, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Ids the API accepts can be read back, and errors raised before a route runs — by the
 * router, the URL decoder, the body parser, or the HTTP parser on the raw socket — answer
 * as RFC 9457 problems with stable codes, like every other error.
 */
let given: GivenApp;
beforeAll(async () => {
  given = await givenApp();
  await givenRegistry(given);
});
afterAll(() => given.close());

const expectProblem = (
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
) => {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(response.body)).toMatchObject({ status, code, type: `urn:sijill:problem:${code}` });
};

describe('the longest ids round-trip', () => {
  it(`a claim with a ${MAX_ID_LENGTH}-character id is readable at every route that names it`, async () => {
    const id = `c${'x'.repeat(MAX_ID_LENGTH - 2)}9`;
    expect(id).toHaveLength(MAX_ID_LENGTH);
    expect((await post(given, '/v1/claims', aControlClaim({ id }))).statusCode).toBe(201);

    const claim = await get(given, `/v1/claims/${id}`);
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json()).toMatchObject({ id, revision: 0 });
    const corroborated = await post(given, `/v1/claims/${id}/corroborations`, { articleId: 'alquds-2018-11-14' });
    expect(corroborated.statusCode, corroborated.body).toBe(201);
    const stream = await get(given, `/v1/streams/claim-${id}`);
    expect(stream.statusCode, stream.body).toBe(200);
    expect(stream.json().events).toHaveLength(2);
  });

  it('a path parameter longer than any route accepts answers 414 as a problem', async () => {
    const before = await given.head();
    expectProblem(await given.app.inject({ method: 'GET', url: `/v1/streams/claim-${'x'.repeat(300)}` }), 414, 'uri_too_long');
    expectProblem(await post(given, `/v1/claims/${'x'.repeat(300)}/retractions`, { reason: 'x' }), 414, 'uri_too_long');
    expect(await given.head()).toBe(before);
  });
});

describe('framework errors are problems', () => {
  it('bad percent-encoding in the path answers 400 malformed_url', async () => {
    expectProblem(await given.app.inject({ method: 'GET', url: '/v1/places/%E0%A4%A' }), 400, 'malformed_url');
  });
});

/** Send raw bytes to a listening app and read the whole answer (the server closes the connection). */
const rawExchange = async (
  port: number,
  request: string,
): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> => {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(request);
  await once(socket, 'close');
  const text = Buffer.concat(chunks).toString('utf8');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body };
};

describe('errors of the HTTP parser, on a raw socket', () => {
  let port: number;
  let listening: GivenApp;
  beforeAll(async () => {
    listening = await givenApp();
    await listening.app.listen({ host: '127.0.0.1', port: 0 });
    port = (listening.app.server.address() as { port: number }).port;
  });
  afterAll(() => listening.close());

  it('headers over the size limit answer 431 headers_too_large', async () => {
    const response = await rawExchange(port, `GET /v1/sources HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expectProblem(response, 431, 'headers_too_large');
  });

  it('bad framing and requests that are not HTTP answer 400 malformed_request', async () => {
    const conflicting =
      'POST /v1/sources HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n';
    expectProblem(await rawExchange(port, conflicting), 400, 'malformed_request');
    expectProblem(await rawExchange(port, 'HELLO THERE\r\n\r\n'), 400, 'malformed_request');
  });
});
