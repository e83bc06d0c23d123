import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { server } from '../lib/child.js';

export type BareServerInput =
  /** `POST /v1/claims`: parse the JSON body, answer 201 with a write response. */
  | { readonly kind: 'ingest' }
  /** `GET /v1/control`: answer the JSON object in `file` (serialised on every request). */
  | { readonly kind: 'json'; readonly file: string }
  /**
   * `POST /v1/claims` answers 201 with a position, then writes the claim's event, in an
   * envelope of the real one's shape, to every `GET /v1/subscribe` stream: the least an SSE
   * fan-out does (one counter, one `JSON.stringify` per event, no store, no catch-up).
   */
  | { readonly kind: 'sse' };

/** The fan-out baseline: live streams only; an event is serialised once and written to all of them. */
const sseRoutes = (app: FastifyInstance) => {
  const streams = new Set<ServerResponse>();
  let head = 0;
  app.get('/v1/subscribe', (_request, reply) => {
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    response.write('retry: 2000\n\n');
    streams.add(response);
    response.once('close', () => streams.delete(response));
  });
  // Acknowledged first, then written to the streams: the order of a store that fans out after its commit.
  app.post('/v1/claims', (request, reply) => {
    const claim = request.body as { id: string };
    const position = String(++head);
    const streamId = `claim-${claim.id}`;
    const envelope = {
      position,
      streamId,
      revision: 0,
      eventId: randomUUID(),
      type: 'ClaimRecorded',
      schemaVersion: 1,
      recordedAt: new Date().toISOString(),
      data: claim,
      metadata: { principal: 'local', correlationId: request.id, causationId: request.id },
    };
    const chunk = `id: ${position}\nevent: ClaimRecorded\ndata: ${JSON.stringify(envelope)}\n\n`;
    void reply.code(201).send({ id: claim.id, streamId, revision: 0, position });
    for (const stream of streams) stream.write(chunk);
  });
  return {
    end: () => {
      for (const stream of streams) stream.end();
    },
  };
};

/**
 * The HTTP baseline: fastify (the service's own version) with no logger, no schemas, no
 * plugins — one route doing the least the real route's answer needs.
 */
server<BareServerInput, { requests: number }>(async (input) => {
  const app = Fastify({ logger: false });
  let requests = 0;
  let sse: ReturnType<typeof sseRoutes> | undefined;
  if (input.kind === 'sse') {
    sse = sseRoutes(app);
  } else if (input.kind === 'ingest') {
    app.post('/v1/claims', async (request, reply) => {
      requests++;
      const { id } = request.body as { id: string };
      void reply.code(201);
      return { id, streamId: `claim-${id}`, revision: 0, position: String(requests) };
    });
  } else {
    const answer = JSON.parse(await readFile(input.file, 'utf8')) as object;
    app.get('/v1/control', async () => {
      requests++;
      return answer;
    });
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    port: (app.server.address() as AddressInfo).port,
    async stop() {
      sse?.end();
      await app.close();
      return { requests };
    },
  };
});
