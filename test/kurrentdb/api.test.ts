import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aControlClaim, anActor, anArticle, aPlace, aSource, get, post } from '../support/builders.js';
import { bothDecideFirst, secondDecidesAfterFirstLanded, withHeldStream } from '../support/gatedStore.js';
import { buildCheckedApp, type GivenApp, givenApp } from '../support/ledger.js';
import { kurrentDbForSuite } from './kurrentDbServer.js';

/** The API end to end on KurrentDB: the app built by openLedger on a kurrentdb:// configuration. */
const target = await kurrentDbForSuite('KurrentDB API');
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

describe.skipIf(!target.available)(
  `the API on KurrentDB (${target.available ? target.where : `skipped: ${target.reason}`})`,
  () => {
    let server: { connectionString: string; stop(): Promise<void> } | undefined;
    let given: GivenApp;
    const snapshot = join(tmpdir(), `sijill-kurrentdb-${randomUUID()}.snapshot`);
    beforeAll(async () => {
      if (!target.available) return;
      server = await target.start();
      given = await givenApp({
        SIJILL_STORE: server.connectionString,
        SIJILL_SNAPSHOT: snapshot,
        SIJILL_MIN_POSITION_WAIT_MS: '10000',
      });
    });
    afterAll(async () => {
      await given?.close();
      await server?.stop();
      await rm(snapshot, { force: true });
    });

    it('records a source, reads it back at its position, pages the log, and answers 412 to a stale If-Match', async () => {
      // A server may be shared between runs: an id of its own.
      const id = `src-${randomUUID().slice(0, 8)}`;
      const written = await post(given, '/v1/sources', aSource({ id }));
      expect(written.statusCode).toBe(201);
      const { position, streamId, revision } = written.json();
      expect({ streamId, revision }).toEqual({ streamId: `source-${id}`, revision: 0 });
      expect(await given.head()).toBe(BigInt(position));

      const read = await get(given, `/v1/sources/${id}?minPosition=${position}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ id, reliability: 'C', name: { ar: 'الفرات بوست' } });

      const stream = await get(given, `/v1/streams/source-${id}`);
      expect(stream.statusCode).toBe(200);
      expect(JSON.stringify(stream.json())).toContain(position);

      const events = (await get(given, `/v1/events?after=${BigInt(position) - 1n}&category=source&limit=1`)).json();
      expect(JSON.stringify(events)).toContain(`source-${id}`);

      const again = await post(given, '/v1/sources', aSource({ id }));
      expect(again.statusCode).toBe(200);

      const revised = { reliability: 'B', reason: 'track record' };
      expect((await post(given, `/v1/sources/${id}/reliability`, revised, { 'if-match': '"0"' })).statusCode).toBe(201);
      const stale = await post(given, `/v1/sources/${id}/reliability`, revised, { 'if-match': '"0"' });
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({ currentRevision: '1' });
    });
    for (const [interleaving, interleave] of [
      ['both decide on the same state', bothDecideFirst],
      ['the second decides after the first landed', secondDecidesAfterFirstLanded],
    ] as const) {
      it(`appends a keyed retraction sent twice at once only once (${interleaving}), answering both alike`, async () => {
        // Given a claim of its own (a server may be shared between runs)
        const n = randomUUID().slice(0, 8);
        const ids = { source: `src-${n}`, place: `pl-${n}`, actor: `ac-${n}`, article: `ar-${n}`, claim: `cl-${n}` };
        for (const [url, body] of [
          ['/v1/sources', aSource({ id: ids.source })],
          ['/v1/places', aPlace({ id: ids.place })],
          ['/v1/actors', anActor({ id: ids.actor })],
          ['/v1/articles', anArticle({ id: ids.article, sourceId: ids.source })],
          ['/v1/claims', aControlClaim({ id: ids.claim, articleId: ids.article, placeId: ids.place, actorIds: [ids.actor] })],
        ] as const)
          expect((await post(given, url, body)).statusCode, url).toBe(201);
        const streamId = `claim-${ids.claim}`;
        const { hooks, sendSecond } = interleave();
        const app = await buildCheckedApp({ ...given.ledger, store: withHeldStream(given.store, streamId, hooks) });
        try {
          // When the same keyed retraction arrives twice at once
          const request = {
            method: 'POST' as const,
            url: `/v1/claims/${ids.claim}/retractions`,
            payload: { reason: 'withdrawn' },
          };
          const headers = { 'idempotency-key': `retract-${n}` };
          const [one, two] = await Promise.all([
            app.inject({ ...request, headers }),
            sendSecond.then(() => app.inject({ ...request, headers })),
          ]);
          // Then the stream holds one retraction, and both callers got the first answer
          expect((await given.store.readStream(streamId)).map((e) => e.type)).toEqual(['ClaimRecorded', 'ClaimRetracted']);
          expect([one.statusCode, two.statusCode], `${one.body} / ${two.body}`).toEqual([201, 201]);
          expect(two.json()).toEqual(one.json());
        } finally {
          await app.close();
        }
      });
    }
  },
);
