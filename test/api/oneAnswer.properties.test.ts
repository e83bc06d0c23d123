import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { get, post } from '../support/builders.js';
import { givenApp } from '../support/ledger.js';

/**
 * One question, one answer (issue 10 §3): for any ledger, every way of asking "who held
 * what on date D, as known now" gives the same places in the same states — `/v1/control` as
 * JSON and as GeoJSON, with `asOf=<head>`, with `knownAt=<now>`, with `minGrade=F6` (the
 * weakest grade, so it excludes nothing), with `claimIds=false`, and `/v1/places/{id}/control`
 * for each place.
 */
const PLACES = ['al-susa', 'mahkan', 'al-mayadin', 'hay-al-jamiyat'];
const ACTORS = ['isis', 'sdf', 'irgc', 'russian-armed-forces'];
const ARTICLE = 'alquds-2018-11-14-deir-ez-zor-meeting';
const DATES = ['2018-09-01', '2018-10-15', '2018-11-14', '2018-12-31', '2019-06-30'];

type Step =
  | { kind: 'claim'; place: number; actor: number; share: number; month: number; control: boolean; favour: number }
  | { kind: 'correct'; target: number; share: number }
  | { kind: 'retract'; target: number }
  | { kind: 'regrade'; reliability: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('claim' as const),
    place: fc.nat(PLACES.length - 1),
    actor: fc.nat(ACTORS.length - 1),
    share: fc.integer({ min: 1, max: 100 }).map((n) => n / 100),
    month: fc.integer({ min: 8, max: 12 }),
    control: fc.boolean(),
    favour: fc.nat(ACTORS.length - 1),
  }),
  fc.record({
    kind: fc.constant('correct' as const),
    target: fc.nat(),
    share: fc.integer({ min: 1, max: 100 }).map((n) => n / 100),
  }),
  fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('regrade' as const), reliability: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F') }),
);

interface PlaceState {
  placeId: string;
  status: string;
  controller: string | null;
  shares: { actorId: string; share: number }[];
}

const comparable = (places: PlaceState[]) =>
  places
    .map((p) => ({
      placeId: p.placeId,
      status: p.status,
      controller: p.controller,
      shares: p.shares.map((s) => ({ actorId: s.actorId, share: s.share })),
    }))
    .sort((a, b) => (a.placeId < b.placeId ? -1 : 1));

describe('one question, one answer', () => {
  it('every form of the control question gives the same places in the same states', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), fc.constantFrom(...DATES), async (steps, at) => {
        const given = await givenApp();
        try {
          await loadWorkedExample(given.store);
          const claims: string[] = [];
          for (const s of steps) {
            if (s.kind === 'claim') {
              const actor = ACTORS[s.actor]!;
              const favour = ACTORS[s.favour]!;
              const response = await post(given, '/v1/claims', {
                articleId: ARTICLE,
                kind: s.control ? 'control' : 'withdrawal',
                placeId: PLACES[s.place],
                actorIds: [actor],
                ...(s.control ? { share: s.share } : favour !== actor ? { inFavourOf: favour } : {}),
                validTime: { date: `2018-${String(s.month).padStart(2, '0')}` },
                credibility: 3,
              });
              expect(response.statusCode, response.body).toBe(201);
              claims.push(response.json().id);
            } else if (s.kind === 'regrade') {
              await post(given, '/v1/sources/al-quds-al-arabi/reliability', { reliability: s.reliability, reason: 'p' });
            } else if (claims.length > 0) {
              const id = claims[s.target % claims.length]!;
              const url = s.kind === 'retract' ? `/v1/claims/${id}/retractions` : `/v1/claims/${id}/corrections`;
              // A retracted claim refuses further corrections (409); that is fine here.
              await post(given, url, s.kind === 'retract' ? { reason: 'p' } : { changes: { share: s.share }, reason: 'p' });
            }
          }
          const head = (await given.head()).toString();
          const now = new Date(Date.now() + 1_000).toISOString();
          const json = async (url: string, headers: Record<string, string> = {}) => {
            const response = await get(given, url, headers);
            expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
            // Every form declares what it is (issue 10: minGrade/asOf/knownAt answered with no Content-Type).
            expect(response.headers['content-type'], url).toMatch(
              headers.accept === 'application/geo+json' ? /^application\/geo\+json/ : /^application\/json/,
            );
            expect(response.headers['x-ledger-position'], url).toBe(head);
            return response.json();
          };
          const plain = comparable((await json(`/v1/control?at=${at}`)).places);
          const geo = comparable(
            (await json(`/v1/control?at=${at}`, { accept: 'application/geo+json' })).features.map(
              (f: { properties: PlaceState }) => f.properties,
            ),
          );
          const asOf = comparable((await json(`/v1/control?at=${at}&asOf=${head}`)).places);
          const knownAt = comparable((await json(`/v1/control?at=${at}&knownAt=${now}`)).places);
          const weakest = comparable((await json(`/v1/control?at=${at}&minGrade=F6`)).places);
          // The overview form (a map's): the same states, without each place's evidence ids.
          const overview = (await json(`/v1/control?at=${at}&claimIds=false`)).places;
          expect(
            overview.every((p: object) => !('claimIds' in p)),
            'claimIds=false',
          ).toBe(true);
          const each: PlaceState[] = [];
          for (const placeId of (await json('/v1/places?limit=1000')).items.map((p: { id: string }) => p.id)) {
            const one = await json(`/v1/places/${placeId}/control?at=${at}`);
            if (one.status !== 'unknown') each.push(one);
          }
          expect(geo, 'GeoJSON').toEqual(plain);
          expect(asOf, 'asOf=<head>').toEqual(plain);
          expect(knownAt, 'knownAt=<now>').toEqual(plain);
          expect(weakest, 'minGrade=F6').toEqual(plain);
          expect(comparable(overview), 'claimIds=false').toEqual(plain);
          expect(comparable(each), '/v1/places/{id}/control').toEqual(plain);
          expect(
            plain.every((p) => p.status !== 'unknown'),
            'includeUnknown defaults to false',
          ).toBe(true);
        } finally {
          await given.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
