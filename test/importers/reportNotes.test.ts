import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../support/builders.js';
import { ACLED_SAMPLE, csvRecords, GED_231, importThroughHttp, toCsv } from '../support/datasets.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * A text longer than the ledger takes is cut, and the row's report line says so (`note`):
 * citations (4,000), headlines (1,000), summaries (2,000), source and actor names (200), and
 * sources beyond the 21 an article names. A row with nothing cut has no note.
 */
let given: GivenApp;
beforeAll(async () => {
  given = await givenApp();
});
afterAll(() => given.close());

const long = (text: string, length: number) => text.repeat(Math.ceil(length / text.length)).slice(0, length);

describe('the report line of a row whose text was cut', () => {
  it('UCDP GED: source_article, source_headline, the summary, a side’s name and sources beyond 21 are each noted', async () => {
    const rows = await csvRecords(GED_231);
    const [first, second, third] = [rows[0]!, rows[1]!, rows[2]!];
    const offices = Array.from({ length: 25 }, (_, i) => `Local monitor ${i + 1}`).join('; ');
    const text = toCsv([
      {
        ...first,
        source_article: long('"Reuters 2017-10-12; SOHR", ', 4500),
        source_headline: long('Clashes reported near the border ', 1200),
        where_description: long('near the village on the road north ', 2500),
        source_office: offices,
      },
      { ...second, side_b: long('Armed men of the eastern hills ', 260) },
      third,
    ]);
    const { job, lines } = await importThroughHttp(given, { format: 'ucdp-ged', release: '23.1' }, { text });
    expect(job.counters).toMatchObject({ claimsRecorded: 3, refused: 0 });
    expect(lines[0]).toMatchObject({ outcome: 'recorded', externalId: first.id });
    expect(lines[0]!.note).toBe(
      [
        'source_article cut to 4,000 characters',
        'source_headline cut to 1,000 characters',
        'summary (dyad_name: where_description) cut to 2,000 characters',
        'source_office: 25 sources, the article names the first 21 (the citation keeps them all)',
      ].join('; '),
    );
    expect(lines[1]).toMatchObject({ outcome: 'recorded', note: "side_b cut to 200 characters (an actor's name)" });
    expect(lines[2]).not.toHaveProperty('note');
    const claim = (await get(given, `/v1/claims/ucdp-ged-${first.id}`)).json();
    expect([...claim.current.summary]).toHaveLength(2000);
  });

  it('ACLED: source, notes and an actor1 name are each noted; the same file again notes them again, appending nothing', async () => {
    const [row] = await csvRecords(ACLED_SAMPLE);
    const text = toCsv([
      {
        ...row!,
        event_id_cnty: 'SYR9901',
        source: `${long('Local source; ', 4200)}SOHR`,
        notes: long('Clashes between SDF and IS fighters in Hajin. ', 2300),
        actor1: long('Unidentified Armed Group (Syria) of Hajin ', 240),
      },
    ]);
    const first = await importThroughHttp(given, { format: 'acled', release: '2018-12-01' }, { text });
    const expected =
      "source cut to 4,000 characters; notes cut to 2,000 characters; actor1 cut to 200 characters (an actor's name)";
    expect(first.lines).toEqual([expect.objectContaining({ outcome: 'recorded', note: expected })]);
    const head = await given.head();
    const again = await importThroughHttp(given, { format: 'acled', release: '2018-12-01' }, { text });
    expect(again.lines).toEqual([expect.objectContaining({ outcome: 'unchanged', note: expected })]);
    expect(await given.head()).toBe(head);
  });
});
