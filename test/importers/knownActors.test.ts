import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, post } from '../support/builders.js';
import { csvRecords, GED_231, importThroughHttp } from '../support/datasets.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Issue 11 §3–4: an actor the ledger already has, with the names a dataset uses among its
 * aliases, is the actor that dataset's rows name — UCDP's "IS" lands on the analysts' Islamic
 * State, found by "Islamic State" and "داعش", and no second actor is registered for it.
 */
let given: GivenApp;
let isRows: string[];

beforeAll(async () => {
  isRows = (await csvRecords(GED_231)).filter((r) => r.side_a === 'IS' || r.side_b === 'IS').map((r) => r.id!);
  given = await givenApp();
  const registered = await post(given, '/v1/actors', {
    id: 'islamic-state',
    names: { en: 'Islamic State', ar: 'تنظيم الدولة', variants: ['ISIS', 'ISIL', 'داعش'] },
    kind: 'jihadist_group',
  });
  expect(registered.statusCode).toBe(201);
  const aliased = await post(given, '/v1/actors/islamic-state/variants', { variants: ['IS'], reason: "UCDP GED's name" });
  expect(aliased.statusCode).toBe(201);
  const { job } = await importThroughHttp(given, { format: 'ucdp-ged', release: '23.1' }, { file: GED_231 });
  expect(job.status).toBe('succeeded');
}, 60_000);
afterAll(() => given.close());

describe("a dataset's name for an actor the ledger has", () => {
  it('files every row naming "IS" under the existing actor, with its role', async () => {
    expect(isRows.length).toBeGreaterThan(50);
    for (const id of isRows.slice(0, 10)) {
      const claim = (await get(given, `/v1/claims/external/ucdp-ged/${id}`)).json();
      expect(claim.current.actorIds).toContain('islamic-state');
      expect(claim.current.actorRoles.map((r: { actorId: string }) => r.actorId)).toContain('islamic-state');
    }
    const listed = (await get(given, `/v1/claims?actorId=islamic-state&limit=1000`)).json();
    const refused = (await csvRecords(GED_231)).filter(
      (r) => (r.side_a === 'IS' || r.side_b === 'IS') && (Number(r.low) > Number(r.best) || Number(r.best) > Number(r.high)),
    ).length;
    expect(listed.claims).toHaveLength(isRows.length - refused);
  });

  it('registers no second actor for "IS", and search ranks the one there is first by any of its names', async () => {
    expect((await get(given, '/v1/actors/is')).statusCode).toBe(404);
    for (const q of ['Islamic State', 'داعش', 'ISIL']) {
      const found = (await get(given, `/v1/actors?q=${encodeURIComponent(q)}`)).json();
      expect(found.items.map((a: { id: string }) => a.id)).toEqual(['islamic-state']);
    }
    // UCDP also names alliances that list IS among their members ("…, Ghuraba al-Sham, IS, Jabhat
    // Fateh al-Sham, …"): they hold the whole word IS, so they follow the exact alias.
    const found = (await get(given, '/v1/actors?q=IS&limit=100')).json();
    expect(found.items[0].id).toBe('islamic-state');
    for (const actor of found.items.slice(1)) expect(actor.names.en).toMatch(/(^|[^A-Za-z])IS([^A-Za-z]|$)/);
  });
});
