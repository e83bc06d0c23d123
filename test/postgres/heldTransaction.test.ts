import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresEventStore, type PostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { anEvent, aStream, expectStrictlyIncreasing, idsOf, take } from '../contract/fixture.js';
import { type PostgresServer, postgresForSuite } from '../support/postgresServer.js';

/**
 * Issue 13, item 2: sequence numbers commit out of order in PostgreSQL, and a reader that
 * remembers "last position seen" loses for good an event that commits later below it
 * (Marten #1629, Eventuous #222, SQLStreamStore #121). Here a writer's transaction is held
 * open for 3 s while other writers commit: no reader may skip its event.
 */
const target = postgresForSuite('PostgreSQL held transaction');

const HOLD_MS = 3_000;

describe.skipIf(!target.available)('a transaction held open while others commit', () => {
  let server: PostgresServer | undefined;
  let connectionString = '';
  let store: PostgresEventStore;
  beforeAll(async () => {
    if (!target.available) return;
    server = await target.start();
    connectionString = await server.createDatabase();
    // Acknowledgements stop waiting for the held transaction after 50 ms, so the others' writes go on.
    store = await openPostgresEventStore({ connectionString, visibilityWaitMs: 50 });
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('is delivered, in (transaction id, sequence) order, to every reader — none skips it', async () => {
    const start = await store.headPosition();
    const subscription = store.subscribe({ after: start });
    const heldEvent = anEvent({ type: 'Held' });
    const held = new pg.Client({ connectionString });
    await held.connect();
    // Given a writer whose append has run but whose transaction stays open:
    await held.query('BEGIN');
    await held.query(`SELECT * FROM sijill.append_events($1, $2, $3, $4, $5, $6, $7, $8, NULL)`, [
      [aStream()],
      ['any'],
      [1],
      [heldEvent.eventId],
      ['Held'],
      [1],
      ['{}'],
      [JSON.stringify(heldEvent.metadata)],
    ]);
    const heldUntil = Date.now() + HOLD_MS;

    // When other writers commit 40 events meanwhile (each acknowledged: committed),
    const others = [];
    for (let i = 0; i < 40; i++) {
      const event = anEvent({ type: 'Other' });
      await store.append(aStream(), [event]);
      others.push(event);
    }
    const committed = new pg.Client({ connectionString });
    await committed.connect();
    const { rows } = await committed.query<{ n: string }>("SELECT count(*) AS n FROM sijill.events WHERE type = 'Other'");
    await committed.end();
    expect(Number(rows[0]!.n)).toBe(40);
    // then a reader that polls "after the last position seen" sees none of them yet: the held one would come first,
    expect(await store.readAll({ after: start })).toEqual([]);
    expect(await store.headPosition()).toBe(start);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, heldUntil - Date.now())));
    await held.query('COMMIT');
    await held.end();

    // and once it commits, every reader gets all 41, the held one first.
    const delivered = await take(subscription, 41);
    await subscription.close();
    const read = await store.readAll({ after: start });
    expect(idsOf(read)).toEqual([heldEvent.eventId, ...idsOf(others)]);
    expect(idsOf(delivered)).toEqual(idsOf(read));
    expectStrictlyIncreasing([start, ...read.map((e) => e.position)]);
    expect(await store.headPosition()).toBe(read.at(-1)!.position);
  });

  it('reports readers held back as lag, and none once the transaction ends', async () => {
    const held = new pg.Client({ connectionString });
    await held.connect();
    await held.query('BEGIN');
    await held.query('SELECT pg_current_xact_id()');
    await store.append(aStream(), [anEvent({ eventId: randomUUID() })]);
    expect((await store.readerLag()).events).toBe(1);
    await held.query('ROLLBACK');
    await held.end();
    expect(await store.readerLag()).toEqual({ events: 0, seconds: 0 });
  });
});
