import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { server } from '../lib/child.js';

export type BareServerInput =
  /** `POST /v1/claims`: parse the JSON body, answer 201 with a write response. */
  | { readonly kind: 'ingest' }
  /** `GET /v1/control`: answer the JSON object in `file` (serialised on every request). */
  | { readonly kind: 'json'; readonly file: string };

/**
 * The HTTP baseline: fastify (the service's own version) with no logger, no schemas, no
 * plugins — one route doing the least the real route's answer needs.
 */
server<BareServerInput, { requests: number }>(async (input) => {
  const app = Fastify({ logger: false });
  let requests = 0;
  if (input.kind === 'ingest') {
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
      await app.close();
      return { requests };
    },
  };
});
