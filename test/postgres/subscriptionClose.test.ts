import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../services/eventstore/port.js';
import { LogWatcher } from '../../services/eventstore/postgres/logWatcher.js';
import { PostgresSubscription } from '../../services/eventstore/postgres/subscription.js';

/**
 * A subscription closed while it reads a page (a follower stopping, an SSE client leaving)
 * must end, not go on to wait for the next commit — which, on a quiet log, never comes, and
 * kept `close()` of the whole ledger waiting forever. No server is needed: the page read is
 * held by the test.
 */
describe('a PostgreSQL subscription closed while it reads a page', () => {
  it('ends its pending next() once the read answers, and waits for nothing', async () => {
    let answer!: (page: RecordedEvent[]) => void;
    const reading = new Promise<RecordedEvent[]>((resolve) => {
      answer = resolve;
    });
    let pageReads = 0;
    const watcher = new LogWatcher(async () => ({ bound: 0n, head: 0n }), 10);
    const subscription = new PostgresSubscription(
      {
        readPage: () => {
          pageReads += 1;
          return reading;
        },
        watcher,
        released: () => undefined,
      },
      0n,
      undefined,
    );
    try {
      const next = subscription.next();
      expect(pageReads).toBe(1);
      await subscription.close();
      answer([]);
      await expect(next).resolves.toEqual({ done: true, value: undefined });
      // Nothing is left waiting on the watcher for a commit that may never come.
      expect(watcher.waiting).toBe(0);
    } finally {
      watcher.stop();
    }
  });
});
