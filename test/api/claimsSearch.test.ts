import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aControlClaim, get, post } from '../support/builders.js';
import { givenClaimsLedger, IDS, T1, ucdp } from '../support/claimsLedger.js';
import type { GivenApp } from '../support/ledger.js';

/**
 * GET /v1/claims (issue 11, item 5): each filter selects exactly the claims it should, as
 * known at the cutoff; pages keep the first page's cutoff while writes go on; a filter that
 * cannot hold is a 400 naming the parameter, and the log does not move.
 */
let given: GivenApp;
let beforeLater: bigint;
beforeEach(async () => {
  ({ given, beforeLater } = await givenClaimsLedger());
});
afterEach(() => given.close());

interface Item {
  claimId: string;
  retracted: boolean;
  release: string | null;
  fatalities?: { best: number };
  updatedAt: string;
  [key: string]: unknown;
}
interface Page {
  asOf: string;
  knownAt: string | null;
  claims: Item[];
  next: string | null;
}

const list = async (query: string): Promise<Page> => {
  const response = await get(given, `/v1/claims${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const ids = async (query: string) => (await list(query)).claims.map((c) => c.claimId);

const { susaBattle, baghuzKilling, aleppoShelling, qaimBattle, abuKamalRetracted, susaControl } = IDS;

describe('each filter selects exactly the right claims', () => {
  it.each([
    [
      'nothing: every standing claim, in recording order',
      '',
      [susaBattle, baghuzKilling, aleppoShelling, qaimBattle, susaControl],
    ],
    ['dataset=ucdp-ged', '?dataset=ucdp-ged', [susaBattle, baghuzKilling, qaimBattle]],
    ['dataset=acled', '?dataset=acled', [aleppoShelling]],
    ['externalId, in any dataset (exactly as the dataset wrote it)', '?externalId=SYR1', [aleppoShelling]],
    ['externalId in another dataset', '?dataset=ucdp-ged&externalId=SYR1', []],
    ['externalId that only slugs alike is not the id', '?externalId=syr1', []],
    ['kind', '?kind=battle', [susaBattle, qaimBattle]],
    ['several kinds', '?kind=killing,control', [baghuzKilling, susaControl]],
    ['fatalitiesMin (best as corrected: 30)', '?fatalitiesMin=20', [susaBattle, baghuzKilling]],
    ['fatalitiesMax', '?fatalitiesMax=3', [aleppoShelling, qaimBattle]],
    [
      'fatalitiesMin=0: claims without fatalities never match',
      '?fatalitiesMin=0',
      [susaBattle, baghuzKilling, aleppoShelling, qaimBattle],
    ],
    ['a fatalities range', '?fatalitiesMin=3&fatalitiesMax=40', [susaBattle, baghuzKilling, qaimBattle]],
    ['actorId', '?actorId=isis', [susaBattle, baghuzKilling, qaimBattle]],
    ['actorId in a role', '?actorId=isis&role=side_a', [baghuzKilling, qaimBattle]],
    ['actorId in the other role', '?actorId=sdf&role=side_b', [qaimBattle]],
    ['an actor named without a role never matches a role', '?actorId=syrian-army&role=side_b', []],
    ['placeId: a governorate and everything under it', '?placeId=deir-ez-zor', [susaBattle, baghuzKilling, susaControl]],
    ['placeId: a sub-district', '?placeId=hajin', [baghuzKilling]],
    ['pcode: the district SY0903 and everything under it', '?pcode=SY0903', [susaBattle, baghuzKilling, susaControl]],
    ['pcode of a governorate, any case', '?pcode=sy02', [aleppoShelling]],
    ['country', '?country=syria', [susaBattle, baghuzKilling, aleppoShelling, susaControl]],
    ['another country', '?country=iraq', [qaimBattle]],
    ['country and pcode together: both hold', '?country=syria&pcode=SY02', [aleppoShelling]],
    ['bbox around Hajin: al-Baghuz has no point, Hajin’s counts', '?bbox=40.8,34.6,40.85,34.7', [baghuzKilling]],
    ['bbox around Aleppo', '?bbox=37,36,37.3,36.3', [aleppoShelling]],
    ['bbox with inclusive edges', '?bbox=41.09,34.37,41.09,34.37', [qaimBattle]],
    ['from/to: a period overlapping them matches', '?from=2017-10-15&to=2017-10-31', [susaBattle]],
    ['from a month', '?from=2018-02', [baghuzKilling, aleppoShelling, susaControl]],
    ['to a year', '?to=2017', [susaBattle, qaimBattle]],
    [
      'updatedSince: recorded, corrected, corroborated, disputed or retracted at or after it (retractions included by default)',
      `?updatedSince=${T1}`,
      [susaBattle, baghuzKilling, abuKamalRetracted, susaControl],
    ],
    [
      'updatedSince in another offset, same instant',
      '?updatedSince=2024-02-10T10:00:00%2B02:00',
      [susaBattle, baghuzKilling, abuKamalRetracted, susaControl],
    ],
    [
      'updatedSince with includeRetracted=false: standing claims only',
      `?updatedSince=${T1}&includeRetracted=false`,
      [susaBattle, baghuzKilling, susaControl],
    ],
    ['country by P-code, any case', '?dataset=ucdp-ged&country=sY&fatalitiesMin=1&actorId=isis', [susaBattle, baghuzKilling]],
    ['updatedSince after everything', '?updatedSince=2024-02-10T08:00:00.001Z', []],
    ['includeRetracted', '?includeRetracted=true&dataset=ucdp-ged', [susaBattle, baghuzKilling, qaimBattle, abuKamalRetracted]],
    [
      'includeRetracted and updatedSince: the retraction is an update',
      `?includeRetracted=true&updatedSince=${T1}`,
      [susaBattle, baghuzKilling, abuKamalRetracted, susaControl],
    ],
    ['filters combine', '?dataset=ucdp-ged&country=syria&fatalitiesMin=1&actorId=isis', [susaBattle, baghuzKilling]],
  ])('%s', async (_name, query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });

  it('a retracted claim reads flagged, as its last version known', async () => {
    const page = await list(`?includeRetracted=true&externalId=4`);
    expect(page.claims).toMatchObject([{ claimId: abuKamalRetracted, retracted: true, fatalities: { best: 5 }, updatedAt: T1 }]);
  });

  it('every item carries the claim as it reads with its v2 fields, provenance, release, sources, grade and times', async () => {
    const [item] = (await list(`?externalId=1`)).claims;
    expect(item).toEqual({
      claimId: susaBattle,
      kind: 'battle',
      placeId: 'al-susa',
      placeName: 'al-Susa',
      location: { lat: 34.54, lon: 40.89, approximate: true },
      actorIds: ['sdf', 'isis'],
      validTime: { date: '2017-10-01', end: '2017-10-20', approximate: false },
      validStart: '2017-10-01',
      validEnd: '2017-10-20',
      credibility: 2,
      fatalities: { best: 30, low: 10, high: 35 },
      actorRoles: [
        { actorId: 'sdf', role: 'side_a' },
        { actorId: 'isis', role: 'side_b' },
      ],
      precision: { place: 'exact', date: 'day', coded: { scheme: 'ucdp-ged', where: 1, date: 1 } },
      typology: { scheme: 'ucdp-ged', type: '1' },
      provenance: ucdp('1'),
      release: '24.1',
      articleId: 'ucdp-citation-1',
      sources: [
        { sourceId: 'ucdp-sources', name: 'UCDP GED sources', reliability: 'C' },
        { sourceId: 'sohr', name: 'Syrian Observatory, "SOHR"', reliability: 'B' },
      ],
      grade: 'B2',
      retracted: false,
      corrected: true,
      recordedAt: '2024-01-10T08:00:00.000Z',
      updatedAt: T1,
      position: expect.any(String),
    });
  });
});

describe('the knowledge cutoff', () => {
  it('asOf before release 24.1: the claims as 23.1 said them, none retracted, nothing updated since T1', async () => {
    const asOf = `asOf=${beforeLater}`;
    expect(await ids(`?${asOf}&fatalitiesMin=20`)).toEqual([baghuzKilling]);
    expect(await ids(`?${asOf}&fatalitiesMin=12&fatalitiesMax=12`)).toEqual([susaBattle]);
    expect(await ids(`?${asOf}&dataset=ucdp-ged`)).toEqual([susaBattle, baghuzKilling, qaimBattle, abuKamalRetracted]);
    expect(await ids(`?${asOf}&updatedSince=${T1}`)).toEqual([]);
    const page = await list(`?${asOf}&externalId=1`);
    expect(page.asOf).toBe(beforeLater.toString());
    expect(page.claims[0]).toMatchObject({
      release: '23.1',
      fatalities: { best: 12 },
      corrected: false,
      updatedAt: '2024-01-10T08:00:00.000Z',
    });
  });

  it('knownAt before T1 answers the same as asOf before it', async () => {
    expect(await ids('?knownAt=2024-01-31T00:00:00Z&fatalitiesMin=20')).toEqual([baghuzKilling]);
    expect((await list('?knownAt=2024-01-31T00:00:00Z')).knownAt).toBe('2024-01-31T00:00:00.000Z');
  });
});

describe('pagination', () => {
  it('pages keep the first page’s cutoff while claims are recorded, corrected and retracted between them', async () => {
    const first = await list('?limit=2&includeRetracted=true');
    expect(first.claims.map((c) => c.claimId)).toEqual([susaBattle, baghuzKilling]);
    expect(first.next).not.toBeNull();

    // Between pages: a new claim, a correction that moves a claim out of Syria, a retraction.
    expect((await post(given, '/v1/claims', aControlClaim({ id: 'late-claim', share: 1 }))).statusCode).toBe(201);
    const moved = await post(given, `/v1/claims/${aleppoShelling}/corrections`, {
      changes: { fatalities: { best: 99 } },
      reason: 'recount',
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect((await post(given, `/v1/claims/${qaimBattle}/retractions`, { reason: 'duplicate' })).statusCode).toBe(201);

    const pages = [first];
    for (let next = first.next; next; next = pages.at(-1)!.next)
      pages.push(await list(`?limit=2&includeRetracted=true&cursor=${next}`));
    expect(pages.every((p) => p.asOf === first.asOf)).toBe(true);
    const all = pages.flatMap((p) => p.claims);
    expect(all.map((c) => c.claimId)).toEqual([
      susaBattle,
      baghuzKilling,
      aleppoShelling,
      qaimBattle,
      abuKamalRetracted,
      susaControl,
    ]);
    expect(all.find((c) => c.claimId === aleppoShelling)?.fatalities?.best).toBe(0);
    expect(all.find((c) => c.claimId === qaimBattle)?.retracted).toBe(false);

    // A new first page reads the new knowledge.
    const now = await ids('?includeRetracted=true&limit=1000');
    expect(now.at(-1)).toBe('late-claim');
  });

  it('a cursor with another asOf, or one this API did not give, is 400 invalid_cursor', async () => {
    const first = await list('?limit=1');
    const head = await given.head();
    for (const query of [`?cursor=${first.next}&asOf=1`, '?cursor=nonsense', '?cursor=Y2xhaW1zfDF8eHx5']) {
      const response = await get(given, `/v1/claims${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code, query).toBe('invalid_cursor');
    }
    // A timeline cursor is not a claims cursor.
    const timeline = (await get(given, '/v1/timeline?limit=1')).json().next as string;
    expect((await get(given, `/v1/claims?cursor=${timeline}`)).json().code).toBe('invalid_cursor');
    expect(await given.head()).toBe(head);
  });

  it('a cursor asked with other filters than its first page is 400 invalid_cursor; with the same ones it pages on', async () => {
    const first = await list('?dataset=ucdp-ged&fatalitiesMin=1&limit=1');
    expect(first.next).toEqual(expect.any(String));
    for (const query of [
      '?dataset=ucdp-ged&fatalitiesMin=2',
      '?dataset=ucdp-ged',
      '?fatalitiesMin=1',
      '?dataset=ucdp-ged&fatalitiesMin=1&kind=battle',
    ]) {
      const response = await get(given, `/v1/claims${query}&limit=1&cursor=${first.next}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ code: 'invalid_cursor', errors: [{ field: '/cursor' }] });
    }
    // Order and limit are not filters: the same filters in another order, with another limit, page on.
    const next = await get(given, `/v1/claims?fatalitiesMin=1&limit=5&dataset=ucdp-ged&cursor=${first.next}`);
    expect(next.statusCode).toBe(200);
  });
});

describe('a filter that cannot hold is refused, naming the parameter, and nothing moves', () => {
  it.each([
    ['bbox with minLon above maxLon', '?bbox=41,34,40,35', '/bbox'],
    ['bbox with minLat above maxLat', '?bbox=40,35,41,34', '/bbox'],
    ['bbox with three numbers', '?bbox=40,34,41', '/bbox'],
    ['bbox out of range', '?bbox=-200,34,41,35', '/bbox'],
    ['bbox with a word', '?bbox=40,34,east,35', '/bbox'],
    ['fatalitiesMin above fatalitiesMax', '?fatalitiesMin=10&fatalitiesMax=5', '/fatalitiesMax'],
    ['negative fatalities', '?fatalitiesMin=-1', '/fatalitiesMin'],
    ['an unknown dataset', '?dataset=gdelt', '/dataset'],
    ['an unknown kind', '?kind=battle,riot', '/kind/1'],
    ['role without actorId', '?role=side_a', '/role'],
    ['an unknown role', '?actorId=isis&role=side_c', '/role'],
    ['an unknown actor', '?actorId=nobody', '/actorId'],
    ['an unknown place', '?placeId=atlantis', '/placeId'],
    ['a P-code no place has', '?pcode=SY99', '/pcode'],
    ['a country that is not a country place', '?country=deir-ez-zor', '/country'],
    ['an unknown country', '?country=atlantis', '/country'],
    ['from after to', '?from=2018-02&to=2018-01-31', '/to'],
    ['a bad date', '?from=2018-13', '/from'],
    ['updatedSince not an instant', '?updatedSince=yesterday', '/updatedSince'],
    ['includeRetracted not a boolean', '?includeRetracted=yes', '/includeRetracted'],
    ['limit above 1000', '?limit=1001', '/limit'],
    ['an unknown parameter', '?fatalities=3', '/fatalities'],
  ])('%s', async (_name, query, field) => {
    const head = await given.head();
    const response = await get(given, `/v1/claims${query}`);
    expect(response.statusCode, response.body).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await given.head()).toBe(head);
  });
});
