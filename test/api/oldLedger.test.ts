import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * Old ledgers still answer as before (issue 11, acceptance): the worked example exported by
 * main before claim model v2 (every claim and article event at schemaVersion 1) imports into
 * this code, and every read main answered over it — control on several dates and knowledge
 * cutoffs, a place's control, timelines, claims — answers the same here. Both the export and
 * main's answers were produced by main itself (test/fixtures/ledgers/README.md).
 */
const LEDGERS = join(import.meta.dirname, '../fixtures/ledgers');
const ndjson = readFileSync(join(LEDGERS, 'worked-example-v1.ndjson'), 'utf8');
const answers: Record<string, { status: number; body: unknown }> = JSON.parse(
  readFileSync(join(LEDGERS, 'worked-example-v1.answers.json'), 'utf8'),
);

/** The fields claim model v2 adds to a timeline entry; every other field must read as main's. */
const withoutV2Additions = (body: unknown) => {
  const page = body as { entries?: Record<string, unknown>[] };
  if (!page.entries) return body;
  return {
    ...page,
    entries: page.entries.map(({ validEnd: _, sources: _s, ...rest }) => rest),
  };
};

let given: GivenApp;
beforeAll(async () => {
  given = await givenApp();
  const response = await given.app.inject({
    method: 'POST',
    url: '/v1/admin/import',
    payload: ndjson,
    headers: { 'content-type': 'application/x-ndjson' },
  });
  expect(response.statusCode, response.body).toBe(200);
});
afterAll(() => given.close());

describe('the worked example exported before claim model v2', () => {
  it('holds schemaVersion 1 claim and article events, and imports whole', async () => {
    const lines = ndjson.split('\n').filter((l) => l !== '');
    const versions = new Set(lines.map((l) => JSON.parse(l)).map((e) => `${e.type}.v${e.schemaVersion}`));
    expect(versions).toContain('ClaimRecorded.v1');
    expect(versions).toContain('ClaimCorrected.v1');
    expect(versions).toContain('ClaimRetracted.v1');
    expect(versions).toContain('ArticleRecorded.v1');
    expect(await given.head()).toBe(BigInt(lines.length));
  });

  it.each(Object.keys(answers))('GET %s answers as main did', async (url) => {
    const response = await get(given, url);
    const main = answers[url]!;
    expect(response.statusCode).toBe(main.status);
    const body = response.json();
    expect(withoutV2Additions(body)).toEqual(main.body);
  });

  it('timeline entries gain validEnd (the date’s last day) and sources (the one source, graded as before)', async () => {
    const { entries } = (await get(given, '/v1/timeline')).json() as {
      entries: {
        validEnd: string;
        validTime: { date: string };
        source: { id: string; reliability: string | null };
        sources: unknown[];
      }[];
    };
    for (const entry of entries) {
      expect(entry.validEnd >= entry.validTime.date).toBe(true);
      expect(entry.sources).toEqual([expect.objectContaining({ sourceId: entry.source.id })]);
    }
  });
});
