import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Issue 11 §3: routes to rename places, actors and sources and to add spelling variants and
 * aliases. Each appends an event carrying the names in full (`PlaceRenamed`, `ActorRenamed`,
 * `SourceRenamed`): GET shows the current names, the stream keeps every earlier one. Refused
 * writes answer a problem and leave the log where it was.
 */
let given: GivenApp;
beforeAll(async () => {
  given = await givenApp();
  await loadWorkedExample(given.store);
  // The actor as UCDP names it, before any analyst added its aliases.
  expect((await post(given, '/v1/actors', { id: 'is', names: { en: 'IS' }, kind: 'jihadist_group' })).statusCode).toBe(201);
});
afterAll(() => given.close());

const eventsOf = async (streamId: string) =>
  (await get(given, `/v1/streams/${streamId}`)).json().events as {
    type: string;
    revision: number;
    data: Record<string, unknown>;
  }[];

const expectRefused = async (
  response: { statusCode: number; body: string; json(): unknown },
  status: number,
  code: string,
  head: bigint,
) => {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json()).toMatchObject({ status, code });
  expect(await given.head()).toBe(head);
};

describe('adding aliases to an actor', () => {
  it('appends ActorRenamed with every name: 201, Location, the actor shows them, the stream keeps both', async () => {
    const aliases = ['ISIS', 'ISIL', 'Islamic State', 'داعش', 'الدولة الإسلامية'];
    const response = await post(given, '/v1/actors/is/variants', { variants: aliases, reason: 'UCDP calls it IS' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers.location).toBe('/v1/actors/is');
    expect(response.headers.etag).toBe('"1"');
    expect(response.json()).toMatchObject({ id: 'is', streamId: 'actor-is', revision: 1, position: String(await given.head()) });

    expect((await get(given, '/v1/actors/is')).json().names).toEqual({ en: 'IS', variants: aliases });
    const events = await eventsOf('actor-is');
    expect(events.map((e) => [e.revision, e.type])).toEqual([
      [0, 'ActorRegistered'],
      [1, 'ActorRenamed'],
    ]);
    expect(events[0]!.data.names).toEqual({ en: 'IS', variants: [] });
    expect(events[1]!.data).toEqual({ actorId: 'is', names: { en: 'IS', variants: aliases }, reason: 'UCDP calls it IS' });
    expect(
      (await get(given, `/v1/actors?q=${encodeURIComponent('داعش')}`)).json().items.map((a: { id: string }) => a.id),
    ).toEqual(['isis', 'is']);
  });

  it('answers 200 and appends nothing for aliases it already has, in any spelling search reads alike', async () => {
    const head = await given.head();
    const response = await post(given, '/v1/actors/is/variants', { variants: ['isis', 'Islamic-State', 'is'] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: 'is', revision: 1 });
    expect(await given.head()).toBe(head);
  });

  it('answers 404 for an actor that does not exist', async () => {
    const head = await given.head();
    await expectRefused(await post(given, '/v1/actors/nobody/variants', { variants: ['X'] }), 404, 'not_found', head);
  });

  it.each([
    ['no variants', { variants: [] }],
    ['a blank variant', { variants: ['  '] }],
    ['an unknown field', { variants: ['X'], names: { en: 'X' } }],
    ['more than 50 at once', { variants: Array.from({ length: 51 }, (_, i) => `v${i}`) }],
  ])('answers 422 validation_failed for %s', async (_, body) => {
    const head = await given.head();
    await expectRefused(await post(given, '/v1/actors/is/variants', body), 422, 'validation_failed', head);
  });

  it('answers 422 invalid_command when the aliases would pass 50 in all', async () => {
    const head = await given.head();
    const many = Array.from({ length: 46 }, (_, i) => `alias ${i}`);
    const response = await post(given, '/v1/actors/is/variants', { variants: many });
    await expectRefused(response, 422, 'invalid_command', head);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: '/variants' })]);
  });

  it('honours If-Match: 412 on a stale revision, nothing appended; 201 on the current one', async () => {
    const head = await given.head();
    const stale = await post(given, '/v1/actors/is/variants', { variants: ['Daesh'] }, { 'if-match': '"0"' });
    await expectRefused(stale, 412, 'precondition_failed', head);
    expect(stale.json()).toMatchObject({ currentRevision: '1' });
    const current = await post(given, '/v1/actors/is/variants', { variants: ['Daesh'] }, { 'if-match': '"1"' });
    expect(current.statusCode, current.body).toBe(201);
    expect(current.json()).toMatchObject({ revision: 2 });
  });

  it('answers a retry with the same Idempotency-Key as the first time, appending once', async () => {
    const key = { 'idempotency-key': 'add-tanzim-al-dawla' };
    const first = await post(given, '/v1/actors/is/variants', { variants: ['Tanzim al-Dawla'] }, key);
    expect(first.statusCode, first.body).toBe(201);
    const head = await given.head();
    const retry = await post(given, '/v1/actors/is/variants', { variants: ['Tanzim al-Dawla'] }, key);
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await given.head()).toBe(head);
  });
});

describe('renaming', () => {
  it('a place: 201, GET shows the new names, the stream keeps the old', async () => {
    const names = { en: 'Mahkan', ar: 'محكان', variants: ['Mohkan', 'Mehkan'] };
    const response = await post(given, '/v1/places/mahkan/names', { names, reason: 'spellings of SDF media' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers.location).toBe('/v1/places/mahkan');
    expect((await get(given, '/v1/places/mahkan')).json().names).toEqual(names);
    const events = await eventsOf('place-mahkan');
    expect(events.map((e) => e.type)).toEqual(['PlaceRegistered', 'PlaceRenamed']);
    expect(events[0]!.data.names).toEqual({ en: 'Mahkan', ar: 'محكان', variants: ['Muhkan'] });
    expect(events[1]!.data).toEqual({ placeId: 'mahkan', names, reason: 'spellings of SDF media' });
  });

  it('a place: search follows the new names, not the ones it left out', async () => {
    const search = async (text: string) =>
      (await get(given, `/v1/places?q=${encodeURIComponent(text)}`)).json().items.map((p: { id: string }) => p.id);
    expect(await search('Jamiyat neighbourhood')).toEqual(['hay-al-jamiyat']);
    const names = { en: 'Hay al-Jamiyat', ar: 'حي الجمعيات', variants: ['Associations quarter'] };
    expect((await post(given, '/v1/places/hay-al-jamiyat/names', { names })).statusCode).toBe(201);
    expect(await search('Jamiyat neighbourhood')).toEqual([]);
    expect(await search('associations quarter')).toEqual(['hay-al-jamiyat']);
  });

  it('a place whose control is asked: the answer carries the new name', async () => {
    expect((await get(given, '/v1/places/al-susa/control?at=2018-11-14')).json().name).toBe('al-Susa');
    const names = { en: 'Al-Susah', ar: 'السوسة', variants: ['al-Susa', 'As-Susah'] };
    expect((await post(given, '/v1/places/al-susa/names', { names })).statusCode).toBe(201);
    expect((await get(given, '/v1/places/al-susa/control?at=2018-11-14')).json().name).toBe('Al-Susah');
  });

  it('an actor: its names in full, replacing its aliases', async () => {
    const names = { en: 'Islamic State', ar: 'تنظيم الدولة', variants: ['ISIS', 'ISIL', 'Daesh', 'داعش', 'IS'] };
    const response = await post(given, '/v1/actors/isis/names', { names });
    expect(response.statusCode, response.body).toBe(201);
    expect((await get(given, '/v1/actors/isis')).json().names).toEqual(names);
    expect((await eventsOf('actor-isis')).map((e) => e.type)).toEqual(['ActorRegistered', 'ActorRenamed']);
  });

  it('a source, and adding a spelling to it: the timeline shows its new name', async () => {
    const name = { en: 'Euphrates Post', ar: 'الفرات بوست', variants: ['Al-Furat Post'] };
    const renamed = await post(given, '/v1/sources/al-furat-post/names', { name, reason: 'its English masthead' });
    expect(renamed.statusCode, renamed.body).toBe(201);
    expect(renamed.headers.location).toBe('/v1/sources/al-furat-post');
    const added = await post(given, '/v1/sources/al-furat-post/variants', { variants: ['فرات بوست'] });
    expect(added.statusCode, added.body).toBe(201);
    expect((await get(given, '/v1/sources/al-furat-post')).json().name).toEqual({
      ...name,
      variants: ['Al-Furat Post', 'فرات بوست'],
    });
    expect((await eventsOf('source-al-furat-post')).map((e) => e.type)).toEqual([
      'SourceRegistered',
      'SourceRenamed',
      'SourceRenamed',
    ]);
    expect(
      (await get(given, `/v1/sources?q=${encodeURIComponent('فرات')}`)).json().items.map((s: { id: string }) => s.id),
    ).toEqual(['al-furat-post']);
  });

  it('the source of an article: the timeline names it by its new name', async () => {
    const name = { en: 'Al-Quds Al-Arabi (London)', ar: 'القدس العربي', variants: ['Al Quds Al Arabi'] };
    expect((await post(given, '/v1/sources/al-quds-al-arabi/names', { name })).statusCode).toBe(201);
    const [entry] = (await get(given, '/v1/timeline?place=mahkan&kind=withdrawal')).json().entries;
    expect(entry.source).toMatchObject({ id: 'al-quds-al-arabi', name: 'Al-Quds Al-Arabi (London)' });
  });

  it('to the names it has: 200, nothing appended', async () => {
    const head = await given.head();
    const names = (await get(given, '/v1/actors/irgc')).json().names;
    const response = await post(given, '/v1/actors/irgc/names', { names });
    expect(response.statusCode, response.body).toBe(200);
    expect(await given.head()).toBe(head);
  });

  it.each([
    ['places', { names: { en: 'X' } }],
    ['actors', { names: { en: 'X' } }],
    ['sources', { name: { en: 'X' } }],
  ])('of %s that do not exist: 404', async (resource, body) => {
    const head = await given.head();
    await expectRefused(await post(given, `/v1/${resource}/nothing-here/names`, body), 404, 'not_found', head);
  });

  it.each([
    ['places', { names: { ar: 'محكان' } }, '/names/en'],
    ['places', { name: { en: 'Mahkan' } }, '/name'],
    ['sources', { names: { en: 'X' } }, '/names'],
    ['actors', { names: { en: 'X', variants: Array.from({ length: 51 }, (_, i) => `v${i}`) } }, '/names/variants'],
  ])('of %s with a body that is not names (%j): 422 naming the field', async (resource, body, field) => {
    const head = await given.head();
    const id = { places: 'mahkan', sources: 'al-furat-post', actors: 'irgc' }[resource]!;
    const response = await post(given, `/v1/${resource}/${id}/names`, body);
    await expectRefused(response, 422, 'validation_failed', head);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('honours If-Match: 412 on a stale revision', async () => {
    const head = await given.head();
    const response = await post(
      given,
      '/v1/places/mahkan/names',
      { names: { en: 'Mahkan town', ar: 'محكان' } },
      { 'if-match': '"0"' },
    );
    await expectRefused(response, 412, 'precondition_failed', head);
  });

  it('needs the analyst role', async () => {
    const secured = await givenApp({ SIJILL_TOKENS: 'reader-token-0123456789=ria:reader' });
    try {
      const response = await secured.app.inject({
        method: 'POST',
        url: '/v1/places/mahkan/variants',
        payload: { variants: ['Mohkan'] },
        headers: { authorization: 'Bearer reader-token-0123456789' },
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
    } finally {
      await secured.close();
    }
  });
});

describe('the import checks renames as the routes decide them', () => {
  it('exports and re-imports the renames: the same names in a second ledger', async () => {
    const exported = (await get(given, '/v1/export')).body;
    const target = await givenApp();
    try {
      const response = await target.app.inject({
        method: 'POST',
        url: '/v1/admin/import',
        payload: exported,
        headers: { 'content-type': 'application/x-ndjson' },
      });
      expect(response.statusCode, response.body).toBe(200);
      await target.settle();
      for (const url of ['/v1/actors/is', '/v1/actors/isis', '/v1/places/mahkan', '/v1/sources/al-furat-post']) {
        expect((await target.app.inject({ method: 'GET', url })).json()).toEqual((await get(given, url)).json());
      }
    } finally {
      await target.close();
    }
  });
});
