import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../services/eventstore/port.js';
import { LogWatcher } from '../../services/eventstore/postgres/logWatcher.js';
import { PostgresSubscription } from '../../services/eventstore/postgres/subscription.js';

/**
 * Found while running the Idempotency-Key tests on PostgreSQL, whose `ledger.close()` hung about
 * one run in two: the read-model follower's subscription was closed while its read of the log
 * was on its way; the read came back empty, and the subscription then waited for the head to
 * move — which nothing would do — so the follower never stopped and the service never shut
 * down. Staged here with a scripted read and the store's own watcher, so it happens every time.
 */
const HEAD = 5n;

const eventAt = (position: bigint): RecordedEvent => ({
  position,
  streamId: 'thing-1',
  revision: position - 1n,
  eventId: crypto.randomUUID(),
  type: 'ThingHappened',
  schemaVersion: 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  data: {},
  metadata: { principal: 'p', correlationId: 'c', causationId: 'c' },
});

const within = <T>(promise: Promise<T>, ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`still waiting after ${ms} ms`), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
};

describe('a PostgreSQL subscription closed while it reads the log', () => {
  it('ends that iteration though no event follows, so whoever follows the log can stop', async () => {
    // Given a log whose head (5) the store's watcher has seen, polled every millisecond,
    const watcher = new LogWatcher(async () => ({ bound: (HEAD + 1n) << 20n, head: HEAD }), 1);
    await watcher.wait(() => true).promise;
    // and a live subscription that has delivered event 5, whose next read is held,
    let answerRead!: (page: RecordedEvent[]) => void;
    const subscription = new PostgresSubscription(
      {
        readPage: async (after) =>
          after < HEAD
            ? [eventAt(HEAD)]
            : new Promise<RecordedEvent[]>((resolve) => {
                answerRead = resolve;
              }),
        watcher,
        released: () => undefined,
      },
      HEAD - 1n,
      undefined,
    );
    try {
      expect((await subscription.next()).value?.position).toBe(HEAD);
      const pending = subscription.next();
      // when it is closed while that read is on its way, and the read then finds nothing new,
      await subscription.close();
      answerRead([]);
      // then the iteration ends at once, and nothing is left waiting on the watcher.
      expect(await within(pending, 2_000)).toEqual({ done: true, value: undefined });
      expect(watcher.waiting).toBe(0);
    } finally {
      watcher.stop();
    }
  });
});
