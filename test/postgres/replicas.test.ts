import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../services/eventstore/port.js';
import { openPostgresEventStore, type PostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { anEvent, aStream, expectStrictlyIncreasing, idsOf, take } from '../contract/fixture.js';
import { type PostgresServer, postgresForSuite } from '../support/postgresServer.js';

/**
 * Issue 13, item 4: several replicas on one database. Each replica is what a `sijill` process
 * opens — its own store, its own connection pool — so their writers commit concurrently and
 * out of order; every replica's subscriber must see every event exactly once, in one order.
 */
const target = postgresForSuite('PostgreSQL replicas');

const REPLICAS = 3;
const WRITERS = 4;
const EVENTS_PER_WRITER = 1_000;

describe.skipIf(!target.available)('three replicas on one database', () => {
  let server: PostgresServer | undefined;
  let replicas: PostgresEventStore[] = [];
  beforeAll(async () => {
    if (!target.available) return;
    server = await target.start();
    const connectionString = await server.createDatabase();
    // Started together, as replicas are: the schema is migrated once, by whichever comes first.
    replicas = await Promise.all(Array.from({ length: REPLICAS }, () => openPostgresEventStore({ connectionString })));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await server?.stop();
  });

  it(`${REPLICAS} replicas × ${WRITERS} writers × ${EVENTS_PER_WRITER} events: every subscriber receives every event once, in one order`, async () => {
    const start = await replicas[0]!.headPosition();
    const total = REPLICAS * WRITERS * EVENTS_PER_WRITER;
    const subscriptions = replicas.map((replica) => replica.subscribe({ after: start }));
    const received = subscriptions.map((subscription) => take(subscription, total, 170_000));
    const written = await Promise.all(
      replicas.flatMap((replica) =>
        Array.from({ length: WRITERS }, async () => {
          const stream = aStream();
          const ids: string[] = [];
          for (let i = 0; i < EVENTS_PER_WRITER; i++) {
            const event = anEvent({ type: 'Written' });
            await replica.append(stream, [event], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
            ids.push(event.eventId);
          }
          return { stream, ids };
        }),
      ),
    );
    const delivered: RecordedEvent[][] = await Promise.all(received);
    await Promise.all(subscriptions.map((subscription) => subscription.close()));

    const log = await replicas[1]!.readAll({ after: start });
    expect(log).toHaveLength(total);
    expectStrictlyIncreasing([start, ...log.map((e) => e.position)]);
    for (const events of delivered) {
      expect(events).toHaveLength(total);
      expect(idsOf(events)).toEqual(idsOf(log));
      expect(events.map((e) => e.position)).toEqual(log.map((e) => e.position));
    }
    for (const { stream, ids } of written) expect(idsOf(log.filter((e) => e.streamId === stream))).toEqual(ids);
    expect(new Set(idsOf(log)).size).toBe(total);
  }, 180_000);

  it('appends a retried write once when two replicas receive it at the same time', async () => {
    const stream = aStream();
    const events = [anEvent(), anEvent()];
    const results = await Promise.all(
      replicas.map((replica) => replica.append(stream, events, { expectedRevision: 'no_stream' })),
    );
    for (const result of results) expect(result).toEqual(results[0]);
    expect(idsOf(await replicas[2]!.readStream(stream))).toEqual(idsOf(events));
  });

  it('lets exactly one of two replicas win an expected revision', async () => {
    const stream = aStream();
    await replicas[0]!.append(stream, [anEvent()]);
    const outcomes = await Promise.allSettled(
      replicas.map((replica) => replica.append(stream, [anEvent()], { expectedRevision: 0n })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected'))
      expect((o as PromiseRejectedResult).reason).toMatchObject({ name: 'WrongExpectedRevisionError', actual: 1n });
  });
});
