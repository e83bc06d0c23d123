import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { clientErrorProblem, PROBLEM_CONTENT_TYPE } from './problem.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * fastify's `clientErrorHandler`: errors Node raises before a request reaches a route
 * (headers or whole-request timeout, malformed HTTP, oversized headers) answered as RFC 9457
 * problems, like every other error, and the connection closed. As Node's own handler does,
 * nothing is written once a response has started on the socket or the socket is gone.
 */
export function clientErrorHandler(
  this: { log: { debug(o: object, m: string): void } },
  error: NodeJS.ErrnoException,
  socket: Socket,
) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = clientErrorProblem(error.code);
  this.log.debug({ err: error, code: problem.code }, 'client error');
  const started = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage?.headersSent === true;
  if (socket.writable && !started) {
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${REASONS[problem.status] ?? 'Bad Request'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
