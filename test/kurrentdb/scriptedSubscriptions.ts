import type { AllStreamResolvedEvent, ReadPosition } from '../../services/eventstore/kurrentdb/kurrentClient.js';
import type { ClientSubscription, SubscriptionSource } from '../../services/eventstore/kurrentdb/resumingSubscription.js';

/** What one `open` of the scripted server does. */
export interface CallScript {
  /** Fail with this error after delivering `after` events (a dropped connection). */
  readonly failAfter?: { readonly events: number; readonly error: unknown };
  /** End the call (server-side completion) after this many events. */
  readonly endAfter?: number;
  /** Deliver the event at the subscription position too, as a read would. */
  readonly inclusive?: boolean;
}

export const aResolvedEvent = (position: bigint, over: { type?: string; streamId?: string } = {}): AllStreamResolvedEvent => ({
  event: {
    streamId: over.streamId ?? `thing-${position}`,
    id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
    revision: 0n,
    type: over.type ?? 'ThingHappened',
    created: new Date(Date.UTC(2026, 0, 1) + Number(position)),
    data: { position: String(position) },
    metadata: { principal: 'alice', correlationId: 'c', causationId: 'c', 'sijill:schemaVersion': 1 },
    isJson: true,
    position: { commit: position, prepare: position },
  },
  commitPosition: position,
});

/**
 * A scripted stand-in for KurrentDB's `subscribeToAll` — the only fake in the adapter's tests,
 * and only for its own resume logic. It keeps a log; each `open(from)` delivers the events
 * after `from` (`START`: all) in order, waits for appends when it reaches the end (live), and
 * follows the next script in line (drop, end, include the start event).
 */
export class ScriptedServer implements SubscriptionSource {
  readonly log: AllStreamResolvedEvent[] = [];
  /** The position each call was opened at, in order. */
  readonly opens: ReadPosition[] = [];
  /** Events handed out by all calls (what the adapter pulled). */
  pulled = 0;
  closedCalls = 0;
  readonly #scripts: CallScript[];
  #wakeUp: (() => void) | undefined;

  constructor(
    positions: readonly bigint[] = [],
    scripts: CallScript[] = [],
    readonly startFor: (after: bigint) => Promise<ReadPosition> = async (after) =>
      after <= 0n ? 'start' : { commit: after, prepare: after },
  ) {
    this.#scripts = [...scripts];
    this.append(...positions.map((p) => aResolvedEvent(p)));
  }

  append(...events: AllStreamResolvedEvent[]): void {
    this.log.push(...events);
    this.#wakeUp?.();
  }

  open(from: ReadPosition): ClientSubscription {
    this.opens.push(from);
    const script = this.#scripts.shift() ?? {};
    const start = from === 'start' ? -1n : from === 'end' ? (this.log.at(-1)?.commitPosition ?? -1n) : from.commit;
    let closed = false;
    let wake: (() => void) | undefined;
    const server = this;
    async function* call(): AsyncGenerator<AllStreamResolvedEvent> {
      let delivered = 0;
      let index = 0;
      while (!closed) {
        const next = server.log[index];
        if (!next) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            server.#wakeUp = resolve;
          });
          continue;
        }
        index += 1;
        const position = next.commitPosition!;
        if (script.inclusive ? position < start : position <= start) continue;
        if (script.failAfter && delivered === script.failAfter.events) throw script.failAfter.error;
        if (script.endAfter !== undefined && delivered === script.endAfter) return;
        delivered += 1;
        server.pulled += 1;
        yield next;
      }
    }
    const iterator = call();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        server.closedCalls += 1;
        wake?.();
      },
    };
  }
}
