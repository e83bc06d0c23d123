import { afterEach, describe, expect, it } from 'vitest';
import { get } from '../support/builders.js';
import { GED_191, GED_231, importThroughHttp } from '../support/datasets.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Issue 11 follow-up: a claim reads from a release (its recording's, or the last correction a
 * release brought); a row of an OLDER release never corrects it (`outdated`, both releases
 * named), whatever order the files come in. The real GED 23.1 sample and 19.1 fixture share
 * three UCDP ids (49251, 50912, 211307), which 23.1 codes differently (place names, where_prec).
 */
const SHARED = ['49251', '50912', '211307'];
let given: GivenApp | undefined;
afterEach(async () => {
  await given?.close();
  given = undefined;
});

const ged = (release: '19.1' | '23.1') =>
  importThroughHttp(given!, { format: 'ucdp-ged', release }, { file: release === '23.1' ? GED_231 : GED_191 });

describe('a release older than the one a claim reads from', () => {
  it('23.1 then 19.1: the three shared rows are outdated, nothing corrected, and "now" is still 23.1', async () => {
    given = await givenApp();
    await ged('23.1');
    const as231 = (await get(given, '/v1/claims/ucdp-ged-49251')).json().current;
    const head = await given.head();

    const older = await ged('19.1');
    expect(older.job.counters).toMatchObject({ corrected: 0, outdated: 3 });
    const outdated = older.lines.filter((l) => l.outcome === 'outdated');
    expect(outdated.map((l) => l.externalId).sort()).toEqual([...SHARED].sort());
    for (const line of outdated) {
      expect(line).toMatchObject({
        streamId: `claim-ucdp-ged-${line.externalId}`,
        reason: 'UCDP GED 19.1 is older than 23.1, which the claim reads from',
      });
    }
    expect((await get(given, '/v1/claims/ucdp-ged-49251')).json()).toMatchObject({ current: as231, corrections: [] });
    // 19.1's other rows are new claims; none of the shared three moved.
    expect(older.job.counters.claimsRecorded).toBeGreaterThan(0);
    const afterOlder = await given.head();
    expect(afterOlder).toBeGreaterThan(head);

    // Again, in either order: nothing appended, no flip-flop.
    const again231 = await ged('23.1');
    const again191 = await ged('19.1');
    expect(await given.head()).toBe(afterOlder);
    expect(again231.job.counters).toMatchObject({ corrected: 0, outdated: 0, claimsRecorded: 0 });
    expect(again191.job.counters).toMatchObject({ corrected: 0, outdated: 3, claimsRecorded: 0 });
  }, 120_000);

  it('19.1 then 23.1: the three shared rows are corrected by 23.1; re-running either appends nothing', async () => {
    given = await givenApp();
    await ged('19.1');
    const newer = await ged('23.1');
    expect(newer.job.counters).toMatchObject({ corrected: 3, outdated: 0 });
    expect(
      newer.lines
        .filter((l) => l.outcome === 'corrected')
        .map((l) => l.externalId)
        .sort(),
    ).toEqual([...SHARED].sort());
    const claim = (await get(given, '/v1/claims/ucdp-ged-49251')).json();
    expect(claim.corrections).toHaveLength(1);
    expect(claim.corrections[0].reason).toMatch(/^UCDP GED 23\.1: /);
    const head = await given.head();

    const again191 = await ged('19.1');
    const again231 = await ged('23.1');
    expect(await given.head()).toBe(head);
    expect(again191.job.counters).toMatchObject({ corrected: 0, outdated: 3, claimsRecorded: 0 });
    expect(again231.job.counters).toMatchObject({ corrected: 0, outdated: 0, claimsRecorded: 0 });
    expect((await get(given, '/v1/claims/ucdp-ged-49251')).json().corrections).toHaveLength(1);
  }, 120_000);
});
