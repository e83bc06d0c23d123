import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/** Why a stream stopped writing. */
export class SlowConsumerError extends Error {
  override readonly name = 'SlowConsumerError';
}

/**
 * Writes Server-Sent Events with backpressure: when the socket buffer is full, writing
 * pauses (so the subscription stops pulling events from the store) until it drains; a
 * consumer that does not drain within `drainTimeoutMs` is disconnected. Memory per
 * connection is therefore bounded by the socket's buffer plus one page of the subscription.
 */
export class SseWriter {
  constructor(
    private readonly response: ServerResponse,
    private readonly drainTimeoutMs: number,
  ) {}

  get closed(): boolean {
    return this.response.destroyed || this.response.writableEnded;
  }

  /** One event, already framed (`id:`, `event:`, `data:` on one line: JSON has no raw newline). */
  async frame(frame: string): Promise<void> {
    await this.#write(frame);
  }

  /** A comment line: keeps proxies and load balancers from closing an idle stream. */
  async comment(text: string): Promise<void> {
    await this.#write(`: ${text}\n\n`);
  }

  async retry(ms: number): Promise<void> {
    await this.#write(`retry: ${ms}\n\n`);
  }

  async #write(chunk: string): Promise<void> {
    if (this.closed) return;
    if (this.response.write(chunk)) return;
    const timeout = AbortSignal.timeout(this.drainTimeoutMs);
    try {
      await once(this.response, 'drain', { signal: timeout });
    } catch (error) {
      if (this.closed) return;
      if (timeout.aborted) throw new SlowConsumerError(`the client read nothing for ${this.drainTimeoutMs} ms`);
      throw error;
    }
  }
}
