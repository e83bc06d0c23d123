import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError, StreamNotFoundError } from '../../services/eventstore/errors.js';
import type { NewEvent } from '../../services/eventstore/port.js';
import { openPostgresEventStore, type PostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { aCategory, anEvent, aStream, idsOf, rejectionOf, take } from '../contract/fixture.js';
import { aControlClaim, get, givenRegistry, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';
import { type PostgresServer, postgresForSuite } from '../support/postgresServer.js';
import { type FailingCommits, failingCommits } from './failingCommits.js';

/**
 * Issue 16 on PostgreSQL: a write is acknowledged only once it is committed. Here the COMMIT
 * itself fails (a deferred trigger raises `disk_full` at commit, after the append function
 * returned) while several writes are in flight at their commit together: each caller must
 * hear the store is unavailable, and nothing of theirs may be readable — while a write of
 * another stream committing among them is kept and acknowledged.
 */
const target = postgresForSuite('PostgreSQL commit failure');

/** Every outcome a rejection with StoreUnavailableError naming the failed commit (an early acknowledgement shows up as 'fulfilled'). */
const expectAllUnavailable = (results: PromiseSettledResult<unknown>[]) => {
  expect(results.map((r) => r.status)).toEqual(results.map(() => 'rejected'));
  for (const result of results) {
    const reason = (result as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(StoreUnavailableError);
    expect(String(reason.message)).toContain('53100');
  }
};

let server: PostgresServer | undefined;
let connectionString = '';
beforeAll(async () => {
  if (!target.available) return;
  server = await target.start();
});
afterAll(async () => {
  await server?.stop();
});

describe.skipIf(!target.available)('a PostgreSQL commit that fails with several writes in flight', () => {
  let store: PostgresEventStore;
  let failing: FailingCommits | undefined;
  beforeEach(async () => {
    connectionString = await server!.createDatabase();
    store = await openPostgresEventStore({ connectionString });
  });
  afterEach(async () => {
    await failing?.remove();
    failing = undefined;
    await store.close();
  });

  it('fails every write whose commit failed as unavailable, keeps none of them, and keeps the write that committed', async () => {
    // Given a log holding one event, and a category whose commits fail
    const kept = aStream();
    await store.append(kept, [anEvent()]);
    const start = await store.headPosition();
    const doomed = aCategory();
    failing = await failingCommits(connectionString, doomed);
    const streams = [aStream(doomed), aStream(doomed), aStream(doomed), aStream(doomed)];
    const events: NewEvent[][] = streams.map((_, i) => [anEvent(), ...(i % 2 === 0 ? [anEvent()] : [])]);
    const other = aStream();
    const otherEvents: NewEvent[] = [anEvent()];

    // When four appends — one of them to two streams at once, one with an exact revision —
    // reach their commit together,
    const doomedWrites = [
      store.append(streams[0]!, events[0]!, { expectedRevision: 'no_stream' }),
      store.append(streams[1]!, events[1]!),
      store.appendMulti([
        { streamId: streams[2]!, events: events[2]! },
        { streamId: kept, events: [anEvent()], expectedRevision: 0n },
      ]),
      store.append(streams[3]!, events[3]!, { expectedRevision: 'any' }),
    ];
    const settled = Promise.allSettled(doomedWrites);
    await failing.untilWaiting(4);
    // and another write commits while they wait there,
    const otherWrite = store.append(other, otherEvents, { expectedRevision: 'no_stream' });
    // then their commits fail:
    await failing.open();

    // every caller hears the store is unavailable,
    expectAllUnavailable(await settled);
    // the other write is acknowledged and readable,
    const acknowledged = await otherWrite;
    expect(idsOf(await store.readStream(other))).toEqual(idsOf(otherEvents));
    // and nothing of the failed writes can be read back: not in the log, not in their streams,
    // not by a subscriber, not through another replica's connections.
    const replica = await openPostgresEventStore({ connectionString });
    try {
      for (const reader of [store, replica]) {
        expect(idsOf(await reader.readAll({ after: start }))).toEqual(idsOf(otherEvents));
        expect(await reader.headPosition()).toBe(acknowledged.position);
        for (const stream of streams) expect(await rejectionOf(reader.readStream(stream))).toBeInstanceOf(StreamNotFoundError);
        expect(await reader.streamRevision(kept)).toBe(0n);
      }
      const subscription = replica.subscribe({ after: start });
      expect(idsOf(await take(subscription, 1))).toEqual(idsOf(otherEvents));
      await subscription.close();
    } finally {
      await replica.close();
    }

    // Once commits succeed again, the same writes (the same event ids) go through: nothing of theirs was kept.
    await failing.remove();
    failing = undefined;
    for (const [i, stream] of streams.entries()) {
      const result = await store.append(stream, events[i]!, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(BigInt(events[i]!.length - 1));
    }
    expect(await store.readAll({ after: start })).toHaveLength(1 + events.flat().length);
  });
});

describe.skipIf(!target.available)('HTTP writes whose commit fails on PostgreSQL', () => {
  let given: GivenApp;
  let failing: FailingCommits | undefined;
  beforeEach(async () => {
    connectionString = await server!.createDatabase();
    given = await givenApp({}, { store: await openPostgresEventStore({ connectionString }) });
    await givenRegistry(given);
  });
  afterEach(async () => {
    await failing?.remove();
    failing = undefined;
    await given.close();
  });

  it('answers each of several concurrent claims 503 store_unavailable, records none of them, and takes them once commits succeed', async () => {
    // Given a ledger with a registry, whose commits of claims fail
    const head = await given.head();
    failing = await failingCommits(connectionString, 'claim');
    const claims = ['first', 'second', 'third'].map((n) => aControlClaim({ id: `sdf-controls-al-susa-${n}` }));

    // When three claims are posted at once and their commits fail together
    const responses = claims.map((claim) => post(given, '/v1/claims', claim));
    await failing.untilWaiting(claims.length);
    await failing.open();

    // Then each is answered 503 store_unavailable, the log has not moved, and no claim can be read
    for (const response of await Promise.all(responses)) {
      expect(response.statusCode, response.body).toBe(503);
      expect(response.json()).toMatchObject({ code: 'store_unavailable', detail: expect.stringContaining('53100') });
    }
    expect(await given.head()).toBe(head);
    for (const claim of claims) expect((await get(given, `/v1/claims/${claim.id}`)).statusCode).toBe(404);

    // and once commits succeed again, the same requests are recorded.
    await failing.remove();
    failing = undefined;
    for (const claim of claims) expect((await post(given, '/v1/claims', claim)).statusCode).toBe(201);
    expect((await get(given, `/v1/claims/${claims[2]!.id}`)).statusCode).toBe(200);
  });
});
