import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../support/builders.js';
import { ACLED_SAMPLE, BOUNDARIES, GAZETTEER, importThroughHttp } from '../support/datasets.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * ACLED through the same engine, on the hand-made fixture (test/fixtures/datasets/README.md):
 * every line of the mapping table in docs/datasets.md, row by row.
 */
let given: GivenApp;
let imported: Awaited<ReturnType<typeof importThroughHttp>>;

beforeAll(async () => {
  given = await givenApp({ SIJILL_BOUNDARIES: BOUNDARIES });
  await importThroughHttp(given, { format: 'gazetteer', release: '2020-12-17' }, { file: GAZETTEER });
  imported = await importThroughHttp(given, { format: 'acled', release: '2018-12-01' }, { file: ACLED_SAMPLE });
}, 60_000);
afterAll(() => given.close());

const claimOf = async (eventId: string) => (await get(given, `/v1/claims/acled-${eventId.toLowerCase()}`)).json();

describe('the ACLED mapping table', () => {
  it('maps each event type / sub-event type to its kind, keeping the typology verbatim', async () => {
    const expected: Record<string, string> = {
      SYR1001: 'battle', // Battles: Armed clash
      SYR1002: 'control', // Battles: Government regains territory
      SYR1003: 'control', // Battles: Non-state actor overtakes territory
      SYR1004: 'airstrike', // Explosions/Remote violence: Air/drone strike
      SYR1005: 'attack', // … Shelling/artillery/missile attack
      SYR1006: 'attack', // … Remote explosive/landmine/IED
      SYR1007: 'killing', // Violence against civilians: Attack, fatalities 2
      SYR1008: 'attack', // Violence against civilians: Attack, no fatalities
      SYR1009: 'arrest', // … Abduction/forced disappearance
      SYR1010: 'attack', // … Sexual violence
      SYR1011: 'arrest', // Strategic developments: Arrests
      SYR1012: 'control', // … Non-violent transfer of territory
      SYR1013: 'presence', // … Headquarters or base established
      SYR1014: 'statement', // … Agreement
      SYR1015: 'other', // … Looting/property destruction
      SYR1016: 'other', // Protests
      SYR1017: 'other', // Riots
    };
    expect(imported.job.counters).toMatchObject({ rowsRead: 18, claimsRecorded: 17, refused: 1 });
    for (const [id, kind] of Object.entries(expected)) {
      const claim = await claimOf(id);
      expect(claim.kind, id).toBe(kind);
      expect(claim.provenance, id).toEqual({ kind: 'dataset', dataset: 'acled', release: '2018-12-01', externalId: id });
      expect(claim.current.typology.scheme, id).toBe('acled');
      if (kind === 'control') {
        expect(claim.current.share, id).toBe(1);
        expect(claim.current.actorIds, id).toHaveLength(1);
      }
    }
    expect((await claimOf('SYR1004')).current.typology).toEqual({
      scheme: 'acled',
      type: 'Explosions/Remote violence',
      subType: 'Air/drone strike',
    });
  });

  it('refuses a sub-event type the codebook does not have, naming the column', () => {
    expect(imported.lines.find((l) => l.outcome === 'refused')).toEqual({
      row: 18,
      externalId: 'SYR1018',
      outcome: 'refused',
      field: 'sub_event_type',
      reason: '"Battles: Ambush" is not in the ACLED codebook table',
    });
  });

  it('gives actor1/assoc_actor_1/actor2/assoc_actor_2 the roles side_a/associated_a/side_b/associated_b', async () => {
    expect((await claimOf('SYR1001')).current.actorRoles).toEqual([
      { actorId: 'sdf-syrian-democratic-forces', role: 'side_a' },
      { actorId: 'deir-ez-zor-military-council', role: 'associated_a' },
      { actorId: 'coalition-forces', role: 'associated_a' },
      { actorId: 'islamic-state-syria', role: 'side_b' },
    ]);
    expect((await claimOf('SYR1014')).current.actorRoles.at(-1)).toEqual({ actorId: 'jaish-al-izza', role: 'associated_b' });
    const civilians = (await get(given, '/v1/actors/civilians-syria')).json();
    expect(civilians.kind).toBe('civilians');
  });

  it('reads both event_date forms and the precision codes', async () => {
    expect((await claimOf('SYR1002')).current.validTime).toEqual({ date: '2018-11-14', approximate: false });
    expect((await claimOf('SYR1015')).current).toMatchObject({
      validTime: { date: '2018-11-27', approximate: true },
      precision: { place: 'region', date: 'month', coded: { scheme: 'acled', where: 3, date: 3 } },
    });
  });

  it('a territory sub-event makes actor1 the controller of its place (share 1)', async () => {
    const claim = await claimOf('SYR1003');
    const control = (await get(given, `/v1/places/${claim.current.placeId}/control?at=2018-11-16`)).json();
    expect(control).toMatchObject({ status: 'controlled', controller: 'sdf-syrian-democratic-forces' });
    // Al Susah, near (geo_precision 2): a place of its own, under the COD-AB sub-district its point falls in,
    // in the Abu Kamal district (SY0902) of Deir-ez-Zor.
    const place = (await get(given, `/v1/places/${claim.current.placeId}`)).json();
    expect(place).toMatchObject({ names: { en: 'Al Susah' }, location: { lat: 34.5914, lon: 40.8753, approximate: true } });
    const parent = (await get(given, `/v1/places/${place.parentId}`)).json();
    expect(parent).toMatchObject({ kind: 'subdistrict', parentId: 'sy0902' });
  });
});
