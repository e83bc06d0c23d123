import type { InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Positions are opaque tokens the ledger gives out. Every entry point that takes one refuses
 * a position not given out yet (400 position_beyond_head, naming the field and the head) and
 * a number no store can give out (beyond signed 64 bits: validation_failed, never a 500), and
 * changes nothing. Timeline cursors pin the knowledge of their first page.
 */

const BEYOND_INT64 = '9223372036854775808';
const INT64_MAX = '9223372036854775807';

interface EntryPoint {
  readonly name: string;
  readonly field: string;
  readonly in: 'querystring' | 'headers' | 'body' | 'params';
  /** An SSE feed: an accepted request streams forever, so only refusals are injected. */
  readonly feed?: boolean;
  readonly request: (position: string) => InjectOptions;
}

const query = (name: string, path: string, param: string, extra = ''): EntryPoint => ({
  name,
  field: `/${param}`,
  in: 'querystring',
  request: (p) => ({ method: 'GET', url: `${path}?${extra}${param}=${p}` }),
});

/** Set in `beforeAll`: a webhook whose parked list takes an `after` cursor. */
let webhookId = '';

const ENTRY_POINTS: EntryPoint[] = [
  query('GET /v1/events?after', '/v1/events', 'after'),
  query('GET /v1/events?direction=backwards&after', '/v1/events', 'after', 'direction=backwards&'),
  { ...query('GET /v1/subscribe?after', '/v1/subscribe', 'after'), feed: true },
  {
    name: 'GET /v1/subscribe with Last-Event-ID',
    field: '/last-event-id',
    in: 'headers',
    feed: true,
    request: (p) => ({ method: 'GET', url: '/v1/subscribe', headers: { 'last-event-id': p } }),
  },
  query('GET /v1/export?after', '/v1/export', 'after'),
  query('GET /v1/export?to', '/v1/export', 'to'),
  query('GET /v1/control?asOf', '/v1/control', 'asOf', 'at=2018-11-14&'),
  query('GET /v1/control?minPosition', '/v1/control', 'minPosition', 'at=2018-11-14&'),
  query('GET /v1/places/{id}/control?asOf', '/v1/places/al-susa/control', 'asOf', 'at=2018-11-14&'),
  query('GET /v1/places/{id}/history?asOf', '/v1/places/al-susa/history', 'asOf'),
  query('GET /v1/places/{id}/history?minPosition', '/v1/places/al-susa/history', 'minPosition'),
  query('GET /v1/timeline?asOf', '/v1/timeline', 'asOf'),
  query('GET /v1/timeline?minPosition', '/v1/timeline', 'minPosition'),
  query('GET /v1/replay?asOf', '/v1/replay', 'asOf', 'from=2018-09-01&to=2018-12-01&'),
  query('GET /v1/sources?minPosition', '/v1/sources', 'minPosition'),
  query('GET /v1/places/{id}?minPosition', '/v1/places/al-susa', 'minPosition'),
  query('GET /v1/claims/{id}?minPosition', '/v1/claims/sdf-controls-80pct-al-susa', 'minPosition'),
  {
    name: 'POST /v1/admin/webhooks { from }',
    field: '/from',
    in: 'body',
    request: (p) => ({ method: 'POST', url: '/v1/admin/webhooks', payload: { url: 'http://127.0.0.1:9/hooks', from: p } }),
  },
  {
    name: 'GET /v1/admin/webhooks/{id}/parked?after',
    field: '/after',
    in: 'querystring',
    request: (p) => ({ method: 'GET', url: `/v1/admin/webhooks/${webhookId}/parked?after=${p}` }),
  },
];

const problemOf = (response: { statusCode: number; body: string; json: () => unknown }) =>
  response.json() as { code: string; detail: string; head?: string; errors?: { field: string; in: string }[] };

describe('positions the ledger has not given out, and numbers no store can give out', () => {
  let given: GivenApp;
  beforeAll(async () => {
    given = await givenApp();
    await loadWorkedExample(given.store);
    await given.settle();
    // Delivers nothing: no event is written after it (a refused request writes nothing).
    const webhook = await given.app.inject({
      method: 'POST',
      url: '/v1/admin/webhooks',
      payload: { url: 'http://127.0.0.1:9/' },
    });
    expect(webhook.statusCode, webhook.body).toBe(201);
    webhookId = webhook.json().id;
  });
  afterAll(() => given.close());

  it.each(ENTRY_POINTS)('$name beyond the head: 400 position_beyond_head naming the field and the head', async (entry) => {
    const head = await given.head();
    expect(head).toBe(35n);
    const response = await given.app.inject(entry.request(String(head + 2n)));
    expect(response.statusCode, response.body).toBe(400);
    const problem = problemOf(response);
    expect(problem.code).toBe('position_beyond_head');
    expect(problem.head).toBe('35');
    expect(problem.detail).toContain('head of the log (35)');
    expect(problem.errors?.[0]).toMatchObject({ field: entry.field, in: entry.in });
    expect(await given.head()).toBe(head);
  });

  it.each(ENTRY_POINTS)('$name at the largest 64-bit position: refused as beyond the head, not a 500', async (entry) => {
    const response = await given.app.inject(entry.request(INT64_MAX));
    expect(response.statusCode, response.body).toBe(400);
    expect(problemOf(response)).toMatchObject({ code: 'position_beyond_head', head: '35' });
    expect(await given.head()).toBe(35n);
  });

  it.each([
    ...ENTRY_POINTS,
    {
      name: 'POST /v1/admin/webhooks/{id}/parked/{position}/replay',
      field: '/position',
      in: 'params',
      request: (p: string) => ({ method: 'POST', url: `/v1/admin/webhooks/${webhookId}/parked/${p}/replay` }),
    } satisfies EntryPoint,
  ])('$name beyond 64 bits: validation_failed naming the field', async (entry) => {
    const response = await given.app.inject(entry.request(BEYOND_INT64));
    // Body fields fail validation with 422, like every other body field; the rest with 400.
    expect(response.statusCode, response.body).toBe(entry.in === 'body' ? 422 : 400);
    const problem = problemOf(response);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.[0]).toMatchObject({ field: entry.field, in: entry.in });
    expect(await given.head()).toBe(35n);
  });

  it.each(ENTRY_POINTS.filter((e) => !e.feed && e.in !== 'body'))('$name at the head is served', async (entry) => {
    const response = await given.app.inject(entry.request('35'));
    expect(response.statusCode, response.body).toBe(200);
  });

  it('GET /v1/events?after=<head> answers an empty page', async () => {
    const response = await given.app.inject({ method: 'GET', url: '/v1/events?after=35' });
    expect(response.json()).toEqual({ events: [], next: null, head: '35' });
  });

  it('GET /v1/export refuses `to` below `after`', async () => {
    const response = await given.app.inject({ method: 'GET', url: '/v1/export?after=20&to=10' });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ code: 'validation_failed', errors: [{ field: '/to', in: 'querystring' }] });
  });

  it('GET /v1/streams/{id}?from= beyond the next revision: 400 revision_beyond_end with the current revision', async () => {
    const stream = (await given.app.inject({ method: 'GET', url: '/v1/streams/source-al-furat-post' })).json();
    const current = stream.events.at(-1).revision as number;
    const next = await given.app.inject({ method: 'GET', url: `/v1/streams/source-al-furat-post?from=${current + 1}` });
    expect(next.statusCode).toBe(200);
    expect(next.json().events).toEqual([]);
    for (const direction of ['forwards', 'backwards']) {
      const response = await given.app.inject({
        method: 'GET',
        url: `/v1/streams/source-al-furat-post?from=${current + 2}&direction=${direction}`,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'revision_beyond_end',
        currentRevision: String(current),
        errors: [{ field: '/from', in: 'querystring' }],
      });
    }
    expect(await given.head()).toBe(35n);
  });
});

describe('a refused position leaves nothing to skip', () => {
  let given: GivenApp;
  beforeAll(async () => {
    given = await givenApp();
    await loadWorkedExample(given.store);
  });
  afterAll(() => given.close());

  it('refuses after=37 on a 35-event log; once 4 events are written, reading after 35 returns 36..39', async () => {
    const refused = await given.app.inject({ method: 'GET', url: '/v1/events?after=37' });
    expect(refused.statusCode).toBe(400);
    expect(problemOf(refused)).toMatchObject({ code: 'position_beyond_head', head: '35' });
    expect(await given.head()).toBe(35n);

    for (const reliability of ['A', 'B', 'A', 'B']) {
      const written = await post(given, '/v1/sources/al-furat-post/reliability', { reliability, reason: 'regraded' });
      expect(written.statusCode, written.body).toBe(201);
    }
    const page = (await given.app.inject({ method: 'GET', url: '/v1/events?after=35' })).json();
    expect(page.events.map((e: { position: string }) => e.position)).toEqual(['36', '37', '38', '39']);
    const exported = (await given.app.inject({ method: 'GET', url: '/v1/export?after=35&to=39' })).body;
    expect(
      exported
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).position),
    ).toEqual(['36', '37', '38', '39']);
  });
});

describe('minPosition and asOf', () => {
  let given: GivenApp;
  afterEach(() => given.close());

  it('beyond the head: refused at once, even with a long wait configured', async () => {
    given = await givenApp({ SIJILL_MIN_POSITION_WAIT_MS: '10000' });
    await loadWorkedExample(given.store);
    for (const url of ['/v1/sources?minPosition=36', '/v1/control?asOf=36', '/v1/timeline?minPosition=36']) {
      const response = await given.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['retry-after'], url).toBeUndefined();
      expect(problemOf(response), url).toMatchObject({ code: 'position_beyond_head', head: '35' });
    }
  });

  it('given out but not yet reflected by the read models: waits, then 503 with Retry-After', async () => {
    given = await givenApp();
    await loadWorkedExample(given.store);
    await given.settle();
    // The read models stop following: the next write is in the log but not in the models.
    await given.ledger.follower.stop();
    const written = await post(given, '/v1/sources/al-furat-post/reliability', { reliability: 'A', reason: 'regraded' });
    expect(written.json().position).toBe('36');
    for (const url of ['/v1/sources?minPosition=36', '/v1/control?asOf=36']) {
      const response = await given.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(503);
      expect(response.headers['retry-after'], url).toBe('1');
      expect(problemOf(response).code, url).toBe('not_caught_up');
    }
  });
});

describe('GET /v1/timeline cursors pin the knowledge of their first page', () => {
  let given: GivenApp;
  beforeAll(async () => {
    given = await givenApp();
    await loadWorkedExample(given.store);
  });
  afterAll(() => given.close());

  type Entry = { claimId: string; validStart: string; corrected: boolean };
  type Page = { asOf: string; knownAt: string | null; entries: Entry[]; next: string | null };
  const page = async (url: string): Promise<Page> => {
    const response = await get(given, url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const correct = async (claimId: string, date: string) => {
    const response = await post(given, `/v1/claims/${claimId}/corrections`, {
      changes: { validTime: { date, approximate: false } },
      reason: 'date revised',
    });
    expect(response.statusCode, response.body).toBe(201);
  };

  it('corrections between pages neither repeat nor skip a claim, nor show on later pages', async () => {
    const known = await page('/v1/timeline?limit=1000');
    expect(known.entries).toHaveLength(10);
    const first = await page('/v1/timeline?limit=4');
    const onFirst = first.entries.map((e) => e.claimId);
    expect(onFirst).toContain('isis-holds-al-susa-2018-10');
    expect(onFirst).not.toContain('sdf-controls-80pct-al-susa');

    // A claim of page 1 moves after the cursor (it would repeat), one of page 2 before it (it would be skipped).
    await correct('isis-holds-al-susa-2018-10', '2018-12-01');
    await correct('sdf-controls-80pct-al-susa', '2018-09-01');

    const later: Entry[] = [];
    const asOfs = new Set<string>();
    let next = first.next;
    while (next) {
      const more = await page(`/v1/timeline?limit=4&cursor=${next}`);
      asOfs.add(more.asOf);
      later.push(...more.entries);
      next = more.next;
    }
    const paged = [...onFirst, ...later.map((e) => e.claimId)];
    expect(paged).toEqual(known.entries.map((e) => e.claimId));
    expect(new Set(paged).size).toBe(paged.length);
    expect(later.filter((e) => e.corrected)).toEqual([]);
    expect(later.map((e) => e.validStart)).not.toContain('2018-12-01');
    expect([...asOfs]).toEqual([first.asOf]);
    // A new first page reads the corrections.
    const now = await page('/v1/timeline?limit=1000');
    expect(now.entries.at(0)).toMatchObject({ claimId: 'sdf-controls-80pct-al-susa', validStart: '2018-09-01', corrected: true });
  });

  it('a cursor with a different asOf or knownAt is a 400 naming the parameter; the same one is served', async () => {
    const first = await page('/v1/timeline?limit=2');
    const cursor = first.next!;
    const same = await get(given, `/v1/timeline?limit=2&cursor=${cursor}&asOf=${first.asOf}`);
    expect(same.statusCode, same.body).toBe(200);
    for (const [param, url] of [
      ['/asOf', `/v1/timeline?limit=2&cursor=${cursor}&asOf=${BigInt(first.asOf) - 1n}`],
      ['/knownAt', `/v1/timeline?limit=2&cursor=${cursor}&knownAt=2030-01-01T00:00:00Z`],
    ] as const) {
      const response = await get(given, url);
      expect(response.statusCode, url).toBe(400);
      expect(problemOf(response), url).toMatchObject({
        code: 'invalid_cursor',
        errors: [{ field: param, in: 'querystring' }],
      });
    }
    // A cursor pins knownAt too: later pages keep it without repeating it.
    const asKnown = await page('/v1/timeline?limit=2&knownAt=2030-01-01T00:00:00Z');
    const second = await page(`/v1/timeline?limit=2&cursor=${asKnown.next}`);
    expect(second).toMatchObject({ asOf: asKnown.asOf, knownAt: '2030-01-01T00:00:00.000Z' });
  });
});
