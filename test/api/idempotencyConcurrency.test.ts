import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import type { AppDeps } from '../../services/deps.js';
import { KurrentDbEventStore } from '../../services/eventstore/kurrentdb/index.js';
import { openPostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { ScriptedKurrentDb } from '../kurrentdb/scriptedClient.js';
import { aControlClaim, givenRegistry, post } from '../support/builders.js';
import { bothDecideFirst, secondDecidesAfterFirstLanded, withHeldStream } from '../support/gatedStore.js';
import { buildCheckedApp, type GivenApp, givenApp } from '../support/ledger.js';
import { postgresForSuite } from '../support/postgresServer.js';

// PostgreSQL too (issue 16): a throwaway server, or SIJILL_TEST_POSTGRES; skipped, saying why, without either.
const postgres = postgresForSuite('Idempotency-Key on PostgreSQL');
const postgresServer = postgres.available ? await postgres.start() : undefined;
afterAll(async () => {
  await postgresServer?.stop();
});

/**
 * Two identical requests under one Idempotency-Key, sent at the same moment (a client that
 * retried on a timeout, two replicas behind a load balancer): both pass the index check
 * before either write lands. The store is held at chosen points to stage each interleaving.
 */
const stores = [
  ['the embedded SQLite store', () => undefined],
  [
    'the KurrentDB adapter on a scripted server',
    () => new KurrentDbEventStore(new ScriptedKurrentDb().connect, { connectionString: 'kurrentdb://scripted:2113?tls=false' }),
  ],
  ...(postgresServer
    ? ([
        [
          'the PostgreSQL store (a fresh database each)',
          async () => openPostgresEventStore({ connectionString: await postgresServer.createDatabase() }),
        ],
      ] as const)
    : []),
] as const;

const streamId = 'claim-sdf-controls-80pct-al-susa';
const url = '/v1/claims/sdf-controls-80pct-al-susa';

/**
 * A second replica whose read models lag behind the log (its 5 s wait for the index ran out):
 * it knows no idempotency record yet, whatever lands. It shares the store with the first.
 */
const laggingReplica = (deps: AppDeps): AppDeps => {
  const behind = ledgerProjection.initialState();
  const follower = new Proxy(deps.follower, {
    get: (target, property) => {
      if (property === 'waitFor') return async () => false;
      if (property === 'state') return behind;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...deps, follower };
};

const writes = [
  ['correction', 'corrections', 'ClaimCorrected', { changes: { share: 0.7 }, reason: 'SDF revised the figure' }],
  ['retraction', 'retractions', 'ClaimRetracted', { reason: 'withdrawn' }],
] as const;
const interleavings = [
  ['both decide on the same state', bothDecideFirst],
  ['the second decides after the first landed', secondDecidesAfterFirstLanded],
] as const;

describe.each(stores)('Idempotency-Key on %s: the same keyed write sent twice at the same moment', (_, openStore) => {
  let given: GivenApp;
  beforeEach(async () => {
    const store = await openStore();
    given = await givenApp({}, store ? { store } : {});
    await givenRegistry(given);
    await post(given, '/v1/claims', aControlClaim());
  });
  afterEach(() => given.close());

  for (const [what, path, type, body] of writes) {
    for (const [interleaving, interleave] of interleavings) {
      for (const lagging of [false, true]) {
        const where = lagging ? "on two replicas, the second's index lagging" : 'on one replica';
        // Only the log can tell a lagging replica about its twin: here it decides on what the twin wrote.
        const answersAsFirst = !(lagging && interleave === secondDecidesAfterFirstLanded);
        const answered = answersAsFirst ? 'both answered 201 with the first answer' : 'the second answered as a repeat';
        it(`${what}, ${where}, ${interleaving}: one event appended, ${answered}`, async () => {
          // Given the routes on a store held as the interleaving says
          const { hooks, sendSecond } = interleave();
          const held = { ...given.ledger, store: withHeldStream(given.store, streamId, hooks) };
          const first = await buildCheckedApp(held);
          const second = lagging ? await buildCheckedApp(laggingReplica(held)) : first;
          try {
            const head = await given.head();
            const headers = { 'idempotency-key': `${what}-1` };
            // When the same keyed request arrives twice at once
            const send = (app: typeof first) => app.inject({ method: 'POST', url: `${url}/${path}`, payload: body, headers });
            const [one, two] = await Promise.all([send(first), sendSecond.then(() => send(second))]);
            // Then the stream holds the write once
            const events = await given.store.readStream(streamId);
            expect(events.map((e) => e.type)).toEqual(['ClaimRecorded', type]);
            const newHead = await given.head();
            expect((await given.store.readAll({ after: head })).map((e) => e.type)).toEqual([type]);
            expect(one!.statusCode, one!.body).toBe(201);
            expect(one!.json()).toMatchObject({ revision: 1, position: String(newHead) });
            // …and both callers are told so
            if (answersAsFirst) {
              expect(two!.statusCode, two!.body).toBe(201);
              expect(two!.json()).toEqual(one!.json());
            } else if (what === 'correction') {
              expect(two!.statusCode, two!.body).toBe(200);
              expect(two!.json()).toEqual(one!.json());
            } else {
              expect(two!.statusCode, two!.body).toBe(409);
              expect(two!.json().code).toBe('claim_retracted');
            }
          } finally {
            await first.close();
            if (second !== first) await second.close();
          }
        });
      }
    }
  }
});
