import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApplicationError } from '../applicationError.js';
import type { RequestTimeouts } from '../config.js';
import { clientErrorHandler } from './clientErrors.js';

/**
 * How long a client may take to *send* a request. Three limits, each for its own failure:
 * - headers (`headersTimeout`): the request line and headers must arrive in time (slowloris);
 * - the whole request (`requestTimeout`): a generous bound on the receipt, headers and body —
 *   generous because an import may be gigabytes over a slow link;
 * - the body's idleness (`bodyIdleMs`, below): a body that stops arriving short of its
 *   Content-Length is answered 408 soon, while a long upload that keeps sending is not cut.
 * Node checks the first two when its connection sweep runs; fastify answers them through
 * `clientErrorHandler` (problem+json). None of them limits a response: a `minPosition` wait,
 * an export or a Server-Sent Events feed (whose request has no body) take as long as they take.
 */
export const requestTimeoutOptions = (timeouts: RequestTimeouts) => ({
  requestTimeout: timeouts.requestMs,
  http: {
    headersTimeout: timeouts.headersMs,
    // Node sweeps for expired requests every 30 s by default: a 30 s limit would take up to 60 s.
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(timeouts.headersMs / 4))),
  },
  clientErrorHandler,
});

const bodyTimeout = (idleMs: number) =>
  new ApplicationError('request_timeout', `no byte of the request body arrived for ${idleMs} ms`);

/**
 * The request body as the parsers see it, ended with a 408 problem when the client sends
 * nothing for `idleMs` before the body is complete. Time spent waiting on this side (the
 * consumer applying backpressure, say) does not count.
 */
const idleLimitedBody = (source: IncomingMessage, idleMs: number, onTimeout: () => void): PassThrough => {
  const body = new PassThrough();
  const timer = setTimeout(() => {
    if (source.complete || body.destroyed) return;
    // Paused by backpressure: the wait is ours, not the client's.
    if (source.readableFlowing === false) {
      timer.refresh();
      return;
    }
    source.unpipe(body);
    onTimeout();
    body.destroy(bodyTimeout(idleMs));
  }, idleMs).unref();
  source.on('data', () => timer.refresh());
  source.once('end', () => clearTimeout(timer));
  source.once('error', (error) => {
    clearTimeout(timer);
    body.destroy(error);
  });
  source.once('close', () => {
    clearTimeout(timer);
    if (!source.complete && !body.destroyed) body.destroy(new Error('the client closed the connection before the body ended'));
  });
  source.pipe(body);
  return body;
};

/** Registers the body idle timeout on every route (see `requestTimeoutOptions` for the other two limits). */
export const bodyIdleTimeout = fp(
  async (app: FastifyInstance, { idleMs }: { idleMs: number }) => {
    app.addHook('preParsing', async (request, reply, payload) => {
      // No body, or all of it already here: nothing can stall.
      if (request.raw.complete) return payload;
      const body = idleLimitedBody(request.raw, idleMs, () => {
        request.log.info({ idleMs }, 'request body stalled');
        // The rest of the body may never come: do not read the next request from this connection.
        void reply.header('connection', 'close');
      });
      // A route may answer before reading its body (a streamed upload whose query string is
      // refused): nobody reads the body then, and its idle timer must neither fire later nor
      // raise an error no one listens to — an unhandled 'error' event ends the process.
      body.on('error', (error) => request.log.debug({ err: error }, 'request body ended with an error'));
      reply.raw.once('finish', () => {
        if (!body.readableEnded) body.destroy();
      });
      return body;
    });
  },
  { name: 'sijill-body-idle-timeout' },
);
