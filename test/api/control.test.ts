import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * The control read models over HTTP, on the worked example: ISIS holds al-Susa (share 1,
 * October 2018, graded B3); the SDF's Deir ez-Zor Military Council claims 80% on 13 November
 * (B3). Expected answers are computed by hand from the DESIGN.md rule.
 */
let given: GivenApp;
let loaded: string;
beforeAll(async () => {
  given = await givenApp();
  await loadWorkedExample(given.store);
  loaded = (await given.head()).toString();
});
afterAll(() => given.close());

const control = async (url: string) => {
  const response = await get(given, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
type PlaceAnswer = { placeId: string; shares: { actorId: string; share: number }[]; grade: string | null };
const susa = (answer: { places: PlaceAnswer[] }) => answer.places.find((p) => p.placeId === 'al-susa');

const contested = {
  status: 'contested',
  controller: 'deir-ez-zor-military-council',
  shares: [
    { actorId: 'deir-ez-zor-military-council', share: 0.8, since: '2018-11-13' },
    { actorId: 'isis', share: 0.2, since: '2018-10' },
  ],
  unattributed: 0,
  lastClaimAt: '2018-11-13',
  grade: 'B3',
  claimIds: ['isis-holds-al-susa-2018-10', 'sdf-controls-80pct-al-susa'],
};
const isisHolds = {
  status: 'controlled',
  controller: 'isis',
  shares: [{ actorId: 'isis', share: 1, since: '2018-10' }],
  unattributed: 0,
  lastClaimAt: '2018-10',
  grade: 'B3',
  claimIds: ['isis-holds-al-susa-2018-10'],
};

describe('GET /v1/control', () => {
  it.each([
    ['2018-11-14', contested],
    ['2018-11-13', contested],
    ['2018-11-12', isisHolds],
    ['2018-10-01', isisHolds],
  ])('al-Susa on %s', async (at, expected) => {
    const answer = await control(`/v1/control?at=${at}`);
    expect(answer).toMatchObject({ at, asOf: loaded, knownAt: null });
    expect(susa(answer)).toEqual({ placeId: 'al-susa', name: 'al-Susa', pcode: 'SY090203', ...expected });
  });

  it('knows nothing of al-Susa before its first claim, and lists it only with includeUnknown', async () => {
    expect(susa(await control('/v1/control?at=2018-09-30'))).toBeUndefined();
    expect(susa(await control('/v1/control?at=2018-09-30&includeUnknown=true'))).toMatchObject({
      status: 'unknown',
      controller: null,
      shares: [],
      unattributed: 1,
      grade: null,
      claimIds: [],
    });
  });

  it('rolls up a region: the place and every place within it', async () => {
    const region = await control('/v1/control?at=2018-11-14&within=deir-ez-zor-governorate&includeUnknown=true');
    expect(region.places.map((p: { placeId: string }) => p.placeId).sort()).toEqual(
      [
        'abu-kamal-district',
        'al-bukamal',
        'al-mayadin',
        'al-mayadin-district',
        'al-susa',
        'deir-ez-zor',
        'deir-ez-zor-governorate',
        'hay-al-jamiyat',
        'mahkan',
      ].sort(),
    );
    const known = await control('/v1/control?at=2018-11-14&within=abu-kamal-district');
    expect(known.places.map((p: { placeId: string }) => p.placeId)).toEqual(['al-susa']);
  });

  it('filters by actor', async () => {
    expect((await control('/v1/control?at=2018-11-14&actor=isis')).places).toHaveLength(1);
    expect((await control('/v1/control?at=2018-11-14&actor=irgc')).places).toHaveLength(0);
  });

  it('minGrade leaves out claims graded below it', async () => {
    expect(susa(await control('/v1/control?at=2018-11-14&minGrade=B3'))).toMatchObject({ status: 'contested' });
    expect(susa(await control('/v1/control?at=2018-11-14&minGrade=B2'))).toBeUndefined();
  });

  it('answers GeoJSON for Accept: application/geo+json, [lon, lat]', async () => {
    const response = await get(given, '/v1/control?at=2018-11-14', { accept: 'application/geo+json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
    const collection = response.json();
    expect(collection.type).toBe('FeatureCollection');
    const feature = collection.features.find((f: { id: string }) => f.id === 'al-susa');
    expect(feature).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [40.89, 34.54] },
      properties: { status: 'contested', controller: 'deir-ez-zor-military-council', locationApproximate: true },
    });
  });

  it('rejects an impossible date precisely', async () => {
    const response = await get(given, '/v1/control?at=2018-02-30');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: '/at', in: 'querystring' });
  });

  it('answers with the current name after a place is renamed (the rendered answer is not stale)', async () => {
    expect(susa(await control('/v1/control?at=2018-11-14'))).toMatchObject({ name: 'al-Susa' });
    await given.store.append('place-al-susa', [
      {
        eventId: crypto.randomUUID(),
        type: 'PlaceRenamed',
        schemaVersion: 1,
        data: {
          placeId: 'al-susa',
          names: { en: 'As-Susah', ar: 'السوسة', variants: ['al-Susa'] },
          reason: 'gazetteer spelling',
        },
        metadata: { principal: 'test', correlationId: 'c', causationId: 'c' },
      },
    ]);
    expect(susa(await control('/v1/control?at=2018-11-14'))).toMatchObject({ name: 'As-Susah' });
    loaded = (await given.head()).toString();
  });

  it('stamps X-Ledger-Position', async () => {
    const response = await get(given, '/v1/control?at=2018-11-14');
    expect(response.headers['x-ledger-position']).toBe(loaded);
  });
});

describe('history and replay', () => {
  it("gives al-Susa's control as segments over valid time", async () => {
    const history = await control('/v1/places/al-susa/history');
    expect(history.segments).toEqual([
      {
        from: '2018-10-01',
        to: '2018-11-13',
        status: 'controlled',
        controller: 'isis',
        shares: [{ actorId: 'isis', share: 1 }],
        claimIds: ['isis-holds-al-susa-2018-10'],
      },
      {
        from: '2018-11-13',
        to: null,
        status: 'contested',
        controller: 'deir-ez-zor-military-council',
        shares: [
          { actorId: 'deir-ez-zor-military-council', share: 0.8 },
          { actorId: 'isis', share: 0.2 },
        ],
        claimIds: ['sdf-controls-80pct-al-susa'],
      },
    ]);
  });

  it('replays every change of state between two dates', async () => {
    const replay = await control('/v1/replay?from=2018-10&to=2018-11&within=abu-kamal-district');
    expect(replay).toMatchObject({ from: '2018-10-01', to: '2018-11-30' });
    expect(
      replay.changes.map((c: { date: string; placeId: string; after: { status: string } }) => [
        c.date,
        c.placeId,
        c.after.status,
      ]),
    ).toEqual([
      ['2018-10-01', 'al-susa', 'controlled'],
      ['2018-11-13', 'al-susa', 'contested'],
    ]);
    expect(replay.changes[1]).toMatchObject({
      before: { controller: 'isis' },
      after: { controller: 'deir-ez-zor-military-council' },
      claimIds: ['sdf-controls-80pct-al-susa'],
    });
    expect((await control('/v1/replay?from=2018-11-14&to=2018-12')).changes).toEqual([]);
  });

  it('rejects a replay that ends before it starts', async () => {
    const response = await get(given, '/v1/replay?from=2018-12&to=2018-11');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_range');
  });
});

describe('what the ledger knew: corrections, retractions, back-dated reports, regrading', () => {
  let positions: Record<string, string>;
  beforeAll(async () => {
    const write = async (url: string, body: object) => {
      const response = await post(given, url, body);
      expect(response.statusCode, response.body).toBe(201);
      return response.json().position as string;
    };
    positions = {
      corrected: await write('/v1/claims/sdf-controls-80pct-al-susa/corrections', {
        changes: { share: 0.6 },
        reason: 'SDF revised the figure',
      }),
      backdated: await write('/v1/claims', {
        id: 'isis-holds-mahkan-2018-09',
        articleId: 'alquds-2018-11-14-deir-ez-zor-meeting',
        kind: 'control',
        placeId: 'mahkan',
        actorIds: ['isis'],
        share: 0.5,
        validTime: { date: '2018-09' },
        credibility: 4,
      }),
      regraded: await write('/v1/sources/al-quds-al-arabi/reliability', { reliability: 'C', reason: 'two retracted stories' }),
      retracted: await write('/v1/claims/isis-holds-al-susa-2018-10/retractions', { reason: 'no source for the October claim' }),
    };
  });

  it('a correction changes the answer only for cutoffs after it', async () => {
    const before = susa(await control(`/v1/control?at=2018-11-14&asOf=${loaded}`));
    expect(before?.shares.map((s: { share: number }) => s.share)).toEqual([0.8, 0.2]);
    const after = susa(await control(`/v1/control?at=2018-11-14&asOf=${positions.corrected}`));
    // ISIS 1 scaled by (1 − 0.6)/1 = 0.4.
    expect(after?.shares).toEqual([
      { actorId: 'deir-ez-zor-military-council', share: 0.6, since: '2018-11-13' },
      { actorId: 'isis', share: 0.4, since: '2018-10' },
    ]);
  });

  it('a back-dated report changes the past only for cutoffs after its recording', async () => {
    const mahkan = (answer: { places: { placeId: string }[] }) => answer.places.find((p) => p.placeId === 'mahkan');
    expect(mahkan(await control(`/v1/control?at=2018-09-15&asOf=${positions.corrected}`))).toBeUndefined();
    expect(mahkan(await control(`/v1/control?at=2018-09-15&asOf=${positions.backdated}`))).toMatchObject({
      status: 'contested',
      controller: null,
      unattributed: 0.5,
    });
  });

  it('a revised source reliability regrades by cutoff', async () => {
    expect(susa(await control(`/v1/control?at=2018-11-14&asOf=${positions.backdated}`))?.grade).toBe('B3');
    expect(susa(await control(`/v1/control?at=2018-11-14&asOf=${positions.regraded}`))?.grade).toBe('C3');
  });

  it('a retraction removes the claim only for cutoffs after it', async () => {
    expect(susa(await control(`/v1/control?at=2018-11-12&asOf=${positions.regraded}`))).toMatchObject({ controller: 'isis' });
    expect(susa(await control(`/v1/control?at=2018-11-12&asOf=${positions.retracted}`))).toBeUndefined();
    // Current knowledge (the cached fast path) agrees with the explicit cutoff at the head.
    expect(susa(await control('/v1/control?at=2018-11-14'))).toEqual(
      susa(await control(`/v1/control?at=2018-11-14&asOf=${positions.retracted}`)),
    );
    expect(susa(await control('/v1/control?at=2018-11-14'))).toMatchObject({
      status: 'contested',
      controller: 'deir-ez-zor-military-council',
      shares: [{ actorId: 'deir-ez-zor-military-council', share: 0.6, since: '2018-11-13' }],
      unattributed: 0.4,
      grade: 'C3',
    });
  });

  it('knownAt is a cutoff by instant', async () => {
    const events = (await get(given, `/v1/events?after=${Number(positions.corrected) - 1}&limit=1`)).json().events;
    const correctionRecordedAt = events[0].recordedAt as string;
    const justBefore = new Date(Date.parse(correctionRecordedAt) - 1).toISOString();
    expect(susa(await control(`/v1/control?at=2018-11-14&knownAt=${justBefore}`))?.shares[0]?.share).toBe(0.8);
    expect(susa(await control(`/v1/control?at=2018-11-14&knownAt=${correctionRecordedAt}`))?.shares[0]?.share).toBe(0.6);
  });

  it('one place, by id, as known at a position', async () => {
    const one = await control(`/v1/places/al-susa/control?at=2018-11-14&asOf=${loaded}`);
    expect(one).toMatchObject({ placeId: 'al-susa', at: '2018-11-14', asOf: loaded, ...contested });
    expect((await get(given, '/v1/places/atlantis/control')).statusCode).toBe(404);
  });
});
