import type { AllStreamResolvedEvent, ReadPosition } from '../../services/eventstore/kurrentdb/kurrentClient.js';
import type {
  ClientSubscription,
  SubscriptionItem,
  SubscriptionSource,
} from '../../services/eventstore/kurrentdb/resumingSubscription.js';

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

/** A checkpoint as a filtered subscription sends it: the server has read up to here. */
export const aCheckpoint = (commit: bigint, prepare = commit): SubscriptionItem => ({ checkpoint: { commit, prepare } });

const positionOf = (item: SubscriptionItem): bigint => ('checkpoint' in item ? item.checkpoint.commit : item.commitPosition!);

/**
 * A scripted stand-in for KurrentDB's `subscribeToAll` — the only fake in the adapter's tests,
 * and only for its own resume logic. It keeps a log; each `open(from)` delivers the events
 * after `from` (`START`: all) in order, waits for appends when it reaches the end (live), and
 * follows the next script in line (drop, end, include the start event). Checkpoints put in
 * the log (`aCheckpoint`) are delivered in their place, as a filtered subscription would.
 */
export class ScriptedServer implements SubscriptionSource {
  readonly log: SubscriptionItem[] = [];
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

  append(...events: SubscriptionItem[]): void {
    this.log.push(...events);
    this.#wakeUp?.();
  }

  open(from: ReadPosition): ClientSubscription {
    this.opens.push(from);
    const script = this.#scripts.shift() ?? {};
    const last = this.log.at(-1);
    const start = from === 'start' ? -1n : from === 'end' ? (last ? positionOf(last) : -1n) : from.commit;
    let closed = false;
    let wake: (() => void) | undefined;
    const server = this;
    async function* call(): AsyncGenerator<SubscriptionItem> {
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
        const position = positionOf(next);
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
