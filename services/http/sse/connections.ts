import type { ServerResponse } from 'node:http';

/**
 * The open SSE connections, so a graceful shutdown can end them (a hijacked response would
 * otherwise keep the server from closing) and operators can count them.
 */
export class SseConnections {
  readonly #open = new Set<ServerResponse>();

  add(response: ServerResponse): void {
    this.#open.add(response);
    response.once('close', () => this.#open.delete(response));
  }

  get size(): number {
    return this.#open.size;
  }

  /** End every stream; clients reconnect (to another replica, or after restart) with Last-Event-ID. */
  endAll(): void {
    for (const response of this.#open) response.end();
  }

  /** Cut every connection without a goodbye, as a network failure would (tests). */
  destroyAll(): void {
    for (const response of this.#open) response.destroy();
  }
}
