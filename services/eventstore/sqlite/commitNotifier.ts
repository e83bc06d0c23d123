/**
 * Wakes live subscriptions after each commit. It carries no events: a woken subscription
 * re-reads the log from its own last delivered position, so a missed or merged wake-up can
 * never cause a gap or a duplicate.
 *
 * Race-free because better-sqlite3 is synchronous: a subscription reads the log and calls
 * `wait()` in one turn of the event loop, so no commit can fall between the two.
 */
export class CommitNotifier {
  readonly #waiters = new Set<() => void>();

  /** A promise that resolves at the next commit, or when `cancel` is called. */
  wait(): { promise: Promise<void>; cancel: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    this.#waiters.add(resolve);
    return {
      promise,
      cancel: () => {
        this.#waiters.delete(resolve);
        resolve();
      },
    };
  }

  notify(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const resolve of waiters) resolve();
  }

  /** How many subscriptions are waiting (for tests: none after they are released). */
  get waiting(): number {
    return this.#waiters.size;
  }
}
