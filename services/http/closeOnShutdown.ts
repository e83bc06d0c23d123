import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * While the server closes, every response ends its connection (`Connection: close`), and any
 * connection left idle by a response is closed at once.
 *
 * Why: `app.close()` stops accepting connections and closes the idle ones, but a keep-alive
 * connection busy with a request at that moment stays open after its response, until the
 * client's next request or the keep-alive timeout (72 s) — and the process cannot exit
 * before. fastify marks only requests that *arrive* while closing with `Connection: close`;
 * this covers the requests already in flight, so shutdown takes the longest request, not
 * the keep-alive timeout.
 */
export const closeConnectionsOnShutdown = fp(
  async (app: FastifyInstance) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (_request, reply) => {
      if (closing && !reply.raw.headersSent) void reply.header('connection', 'close');
    });
    app.addHook('onResponse', async () => {
      // A response sent before `closing` was set (headers already out) leaves its connection idle.
      if (closing) app.server.closeIdleConnections();
    });
  },
  { name: 'sijill-close-connections-on-shutdown' },
);
