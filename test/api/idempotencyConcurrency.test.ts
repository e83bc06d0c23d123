import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { buildApp } from '../../services/app.js';
import type { AppDeps } from '../../services/deps.js';
import { aControlClaim, givenRegistry, post } from '../support/builders.js';
import { aGate, type StreamHooks, withHeldStream } from '../support/gatedStore.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Two identical requests under one Idempotency-Key, sent at the same moment (a client that
 * retried on a timeout, two replicas behind a load balancer): both pass the index check
 * before either write lands. The store is held at chosen points to stage each interleaving.
 */
let given: GivenApp;
beforeEach(async () => {
  given = await givenApp();
  await givenRegistry(given);
  await post(given, '/v1/claims', aControlClaim());
});
afterEach(() => given.close());

const streamId = 'claim-sdf-controls-80pct-al-susa';
const url = '/v1/claims/sdf-controls-80pct-al-susa';

/** How the two requests interleave: hooks on the held stream, and when the second request is sent. */
interface Interleaving {
  readonly hooks: StreamHooks;
  readonly sendSecond: Promise<void>;
}

/** Both requests decide on the same state: neither append runs until both have arrived. */
const bothDecideFirst = (): Interleaving => {
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
const secondDecidesAfterFirstLanded = (): Interleaving => {
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

describe('Idempotency-Key: the same keyed write sent twice at the same moment', () => {
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
          const first = await buildApp(held);
          const second = lagging ? await buildApp(laggingReplica(held)) : first;
          try {
            const head = await given.head();
            const headers = { 'idempotency-key': `${what}-1` };
            // When the same keyed request arrives twice at once
            const send = (app: typeof first) => app.inject({ method: 'POST', url: `${url}/${path}`, payload: body, headers });
            const [one, two] = await Promise.all([send(first), sendSecond.then(() => send(second))]);
            // Then the stream holds the write once
            const events = await given.store.readStream(streamId);
            expect(events.map((e) => e.type)).toEqual(['ClaimRecorded', type]);
            expect(await given.head()).toBe(head + 1n);
            expect(one!.statusCode, one!.body).toBe(201);
            expect(one!.json()).toMatchObject({ revision: 1, position: String(head + 1n) });
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
