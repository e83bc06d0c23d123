import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { EventStore, NewEvent, RecordedEvent, Subscription } from '../../services/eventstore/port.js';

/** What an adapter hands the contract suite for one test. */
export interface ContractFixture {
  readonly store: EventStore;
  /** Open the same data again; called only after the test has closed `store`. Omit to skip the reopen cases. */
  readonly reopen?: () => Promise<EventStore>;
  /** Close whatever is still open and remove what the test wrote (where the store allows it). */
  readonly cleanup: () => Promise<void>;
  /**
   * Where an engine documents a narrower guarantee than the port's default, the case checks
   * the documented behaviour instead (never skips it). @defaultValue every guarantee
   */
  readonly capabilities?: {
    /** Event ids are unique across the whole log, not only within a stream. @defaultValue true */
    readonly eventIdsUniqueAcrossStreams?: boolean;
  };
}

export type OpenFixture = () => Promise<ContractFixture>;

/**
 * Cases never assume an empty log (a KurrentDB server has other streams): every test uses
 * fresh categories and streams, and reads the log relative to the head it found.
 */
export const aCategory = (): string => `c${randomUUID().replaceAll('-', '').slice(0, 12)}`;
export const aStream = (category: string = aCategory()): string => `${category}-${randomUUID()}`;

export const anEvent = (over: Partial<NewEvent> = {}): NewEvent => ({
  eventId: randomUUID(),
  type: 'ThingHappened',
  schemaVersion: 1,
  data: { note: 'something happened' },
  metadata: { principal: 'alice', correlationId: randomUUID(), causationId: randomUUID() },
  ...over,
});

export const someEvents = (count: number, over: Partial<NewEvent> = {}): NewEvent[] =>
  Array.from({ length: count }, () => anEvent(over));

export const idsOf = (events: readonly { eventId: string }[]): string[] => events.map((event) => event.eventId);

/** The error a promise rejects with (fails the test if it resolves). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  expect.fail('expected the promise to reject');
};

/**
 * Pull events from a subscription until `count` have arrived (or it ends). The deadline only
 * turns a hang into a readable failure; it never decides success.
 */
export const take = async (subscription: Subscription, count: number, deadlineMs = 30_000): Promise<RecordedEvent[]> => {
  const received: RecordedEvent[] = [];
  const iterator = subscription[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`received ${received.length} of ${count} events before the deadline`)), deadlineMs);
  });
  try {
    while (received.length < count) {
      const next = await Promise.race([iterator.next(), deadline]);
      if (next.done) break;
      received.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return received;
};

export const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
  for (let i = 1; i < positions.length; i++) {
    if (positions[i]! <= positions[i - 1]!)
      expect.fail(`position ${positions[i]} at index ${i} does not follow ${positions[i - 1]}`);
  }
};
