import type { ServerResponse } from 'node:http';
import { toEnvelope } from '../../envelope.js';
import type { RecordedEvent } from '../../eventstore/port.js';

/** Frames kept for reuse: enough for every live subscriber to find each new event's frame. */
const FRAMES = 4_096;

/**
 * The open SSE connections, so a graceful shutdown can end them (a hijacked response would
 * otherwise keep the server from closing) and operators can count them.
 */
export class SseConnections {
  readonly #open = new Set<ServerResponse>();
  readonly #frames = new Map<bigint, string>();

  /**
   * The event as one SSE frame (`id:` position, `event:` type, `data:` envelope), serialised
   * once and shared: live subscribers all send the same new events. A filter never changes
   * a frame, only which frames a subscriber gets.
   */
  frameOf(event: RecordedEvent): string {
    let frame = this.#frames.get(event.position);
    if (frame === undefined) {
      frame = `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(toEnvelope(event))}\n\n`;
      this.#frames.set(event.position, frame);
      if (this.#frames.size > FRAMES) this.#frames.delete(this.#frames.keys().next().value!);
    }
    return frame;
  }

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
