import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../services/eventstore/port.js';
import { aControlClaim, aSource, givenRegistry, post } from '../support/builders.js';
import { type GivenApp, givenApp, wrappedStore } from '../support/ledger.js';

/** The batch of the tests: 300 control claims with ids bulk-000 … bulk-299. */
const BATCH = 300;
const idOf = (i: number) => `bulk-${String(i).padStart(3, '0')}`;
const aBatch = () => Array.from({ length: BATCH }, (_, i) => aControlClaim({ id: idOf(i), share: 0.5 + i / 1000 }));
const LAST = idOf(BATCH - 1);

let given: GivenApp | undefined;
afterEach(async () => {
  await given?.close();
  given = undefined;
});

const touchesTheBatch = (streamIds: string[]) => streamIds.some((id) => id.startsWith('claim-bulk-'));

/**
 * Given: the app on a real SQLite store, wrapped so that another writer writes over HTTP right
 * before each write of the batch reaches the store — after the batch was decided, before it
 * is appended. The first time it records `first` (a claim with one of the batch's ids), then
 * a new source each time. The store and the other writer's requests are real; the wrapper
 * only chooses the moment, whichever way (`append` or `appendMulti`) the batch is written.
 */
const givenACompetingWriter = async (first: Record<string, unknown>) => {
  let writes = 0;
  let competing = false;
  const compete = async (app: GivenApp) => {
    competing = true;
    const n = writes++;
    const response =
      n === 0
        ? await post(app, '/v1/claims', first)
        : await post(app, '/v1/sources', aSource({ id: `other-writer-${n}`, name: { en: `Other ${n}` } }));
    competing = false;
    if (response.statusCode !== 201) throw new Error(`the competing write failed: ${response.body}`);
  };
  const app: GivenApp = await givenApp(
    {},
    {
      wrapStore: (inner: EventStore) =>
        wrappedStore(inner, {
          append: async (streamId, events, options) => {
            if (!competing && touchesTheBatch([streamId])) await compete(app);
            return inner.append(streamId, events, options);
          },
          appendMulti: async (appends) => {
            if (!competing && touchesTheBatch(appends.map((a) => a.streamId))) await compete(app);
            return inner.appendMulti(appends);
          },
        }),
    },
  );
  given = app;
  await givenRegistry(app);
  return app;
};

const claimStatus = async (app: GivenApp, id: string) =>
  (await app.app.inject({ method: 'GET', url: `/v1/claims/${id}` })).statusCode;

describe('POST /v1/claims/batch is atomic', () => {
  it('rejects the batch naming /claims/299/id when another writer records that id differently meanwhile, writing none of it', async () => {
    const app = await givenACompetingWriter(aControlClaim({ id: LAST, share: 0.1 }));
    const before = await app.head();

    const response = await post(app, '/v1/claims/batch', { claims: aBatch() });

    expect(response.statusCode, response.body).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'batch_rejected',
      errors: [{ field: `/claims/${BATCH - 1}/id`, message: expect.stringMatching(/^already_exists/) }],
    });
    // The head moved by the competitor's one event only: none of the batch was written.
    expect(await app.head()).toBe(before + 1n);
    for (const i of [0, 1, 150, BATCH - 2]) expect(await claimStatus(app, idOf(i))).toBe(404);
    expect((await app.app.inject({ method: 'GET', url: `/v1/claims/${LAST}` })).json()).toMatchObject({
      current: { share: 0.1 },
    });
  });

  it('decides the batch again and writes it whole, in one run of the log, when the other writer recorded the same claim', async () => {
    const claims = aBatch();
    const app = await givenACompetingWriter(claims.at(-1)!);
    const before = await app.head();

    const response = await post(app, '/v1/claims/batch', { claims });

    expect(response.statusCode, response.body).toBe(201);
    const written = response.json().claims as { id: string; revision: number; position: string }[];
    expect(written.map((c) => c.id)).toEqual(claims.map((c) => c.id));
    expect(written.every((c) => c.revision === 0)).toBe(true);
    // The last claim is the other writer's; the batch's 299 new claims are one contiguous run
    // of the log, in order, whatever the other writer did meanwhile.
    const log = await app.store.readAll({ after: before });
    const ofTheBatch = log.filter((e) => e.type === 'ClaimRecorded').map((e) => e.streamId);
    expect(ofTheBatch).toEqual([`claim-${LAST}`, ...claims.slice(0, -1).map((c) => `claim-${c.id}`)]);
    const run = log.findIndex((e) => e.streamId === `claim-${idOf(0)}`);
    expect(log.slice(run, run + BATCH - 1).map((e) => e.streamId)).toEqual(ofTheBatch.slice(1));
    expect(written.at(-1)!.position).toBe(log.find((e) => e.streamId === `claim-${LAST}`)!.position.toString());
  });

  it("decides each claim once: one look at each claim's stream (its revision; a new stream is not read)", async () => {
    const reads = new Map<string, number>();
    const count = (streamId: string) => reads.set(streamId, (reads.get(streamId) ?? 0) + 1);
    given = await givenApp(
      {},
      {
        wrapStore: (inner) =>
          wrappedStore(inner, {
            readStream: (streamId, options) => {
              count(streamId);
              return inner.readStream(streamId, options);
            },
            streamRevision: (streamId) => {
              count(streamId);
              return inner.streamRevision(streamId);
            },
          }),
      },
    );
    await givenRegistry(given);
    reads.clear();
    expect((await post(given, '/v1/claims/batch', { claims: aBatch() })).statusCode).toBe(201);
    const claimReads = [...reads].filter(([streamId]) => streamId.startsWith('claim-'));
    expect(claimReads).toHaveLength(BATCH);
    expect(claimReads.every(([, count]) => count === 1)).toBe(true);
  });

  it('with an Idempotency-Key, answers a retry with the first answer even after one of its claims changed', async () => {
    given = await givenApp();
    await givenRegistry(given);
    const claims = aBatch().slice(0, 3);
    const headers = { 'idempotency-key': 'bulk-import-1' };
    const first = await post(given, '/v1/claims/batch', { claims }, headers);
    expect(first.statusCode).toBe(201);
    const corrected = await post(given, `/v1/claims/${idOf(1)}/corrections`, { changes: { share: 0.9 }, reason: 'revised' });
    expect(corrected.statusCode).toBe(201);
    const head = await given.head();

    const retry = await post(given, '/v1/claims/batch', { claims }, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await given.head()).toBe(head);
  });
});
