import type { EventStore } from '../../services/eventstore/port.js';

/** A promise settled from outside; the deadline only turns a hang into a readable failure. */
export const aGate = (what: string, deadlineMs = 10_000) => {
  let open!: () => void;
  let timer: NodeJS.Timeout | undefined;
  const opened = new Promise<void>((resolve, reject) => {
    open = () => {
      clearTimeout(timer);
      resolve();
    };
    timer = setTimeout(() => reject(new Error(`gate never opened: ${what}`)), deadlineMs);
  });
  opened.catch(() => {});
  return { open, opened };
};

/** Hooks around the store calls that touch one stream; each may hold the call until it resolves. */
export interface StreamHooks {
  /** Before the n-th (from 1) `readStream` of the stream runs. */
  beforeRead?(n: number): Promise<void> | void;
  /** Before the n-th `append` to the stream runs, and after it settled. */
  beforeAppend?(n: number): Promise<void> | void;
  afterAppend?(n: number): void;
}

/**
 * The store the routes use, with one stream's reads and appends held where a test says:
 * it stages the interleavings two concurrent requests can take, deterministically. Every
 * other call, and the store itself, are untouched.
 */
export const withHeldStream = (store: EventStore, streamId: string, hooks: StreamHooks): EventStore => {
  let reads = 0;
  let appends = 0;
  const held: Partial<EventStore> = {
    async readStream(...args: Parameters<EventStore['readStream']>) {
      if (args[0] === streamId) await hooks.beforeRead?.(++reads);
      return store.readStream(...args);
    },
    async append(...args: Parameters<EventStore['append']>) {
      if (args[0] !== streamId) return store.append(...args);
      const n = ++appends;
      await hooks.beforeAppend?.(n);
      try {
        return await store.append(...args);
      } finally {
        hooks.afterAppend?.(n);
      }
    },
  };
  // Everything else goes to the store itself (bound: adapters keep private state).
  return new Proxy(store, {
    get: (target, property) => {
      const own = held[property as keyof EventStore];
      if (own) return own;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

/** How two identical requests interleave: hooks on the held stream, and when the second request is sent. */
export interface Interleaving {
  readonly hooks: StreamHooks;
  readonly sendSecond: Promise<void>;
}

/** Both requests decide on the same state: neither append runs until both have arrived. */
export const bothDecideFirst = (): Interleaving => {
  const both = aGate('both requests to reach their append');
  return {
    hooks: {
      beforeAppend: (n) => {
        if (n === 2) both.open();
        return both.opened;
      },
    },
    sendSecond: Promise.resolve(),
  };
};

/**
 * The second decides only after the first has landed, though it passed the index check
 * before: the first append waits for the second's read, which waits for that append.
 */
export const secondDecidesAfterFirstLanded = (): Interleaving => {
  const firstReading = aGate("the first request's read");
  const secondReading = aGate("the second request's read");
  const firstLanded = aGate('the first append to land');
  return {
    hooks: {
      beforeRead: (n) => {
        if (n === 1) return firstReading.open();
        secondReading.open();
        return firstLanded.opened;
      },
      beforeAppend: (n) => (n === 1 ? secondReading.opened : undefined),
      afterAppend: (n) => {
        if (n === 1) firstLanded.open();
      },
    },
    sendSecond: firstReading.opened,
  };
};
