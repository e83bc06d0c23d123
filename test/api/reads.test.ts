import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { get } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

let given: GivenApp;
beforeAll(async () => {
  given = await givenApp();
  await loadWorkedExample(given.store);
});
afterAll(() => given.close());

const ids = async (url: string) => {
  const response = await get(given, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((x: { id: string }) => x.id);
};

// Best match first (issue 11 §3): the name or a variant exactly, then the name's words (test/api/nameSearch.test.ts).
describe('name search', () => {
  it.each([
    ['Latin, any case and diacritics', '/v1/places?q=MAYĀDĪN', ['al-mayadin', 'al-mayadin-district']],
    ['a transliteration variant', '/v1/places?q=abu%20kamal', ['al-bukamal', 'abu-kamal-district']],
    ['Arabic with taa marbuta written as haa', `/v1/places?q=${encodeURIComponent('السوسه')}`, ['al-susa']],
    // Issue 9 §18: the heh of Urdu keyboards (doachashmee, goal) and the Kurdish ae.
    ['Arabic typed with heh doachashmee (U+06BE)', `/v1/places?q=${encodeURIComponent('السوسھ')}`, ['al-susa']],
    ['Arabic typed with heh goal (U+06C1)', `/v1/places?q=${encodeURIComponent('السوسہ')}`, ['al-susa']],
    ['Arabic typed with Kurdish ae (U+06D5)', `/v1/places?q=${encodeURIComponent('السوسە')}`, ['al-susa']],
    [
      'Arabic typed with Persian yeh and keheh',
      `/v1/places?q=${encodeURIComponent('المیادین')}`,
      ['al-mayadin', 'al-mayadin-district'],
    ],
    [
      'Arabic with diacritics and tatweel',
      `/v1/places?q=${encodeURIComponent('المَيـادين')}`,
      ['al-mayadin', 'al-mayadin-district'],
    ],
    [
      'Arabic hamza forms on alef, alef maqsura as yaa',
      `/v1/actors?q=${encodeURIComponent('الايرانى')}`,
      ['irgc', 'irgc-backed-militias'],
    ],
    ['an actor acronym', '/v1/actors?q=sdf', ['sdf']],
  ])('%s', async (_, url, expected) => {
    expect(await ids(url)).toEqual(expected);
  });
});

describe('the registry', () => {
  it('lists places with the tree', async () => {
    const place = (await get(given, '/v1/places/hay-al-jamiyat')).json();
    expect(place).toMatchObject({
      kind: 'neighbourhood',
      parentId: 'al-bukamal',
      ancestorIds: ['al-bukamal', 'abu-kamal-district', 'deir-ez-zor-governorate'],
    });
    const district = (await get(given, '/v1/places/abu-kamal-district')).json();
    expect(district.childIds).toEqual(['al-bukamal', 'al-susa']);
  });

  it('pages lists', async () => {
    const first = (await get(given, '/v1/places?limit=4')).json();
    expect(first.items).toHaveLength(4);
    expect(first.next).toBe(4);
    const last = (await get(given, `/v1/places?limit=100&offset=8`)).json();
    expect(last).toMatchObject({ total: 10, next: null });
    expect(last.items).toHaveLength(2);
  });

  it('answers 404 as a problem for an unknown id', async () => {
    const response = await get(given, '/v1/actors/nobody');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('refuses a minPosition beyond the head of the log at once, naming the head (the wait: test/api/positions.test.ts)', async () => {
    const head = await given.head();
    const response = await given.app.inject({ method: 'GET', url: `/v1/sources?minPosition=${head + 1000n}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['retry-after']).toBeUndefined();
    expect(response.json()).toMatchObject({ code: 'position_beyond_head', head: String(head) });
  });
});

describe('the log', () => {
  it('pages the global log with a cursor, without gaps or repeats', async () => {
    const head = await given.head();
    const seen: string[] = [];
    let after: string | null = '0';
    while (after !== null) {
      const page: { events: { position: string }[]; next: string | null } = (
        await get(given, `/v1/events?after=${after}&limit=7`)
      ).json();
      seen.push(...page.events.map((e: { position: string }) => e.position));
      after = page.next;
    }
    expect(seen.length).toBe(Number(head));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('filters by category and type and reads backwards', async () => {
    const claims = (await get(given, '/v1/events?category=claim&limit=1000')).json();
    expect(claims.events.length).toBe(10);
    expect(claims.events.every((e: { streamId: string }) => e.streamId.startsWith('claim-'))).toBe(true);
    const types = (await get(given, '/v1/events?type=PlaceRegistered,ActorRegistered&limit=1000')).json();
    expect(new Set(types.events.map((e: { type: string }) => e.type))).toEqual(new Set(['PlaceRegistered', 'ActorRegistered']));
    const backwards = (await get(given, '/v1/events?direction=backwards&limit=2')).json();
    expect(backwards.events.map((e: { position: string }) => BigInt(e.position))).toEqual([
      await given.head(),
      (await given.head()) - 1n,
    ]);
  });

  it('serves the envelope of DESIGN.md', async () => {
    const [event] = (await get(given, '/v1/events?limit=1')).json().events;
    expect(Object.keys(event).sort()).toEqual([
      'data',
      'eventId',
      'metadata',
      'position',
      'recordedAt',
      'revision',
      'schemaVersion',
      'streamId',
      'type',
    ]);
    expect(event).toMatchObject({ streamId: 'source-al-quds-al-arabi', revision: 0, type: 'SourceRegistered', schemaVersion: 1 });
    expect(event.metadata).toMatchObject({ principal: 'demo-loader', correlationId: 'demo:worked-example' });
  });

  it('reads one stream forwards and backwards', async () => {
    const stream = (await get(given, '/v1/streams/claim-sdf-controls-80pct-al-susa')).json();
    expect(stream.events).toHaveLength(1);
    expect(stream.events[0].data).toMatchObject({ share: 0.8, quote: { text: 'السيطرة على 80 بالمئة من بلدة السوسة' } });
    expect((await get(given, '/v1/streams/claim-nope')).statusCode).toBe(404);
  });
});

describe('the worked example', () => {
  it('loads idempotently: a second load appends nothing', async () => {
    const head = await given.head();
    const second = await loadWorkedExample(given.store);
    expect(second.appended).toBe(0);
    expect(second.unchanged).toBeGreaterThan(30);
    expect(await given.head()).toBe(head);
  });
});
