import kurrentdb from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { EventStoreError, StoreUnavailableError } from '../../services/eventstore/errors.js';
import { ResumingSubscription } from '../../services/eventstore/kurrentdb/resumingSubscription.js';
import type { RecordedEvent } from '../../services/eventstore/port.js';
import { aCheckpoint, aResolvedEvent, ScriptedServer } from './scriptedSubscriptions.js';

const dropped = () => new kurrentdb.UnavailableError(undefined, 'connection reset');
const everything = () => true;
const positions = (count: number, step = 100n) => Array.from({ length: count }, (_, i) => BigInt(i + 1) * step);
const fast = { initialDelayMs: 0, maxDelayMs: 0 };

const take = async (subscription: ResumingSubscription, count: number): Promise<RecordedEvent[]> => {
  const received: RecordedEvent[] = [];
  while (received.length < count) {
    const next = await subscription.next();
    if (next.done) break;
    received.push(next.value);
  }
  return received;
};
const positionsOf = (events: readonly RecordedEvent[]) => events.map((e) => e.position);
const at = (p: bigint) => ({ commit: p, prepare: p });

describe('a KurrentDB subscription that survives disconnects (against a scripted subscription stream)', () => {
  it('resumes after each drop from the last delivered position: every event once, in order, none skipped', async () => {
    // Given a log of ten events and a server that drops the first call after 4 and the second after 3
    const server = new ScriptedServer(positions(10), [
      { failAfter: { events: 4, error: dropped() } },
      { failAfter: { events: 3, error: dropped() } },
    ]);
    const subscription = new ResumingSubscription(server, 0n, everything, fast);
    // When the consumer takes all ten
    const received = await take(subscription, 10);
    // Then it got each exactly once, in order, and the calls resumed after 400 and 700
    expect(positionsOf(received)).toEqual(positions(10));
    expect(server.opens).toEqual(['start', at(400n), at(700n)]);
    await subscription.close();
  });

  it('never repeats the event at the resume position, even from a server that includes it (as reads do)', async () => {
    const server = new ScriptedServer(positions(6), [
      { failAfter: { events: 2, error: dropped() } },
      { inclusive: true, failAfter: { events: 3, error: dropped() } },
      { inclusive: true },
    ]);
    const subscription = new ResumingSubscription(server, 0n, everything, fast);
    expect(positionsOf(await take(subscription, 6))).toEqual(positions(6));
    await subscription.close();
  });

  it('delivers only what is strictly after `after`, starting where startFor says (a non-boundary position)', async () => {
    // after = 450 is not an event position: startFor anchors at 400, the guard drops up to 450
    const server = new ScriptedServer(positions(8), [], async () => at(400n));
    const subscription = new ResumingSubscription(server, 450n, everything, fast);
    expect(positionsOf(await take(subscription, 4))).toEqual([500n, 600n, 700n, 800n]);
    expect(server.opens).toEqual([at(400n)]);
    await subscription.close();
  });

  it('resumes after the last event received, matching or not, so a filtered subscription rescans nothing', async () => {
    const server = new ScriptedServer([], [{ failAfter: { events: 3, error: dropped() } }]);
    server.append(
      aResolvedEvent(100n, { type: 'Wanted' }),
      aResolvedEvent(200n, { type: 'Other' }),
      aResolvedEvent(300n, { type: 'Other' }),
      aResolvedEvent(400n, { type: 'Wanted' }),
    );
    const subscription = new ResumingSubscription(server, 0n, (e) => e.type === 'Wanted', fast);
    expect(positionsOf(await take(subscription, 2))).toEqual([100n, 400n]);
    expect(server.opens).toEqual(['start', at(300n)]);
    await subscription.close();
  });

  it("resumes from the server's last checkpoint, at the exact position it gave, so a narrow filter rescans nothing", async () => {
    // Given a server filtering for us: a match at 100, then it passes over events and says so at 900 (prepare 890)
    const server = new ScriptedServer([], [{ failAfter: { events: 2, error: dropped() } }]);
    server.append(aResolvedEvent(100n), aCheckpoint(900n, 890n), aResolvedEvent(1_000n));
    const subscription = new ResumingSubscription(server, 0n, everything, fast);
    // When the call drops after the checkpoint
    expect(positionsOf(await take(subscription, 2))).toEqual([100n, 1_000n]);
    // Then the new call started at the checkpoint as given, not after the last match
    expect(server.opens).toEqual(['start', { commit: 900n, prepare: 890n }]);
    await subscription.close();
  });

  it('never moves the resume point back for a checkpoint behind the last event', async () => {
    const server = new ScriptedServer([], [{ failAfter: { events: 3, error: dropped() } }]);
    server.append(aResolvedEvent(100n), aResolvedEvent(500n), aCheckpoint(300n), aResolvedEvent(600n));
    const subscription = new ResumingSubscription(server, 0n, everything, fast);
    expect(positionsOf(await take(subscription, 3))).toEqual([100n, 500n, 600n]);
    expect(server.opens).toEqual(['start', at(500n)]);
    await subscription.close();
  });

  it('goes live: delivers appends as they come, and a drop while live loses nothing', async () => {
    const server = new ScriptedServer(positions(2), [{ failAfter: { events: 3, error: dropped() } }]);
    const subscription = new ResumingSubscription(server, 0n, everything, fast);
    expect(positionsOf(await take(subscription, 2))).toEqual([100n, 200n]);
    const live = take(subscription, 3);
    server.append(aResolvedEvent(300n));
    server.append(aResolvedEvent(400n), aResolvedEvent(500n));
    expect(positionsOf(await live)).toEqual([300n, 400n, 500n]);
    expect(server.opens).toEqual(['start', at(300n)]);
    await subscription.close();
  });

  it('pulls one event per request: nothing is read ahead of the consumer', async () => {
    const server = new ScriptedServer(positions(1_000));
    const subscription = new ResumingSubscription(server, 0n, everything, fast);
    await take(subscription, 3);
    expect(server.pulled).toBe(3);
    await subscription.close();
  });

  it('treats the server ending the call as a drop and resubscribes', async () => {
    const server = new ScriptedServer(positions(5), [{ endAfter: 2 }]);
    const subscription = new ResumingSubscription(server, 0n, everything, fast);
    expect(positionsOf(await take(subscription, 5))).toEqual(positions(5));
    expect(server.opens).toEqual(['start', at(200n)]);
    await subscription.close();
  });

  it('ends the iteration with the translated error on a permanent failure, and releases the call', async () => {
    const server = new ScriptedServer(positions(3), [
      { failAfter: { events: 1, error: new kurrentdb.AccessDeniedError(undefined, 'denied') } },
    ]);
    let released = 0;
    const subscription = new ResumingSubscription(server, 0n, everything, fast, () => released++);
    expect((await subscription.next()).value?.position).toBe(100n);
    const failure = await subscription.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EventStoreError);
    expect(failure).not.toBeInstanceOf(StoreUnavailableError);
    expect(server.closedCalls).toBe(1);
    expect(released).toBe(1);
    expect(await subscription.next()).toEqual({ done: true, value: undefined });
  });

  it('gives up after maxAttempts consecutive failures, reporting each before its wait', async () => {
    const server = new ScriptedServer(positions(3), [
      { failAfter: { events: 0, error: dropped() } },
      { failAfter: { events: 0, error: dropped() } },
      { failAfter: { events: 0, error: dropped() } },
    ]);
    const reports: number[] = [];
    const subscription = new ResumingSubscription(server, 0n, everything, {
      ...fast,
      maxAttempts: 2,
      onReconnect: ({ attempt }) => reports.push(attempt),
    });
    expect(await subscription.next().catch((error: unknown) => error)).toBeInstanceOf(StoreUnavailableError);
    expect(reports).toEqual([1, 2]);
  });

  it('counts attempts from the last event received: progress resets the back-off', async () => {
    const server = new ScriptedServer(
      positions(4),
      positions(3).map(() => ({ failAfter: { events: 1, error: dropped() } })),
    );
    const subscription = new ResumingSubscription(server, 0n, everything, { ...fast, maxAttempts: 1 });
    expect(positionsOf(await take(subscription, 4))).toEqual(positions(4));
    await subscription.close();
  });

  it('close() ends a waiting next() and the client call; break does the same', async () => {
    const server = new ScriptedServer(positions(1));
    const subscription = new ResumingSubscription(server, 100n, everything, fast);
    const waiting = subscription.next();
    await new Promise((resolve) => setImmediate(resolve));
    await subscription.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(server.closedCalls).toBe(1);

    const second = new ResumingSubscription(new ScriptedServer(positions(3)), 0n, everything, fast);
    for await (const event of second) {
      expect(event.position).toBe(100n);
      break;
    }
    expect(await second.next()).toEqual({ done: true, value: undefined });
  });

  it('close() while the start position is still being looked up ends the iteration, opening nothing', async () => {
    const server = new ScriptedServer(positions(2), [], () => new Promise(() => {}));
    const subscription = new ResumingSubscription(server, 150n, everything, fast);
    const waiting = subscription.next();
    await subscription.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(server.opens).toEqual([]);
  });

  it('close() during a back-off wait ends the iteration at once', async () => {
    const server = new ScriptedServer(positions(2), [{ failAfter: { events: 0, error: dropped() } }]);
    const subscription = new ResumingSubscription(server, 0n, everything, { initialDelayMs: 60_000, maxDelayMs: 60_000 });
    const waiting = subscription.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
  });
});
