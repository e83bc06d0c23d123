import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aControlClaim, aPlace, aSource, get, givenRegistry, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

let given: GivenApp;
beforeEach(async () => {
  given = await givenApp();
});
afterEach(() => given.close());

describe('writes', () => {
  it('registers a source and answers 201 with where it landed', async () => {
    const response = await post(given, '/v1/sources', aSource());
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: 'al-furat-post',
      streamId: 'source-al-furat-post',
      revision: 0,
      position: expect.stringMatching(/^\d+$/),
    });
    expect(response.headers.etag).toBe('"0"');
    expect(await given.head()).toBe(BigInt(body.position));

    // No settling here: minPosition alone must give read-your-writes.
    const read = await given.app.inject({ method: 'GET', url: `/v1/sources/al-furat-post?minPosition=${body.position}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers['x-ledger-position']).toBe(body.position);
    expect(read.json()).toMatchObject({ id: 'al-furat-post', reliability: 'C', name: { ar: 'الفرات بوست' } });
  });

  it('an identical repeat changes nothing and answers 200 with the same revision', async () => {
    const first = (await post(given, '/v1/sources', aSource())).json();
    const again = await post(given, '/v1/sources', aSource());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    expect(await given.head()).toBe(BigInt(first.position));
  });

  it('If-Match with the current revision succeeds and a stale one answers 412 with the current revision', async () => {
    await post(given, '/v1/sources', aSource());
    const ok = await post(
      given,
      '/v1/sources/al-furat-post/reliability',
      { reliability: 'B', reason: 'track record' },
      { 'if-match': '"0"' },
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json().revision).toBe(1);
    const stale = await post(
      given,
      '/v1/sources/al-furat-post/reliability',
      { reliability: 'A', reason: 'x' },
      { 'if-match': '"0"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'precondition_failed', currentRevision: '1' });
    const source = (await get(given, '/v1/sources/al-furat-post')).json();
    expect(source.reliabilityHistory.map((h: { reliability: string }) => h.reliability)).toEqual(['C', 'B']);
  });

  it('Idempotency-Key: a retried write returns the first answer and appends nothing', async () => {
    await givenRegistry(given);
    const { id: _, ...withoutId } = aControlClaim();
    const headers = { 'idempotency-key': 'import-2018-11-14-claim-7' };
    const first = await post(given, '/v1/claims', withoutId, headers);
    expect(first.statusCode).toBe(201);
    const head = await given.head();
    const retry = await post(given, '/v1/claims', withoutId, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    // The first answer, headers included: its entity tag and where the claim is.
    expect(first.headers.etag).toBe('"0"');
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(await given.head()).toBe(head);
  });

  it('Idempotency-Key: a retried retraction replays instead of answering "already retracted"', async () => {
    await givenRegistry(given);
    await post(given, '/v1/claims', aControlClaim());
    const headers = { 'idempotency-key': 'retract-1' };
    const first = await post(given, '/v1/claims/sdf-controls-80pct-al-susa/retractions', { reason: 'withdrawn' }, headers);
    expect(first.statusCode).toBe(201);
    const retry = await post(given, '/v1/claims/sdf-controls-80pct-al-susa/retractions', { reason: 'withdrawn' }, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
  });

  it('Idempotency-Key reused for a different request answers 422 and changes nothing', async () => {
    const headers = { 'idempotency-key': 'k-1' };
    expect((await post(given, '/v1/sources', aSource(), headers)).statusCode).toBe(201);
    const head = await given.head();
    const other = await post(given, '/v1/sources', aSource({ id: 'sdf-media' }), headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect(await given.head()).toBe(head);
  });

  it('records a claim with its whole history: correction, corroboration, dispute, retraction', async () => {
    await givenRegistry(given);
    await post(given, '/v1/claims', aControlClaim());
    const url = '/v1/claims/sdf-controls-80pct-al-susa';
    expect(
      (await post(given, `${url}/corrections`, { changes: { share: 0.7 }, reason: 'SDF revised the figure' })).statusCode,
    ).toBe(201);
    expect(
      (await post(given, `${url}/corroborations`, { articleId: 'alquds-2018-11-14', note: 'same article' })).statusCode,
    ).toBe(201);
    expect((await post(given, `${url}/disputes`, { reason: 'ISIS media deny it' })).statusCode).toBe(201);
    expect((await post(given, `${url}/retractions`, { reason: 'withdrawn' })).statusCode).toBe(201);

    const claim = (await get(given, url)).json();
    expect(claim).toMatchObject({
      id: 'sdf-controls-80pct-al-susa',
      kind: 'control',
      status: 'retracted',
      revision: 4,
      recorded: { share: 0.8, principal: 'local' },
      current: { share: 0.7 },
      corrections: [{ reason: 'SDF revised the figure', corrected: { share: 0.7 } }],
      corroborations: [{ articleId: 'alquds-2018-11-14' }],
      disputes: [{ reason: 'ISIS media deny it' }],
      retraction: { reason: 'withdrawn' },
    });
  });

  it('a batch records every claim, and a retry with the same key adds nothing', async () => {
    await givenRegistry(given);
    const claims = [
      aControlClaim({ id: undefined }),
      aControlClaim({ id: undefined, share: 0.9, validTime: { date: '2018-12' } }),
    ].map(({ id: _, ...c }) => c);
    const headers = { 'idempotency-key': 'batch-1' };
    const first = await post(given, '/v1/claims/batch', { claims }, headers);
    expect(first.statusCode).toBe(201);
    expect(first.json().claims).toHaveLength(2);
    const head = await given.head();
    const retry = await post(given, '/v1/claims/batch', { claims }, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await given.head()).toBe(head);
  });

  it('a 201 names the resource written in Location (RFC 9110 §10.2.2), a replay too; a 200 repeat and a batch name none', async () => {
    await givenRegistry(given);
    const location = async (url: string, payload: unknown, headers: Record<string, string> = {}) => {
      const response = await post(given, url, payload, headers);
      return [response.statusCode, response.headers.location];
    };
    expect(await location('/v1/sources', aSource({ id: 'sdf-media' }))).toEqual([201, '/v1/sources/sdf-media']);
    expect(await location('/v1/sources', aSource({ id: 'sdf-media' }))).toEqual([200, undefined]);
    expect(await location('/v1/places', aPlace({ id: 'hajin' }))).toEqual([201, '/v1/places/hajin']);
    expect(await location('/v1/sources/sdf-media/reliability', { reliability: 'B', reason: 'track record' })).toEqual([
      201,
      '/v1/sources/sdf-media',
    ]);
    const { id: _, ...withoutId } = aControlClaim();
    const keyed = { 'idempotency-key': 'claim-without-id' };
    const created = await post(given, '/v1/claims', withoutId, keyed);
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/v1/claims/${created.json().id}`);
    expect(await location('/v1/claims', withoutId, keyed)).toEqual([201, `/v1/claims/${created.json().id}`]);
    expect(await location(`/v1/claims/${created.json().id}/retractions`, { reason: 'withdrawn' })).toEqual([
      201,
      `/v1/claims/${created.json().id}`,
    ]);
    const batch = await post(given, '/v1/claims/batch', { claims: [withoutId] });
    expect(batch.statusCode).toBe(201);
    expect(batch.headers.location).toBeUndefined();
    // Location names a resource that answers.
    expect((await get(given, created.headers.location as string)).json()).toMatchObject({ status: 'retracted' });
  });

  it('a place must name an existing parent', async () => {
    const orphan = await post(given, '/v1/places', aPlace({ parentId: 'abu-kamal-district' }));
    expect(orphan.statusCode).toBe(422);
    expect(orphan.json()).toMatchObject({ code: 'unknown_reference', errors: [{ field: '/parentId' }] });
  });
});
