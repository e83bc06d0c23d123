import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aControlClaim, anArticle, aSource, get, givenRegistry, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Claim model v2 through the ledger (issue 11, items 1, 2 and the read fields of 5): what
 * conflict datasets carry is recorded, corrected, refused when it breaks a rule (the log head
 * does not move), and read back from the claim, the timeline, control and the export.
 */
let given: GivenApp;
beforeEach(async () => {
  given = await givenApp();
  await givenRegistry(given);
});
afterEach(() => given.close());

const ucdp = { kind: 'dataset', dataset: 'ucdp-ged', release: '23.1', externalId: '300380' } as const;

/** A UCDP GED row as a claim: a battle over a period, with fatalities, roles, precision and typology. */
const aDatasetClaim = (over: Record<string, unknown> = {}) => ({
  articleId: 'alquds-2018-11-14',
  kind: 'battle',
  placeId: 'al-susa',
  actorIds: ['sdf', 'isis'],
  validTime: { date: '2017-10-01', end: '2017-10-20' },
  credibility: 3,
  fatalities: { best: 12, low: 10, high: 15, bySide: { sideA: 4, sideB: 7, civilians: 1, unknown: 0 } },
  actorRoles: [
    { actorId: 'sdf', role: 'side_a' },
    { actorId: 'isis', role: 'side_b' },
  ],
  precision: { place: 'near', date: 'week', coded: { scheme: 'ucdp-ged', where: 2, date: 3 } },
  typology: { scheme: 'ucdp-ged', type: '1' },
  provenance: ucdp,
  ...over,
});

/** Then: refused with this status and code, naming these fields, and the log did not move. */
const expectRefused = async (
  response: Awaited<ReturnType<typeof post>>,
  head: bigint,
  status: number,
  code: string,
  fields: string[],
) => {
  expect(response.statusCode, response.body).toBe(status);
  const problem = response.json();
  expect(problem).toMatchObject({ status, code });
  expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(fields);
  expect(await given.head()).toBe(head);
};

const claimOf = async (id: string) => {
  const response = await get(given, `/v1/claims/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

const timeline = async (query: string) => {
  const response = await get(given, `/v1/timeline${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { entries: Record<string, unknown>[] };
};

describe('recording a v2 claim', () => {
  it('a dataset row without an id gets the id its external id fixes, and every field reads back as recorded', async () => {
    const response = await post(given, '/v1/claims', aDatasetClaim());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ id: 'ucdp-ged-300380', streamId: 'claim-ucdp-ged-300380' });
    expect(response.headers.location).toBe('/v1/claims/ucdp-ged-300380');

    const { id: _, provenance, articleId: _a, kind, ...body } = { id: '', ...aDatasetClaim() };
    const claim = await claimOf('ucdp-ged-300380');
    expect(claim).toMatchObject({ kind, provenance, status: 'standing' });
    expect(claim.current).toEqual({ ...body, validTime: { ...body.validTime, approximate: false } });
    expect(claim.recorded).toMatchObject({ fatalities: body.fatalities, actorRoles: body.actorRoles });
  });

  it('the same external id recorded again is one claim: identical → 200 and nothing appended; different → 409', async () => {
    expect((await post(given, '/v1/claims', aDatasetClaim())).statusCode).toBe(201);
    const head = await given.head();

    const again = await post(given, '/v1/claims', aDatasetClaim());
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: 'ucdp-ged-300380', revision: 0 });
    expect(await given.head()).toBe(head);

    const differently = await post(given, '/v1/claims', aDatasetClaim({ fatalities: { best: 13 } }));
    await expectRefused(differently, head, 409, 'already_exists', ['/fatalities']);
    expect((await claimOf('ucdp-ged-300380')).current.fatalities.best).toBe(12);
  });

  it('GET /v1/claims/external/{dataset}/{externalId} answers the claim, and 404 not_found for a row never brought', async () => {
    await post(given, '/v1/claims', aDatasetClaim());
    const found = await get(given, '/v1/claims/external/ucdp-ged/300380');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ id: 'ucdp-ged-300380', provenance: ucdp });
    expect(found.headers.etag).toBe('"0"');

    for (const url of ['/v1/claims/external/ucdp-ged/300381', '/v1/claims/external/acled/300380']) {
      const missing = await get(given, url);
      expect(missing.statusCode, url).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('a claim that merely has a dataset-like id, without that provenance, is not found by external id', async () => {
    const typed = await post(given, '/v1/claims', aControlClaim({ id: 'ucdp-ged-42' }));
    expect(typed.statusCode, typed.body).toBe(201);
    const response = await get(given, '/v1/claims/external/ucdp-ged/42');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('batch: dataset rows without ids get their fixed ids', async () => {
    const rows = [aDatasetClaim(), aDatasetClaim({ provenance: { ...ucdp, externalId: 'SYR-77' }, fatalities: { best: 0 } })];
    const response = await post(given, '/v1/claims/batch', { claims: rows });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().claims.map((c: { id: string }) => c.id)).toEqual(['ucdp-ged-300380', 'ucdp-ged-syr-77']);
    expect((await claimOf('ucdp-ged-syr-77')).current.fatalities).toEqual({ best: 0 });
  });
});

describe('refusals change nothing', () => {
  it.each([
    ['a period that ends before it starts', { validTime: { date: '2017-10-20', end: '2017-09' } }, ['/validTime/end']],
    ['fatalities low above best', { fatalities: { best: 3, low: 4 } }, ['/fatalities/low']],
    ['fatalities high below best', { fatalities: { best: 3, high: 2 } }, ['/fatalities/high']],
    [
      'a role for an actor the claim does not name',
      { actorRoles: [{ actorId: 'russian-army', role: 'side_a' }] },
      ['/actorRoles/0/actorId'],
    ],
    [
      'two roles for one actor',
      {
        actorRoles: [
          { actorId: 'sdf', role: 'side_a' },
          { actorId: 'sdf', role: 'associated_b' },
        ],
      },
      ['/actorRoles/1/actorId'],
    ],
    ['dataset provenance with another id', { id: 'my-own-id' }, ['/id']],
    ['an external id with no letter or digit', { provenance: { ...ucdp, externalId: '--' } }, ['/provenance/externalId']],
  ])('%s → 422 invalid_command', async (_, over, fields) => {
    const head = await given.head();
    await expectRefused(await post(given, '/v1/claims', aDatasetClaim(over)), head, 422, 'invalid_command', fields);
  });

  it('a period end that is not a date → 422 validation_failed', async () => {
    const head = await given.head();
    const response = await post(given, '/v1/claims', aDatasetClaim({ validTime: { date: '2017-10-01', end: '2017-02-30' } }));
    await expectRefused(response, head, 422, 'validation_failed', ['/validTime/end']);
  });

  it('an unknown dataset or role → 422 validation_failed', async () => {
    const head = await given.head();
    const dataset = await post(given, '/v1/claims', aDatasetClaim({ provenance: { ...ucdp, dataset: 'gdelt' } }));
    await expectRefused(dataset, head, 422, 'validation_failed', ['/provenance/dataset']);
    const role = await post(given, '/v1/claims', aDatasetClaim({ actorRoles: [{ actorId: 'sdf', role: 'attacker' }] }));
    await expectRefused(role, head, 422, 'validation_failed', ['/actorRoles/0/role']);
  });
});

describe('corrections and retractions from a dataset release', () => {
  beforeEach(async () => {
    expect((await post(given, '/v1/claims', aDatasetClaim())).statusCode).toBe(201);
  });

  it('a correction changes the new fields, null removes one, and its provenance names the release', async () => {
    const release = { ...ucdp, release: '24.1' };
    const response = await post(given, '/v1/claims/ucdp-ged-300380/corrections', {
      changes: {
        fatalities: { best: 13, low: 10, high: 15 },
        validTime: { date: '2017-10-01', end: '2017-10-21' },
        precision: null,
      },
      reason: 'UCDP GED 24.1: best 12 → 13; date_end 2017-10-20 → 2017-10-21',
      provenance: release,
    });
    expect(response.statusCode, response.body).toBe(201);
    const claim = await claimOf('ucdp-ged-300380');
    expect(claim.current.fatalities).toEqual({ best: 13, low: 10, high: 15 });
    expect(claim.current.validTime).toEqual({ date: '2017-10-01', end: '2017-10-21', approximate: false });
    expect(claim.current).not.toHaveProperty('precision');
    expect(claim.current.typology).toEqual({ scheme: 'ucdp-ged', type: '1' });
    expect(claim.corrections).toEqual([expect.objectContaining({ provenance: release })]);
    expect(claim.recorded.fatalities.best).toBe(12);
  });

  it('a correction that breaks a rule, or names another external id, is refused', async () => {
    const head = await given.head();
    const url = '/v1/claims/ucdp-ged-300380/corrections';
    await expectRefused(
      await post(given, url, { changes: { fatalities: { best: 5, high: 4 } }, reason: 'r' }),
      head,
      422,
      'invalid_command',
      ['/changes/fatalities/high'],
    );
    await expectRefused(
      await post(given, url, { changes: { actorIds: ['sdf'] }, reason: 'isis left the row' }),
      head,
      422,
      'invalid_command',
      ['/changes/actorRoles/1/actorId'],
    );
    await expectRefused(
      await post(given, url, { changes: { fatalities: { best: 13 } }, reason: 'r', provenance: { ...ucdp, externalId: '1' } }),
      head,
      422,
      'invalid_command',
      ['/provenance/externalId'],
    );
  });

  it('a retraction keeps the release that withdrew the row', async () => {
    const release = { ...ucdp, release: '24.1' };
    const response = await post(given, '/v1/claims/ucdp-ged-300380/retractions', {
      reason: 'UCDP GED 24.1: event 300380 deleted',
      provenance: release,
    });
    expect(response.statusCode, response.body).toBe(201);
    const claim = await claimOf('ucdp-ged-300380');
    expect(claim).toMatchObject({ status: 'retracted', retraction: { reason: expect.any(String), provenance: release } });
  });
});

describe('articles as datasets cite them', () => {
  beforeEach(async () => {
    for (const source of [
      aSource({ id: 'reuters', name: { en: 'Reuters', variants: [] }, kind: 'news_agency', reliability: 'B' }),
      aSource({ id: 'sohr', name: { en: 'SOHR', variants: [] }, kind: 'monitor', reliability: 'D' }),
    ]) {
      expect((await post(given, '/v1/sources', source)).statusCode).toBe(201);
    }
  });

  const citedArticle = (over: Record<string, unknown> = {}) => {
    const { title: _, publishedAt: _p, ...rest } = anArticle({ id: 'ucdp-300380-source' });
    return { ...rest, language: 'en', additionalSourceIds: ['reuters', 'sohr'], citation: 'Reuters 2017-10-12; SOHR', ...over };
  };

  it('records an article with no title and no date, several sources and a citation, and reads it back', async () => {
    const response = await post(given, '/v1/articles', citedArticle());
    expect(response.statusCode, response.body).toBe(201);
    const article = (await get(given, '/v1/articles/ucdp-300380-source')).json();
    expect(article).toMatchObject({ additionalSourceIds: ['reuters', 'sohr'], citation: 'Reuters 2017-10-12; SOHR' });
    expect(article).not.toHaveProperty('title');
    expect(article).not.toHaveProperty('publishedAt');
  });

  it.each(['2017', '2017-10', '2017-10-12', '2017-10-12T08:00:00Z'])('accepts publishedAt %s', async (publishedAt) => {
    const response = await post(given, '/v1/articles', citedArticle({ publishedAt }));
    expect(response.statusCode, response.body).toBe(201);
  });

  it.each([
    ['a source named twice', { additionalSourceIds: ['reuters', 'reuters'] }, 422, 'invalid_command', ['/additionalSourceIds/1']],
    ['the primary source again', { additionalSourceIds: ['al-furat-post'] }, 422, 'invalid_command', ['/additionalSourceIds/0']],
    ['an unknown source', { additionalSourceIds: ['reuters', 'afp'] }, 422, 'unknown_reference', ['/additionalSourceIds/1']],
    ['a date that does not exist', { publishedAt: '2017-13' }, 422, 'validation_failed', ['/publishedAt']],
    ['an empty citation', { citation: ' ' }, 422, 'validation_failed', ['/citation']],
  ])('refuses %s, changing nothing', async (_, over, status, code, fields) => {
    const head = await given.head();
    await expectRefused(await post(given, '/v1/articles', citedArticle(over)), head, status, code, fields);
  });

  it('suggestions for an article without a day answer 200 and say why relative dates are not resolved', async () => {
    await post(given, '/v1/articles', citedArticle({ id: 'no-date' }));
    await post(given, '/v1/articles', citedArticle({ id: 'a-month', publishedAt: '2017-10' }));
    const text = 'Yesterday SDF fighters attacked IS positions in al-Susa.';
    for (const [id, publishedAt] of [
      ['no-date', null],
      ['a-month', '2017-10'],
    ] as const) {
      const response = await post(given, `/v1/articles/${id}/suggestions`, { text });
      expect(response.statusCode, response.body).toBe(200);
      const answer = response.json();
      expect(answer.publishedAt).toBe(publishedAt);
      expect(answer.relativeDates).toMatch(/^not resolved: .*give publishedAt \(YYYY-MM-DD\) in the request/);
      expect(answer.claims.every((c: { missing: string[] }) => c.missing.includes('validTime'))).toBe(true);
    }
    // Given the day in the request, they are resolved.
    const resolved = (await post(given, '/v1/articles/no-date/suggestions', { text, publishedAt: '2017-10-12' })).json();
    expect(resolved.relativeDates).toBeUndefined();
    expect(resolved.claims[0]?.validTime).toEqual({ date: '2017-10-11', approximate: false });
  });

  it('the timeline shows every source and grades by the best one known at the cutoff; control too', async () => {
    await post(given, '/v1/articles', citedArticle());
    // al-furat-post (C) is primary; reuters (B) is the best; sohr (D) the worst.
    const recorded = await post(
      given,
      '/v1/claims',
      aControlClaim({ id: 'sdf-holds-al-susa', articleId: 'ucdp-300380-source', credibility: 3 }),
    );
    expect(recorded.statusCode, recorded.body).toBe(201);
    const before = (await given.head()).toString();
    expect((await post(given, '/v1/sources/reuters/reliability', { reliability: 'E', reason: 'track record' })).statusCode).toBe(
      201,
    );

    const now = (await timeline('?place=al-susa')).entries[0]!;
    expect(now).toMatchObject({
      grade: 'C3',
      source: { id: 'al-furat-post', reliability: 'C' },
      sources: [
        { sourceId: 'al-furat-post', name: 'Al-Furat Post', reliability: 'C' },
        { sourceId: 'reuters', name: 'Reuters', reliability: 'E' },
        { sourceId: 'sohr', name: 'SOHR', reliability: 'D' },
      ],
      article: { id: 'ucdp-300380-source', title: null, publishedAt: null, citation: 'Reuters 2017-10-12; SOHR' },
    });
    const then = (await timeline(`?place=al-susa&asOf=${before}`)).entries[0]!;
    expect(then).toMatchObject({ grade: 'B3', source: { reliability: 'B' } });
    expect((then.sources as { reliability: string }[]).map((s) => s.reliability)).toEqual(['C', 'B', 'D']);

    const control = async (query: string) =>
      (await get(given, `/v1/places/al-susa/control?at=2018-11-14${query}`)).json() as { grade: string };
    expect((await control('')).grade).toBe('C3');
    expect((await control(`&asOf=${before}`)).grade).toBe('B3');
  });
});

describe('reading v2 claims', () => {
  beforeEach(async () => {
    expect((await post(given, '/v1/claims', aDatasetClaim())).statusCode).toBe(201);
  });

  it.each([
    ['from=2017-10-15', true],
    ['from=2017-10-20', true],
    ['from=2017-10-21', false],
    ['to=2017-10-01', true],
    ['to=2017-09-30', false],
    ['from=2017-10-05&to=2017-10-06', true],
    ['from=2017-10', true],
    ['from=2017-11', false],
  ])('the timeline matches overlapping periods: %s → %s', async (query, shown) => {
    const ids = (await timeline(`?${query}`)).entries.map((e) => e.claimId);
    expect(ids.includes('ucdp-ged-300380')).toBe(shown);
  });

  it('a timeline entry carries the period and the dataset fields', async () => {
    const entry = (await timeline('?from=2017-10-15')).entries.find((e) => e.claimId === 'ucdp-ged-300380');
    const row = aDatasetClaim();
    expect(entry).toMatchObject({
      kind: 'battle',
      validTime: { date: '2017-10-01', end: '2017-10-20', approximate: false },
      validStart: '2017-10-01',
      validEnd: '2017-10-20',
      fatalities: row.fatalities,
      actorRoles: row.actorRoles,
      precision: row.precision,
      typology: row.typology,
    });
  });

  it('the export and the event feed carry the v2 fields at schemaVersion 2', async () => {
    const exported = (await get(given, '/v1/export')).body.split('\n').filter((l) => l !== '');
    const line = exported.map((l) => JSON.parse(l)).find((e) => e.streamId === 'claim-ucdp-ged-300380');
    expect(line).toMatchObject({ type: 'ClaimRecorded', schemaVersion: 2, data: { fatalities: { best: 12 }, provenance: ucdp } });
    const { events } = (await get(given, '/v1/events?type=ClaimRecorded')).json();
    const event = events.find((e: { streamId: string }) => e.streamId === 'claim-ucdp-ged-300380');
    expect(event).toMatchObject({ schemaVersion: 2, data: { actorRoles: aDatasetClaim().actorRoles } });
  });
});

describe('import checks v2 events as their commands would be decided', () => {
  it('an export with v2 claims, corrections, retractions and articles imports whole into an empty ledger', async () => {
    await post(given, '/v1/sources', aSource({ id: 'reuters', name: { en: 'Reuters', variants: [] }, reliability: 'B' }));
    const article = {
      id: 'cited',
      sourceId: 'al-furat-post',
      additionalSourceIds: ['reuters'],
      language: 'en',
      citation: 'x; y',
    };
    expect((await post(given, '/v1/articles', article)).statusCode).toBe(201);
    expect((await post(given, '/v1/claims', aDatasetClaim({ articleId: 'cited' }))).statusCode).toBe(201);
    const release = { ...ucdp, release: '24.1' };
    const correction = { changes: { fatalities: null, typology: null }, reason: 'UCDP GED 24.1', provenance: release };
    expect((await post(given, '/v1/claims/ucdp-ged-300380/corrections', correction)).statusCode).toBe(201);
    const row2 = aDatasetClaim({ provenance: { ...ucdp, externalId: '2' } });
    expect((await post(given, '/v1/claims', row2)).statusCode).toBe(201);
    const retraction = { reason: 'UCDP GED 24.1: deleted', provenance: { ...release, externalId: '2' } };
    expect((await post(given, '/v1/claims/ucdp-ged-2/retractions', retraction)).statusCode).toBe(201);
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
      expect(await target.head()).toBe(await given.head());
      for (const id of ['ucdp-ged-300380', 'ucdp-ged-2']) {
        expect((await get(target, `/v1/claims/${id}`)).json()).toEqual(await claimOf(id));
      }
    } finally {
      await target.close();
    }
  });
});
