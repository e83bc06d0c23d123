import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { get, post } from '../support/builders.js';
import { type GivenApp, givenApp, tempDir } from '../support/ledger.js';

let source: GivenApp;
let target: GivenApp;
beforeEach(async () => {
  source = await givenApp();
  target = await givenApp();
  await loadWorkedExample(source.store);
  // Some history beyond registrations: a correction, a retraction, a regrade.
  expect(
    (await post(source, '/v1/claims/sdf-controls-80pct-al-susa/corrections', { changes: { share: 0.7 }, reason: 'revised' }))
      .statusCode,
  ).toBe(201);
  expect((await post(source, '/v1/claims/ministers-visit-raqqa/retractions', { reason: 'no such visit' })).statusCode).toBe(201);
  expect((await post(source, '/v1/sources/sdf-media/reliability', { reliability: 'E', reason: 'record' })).statusCode).toBe(201);
});
afterEach(async () => {
  await source.close();
  await target.close();
});

const exportOf = async (given: GivenApp, query = '') => {
  const response = await get(given, `/v1/export${query}`);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
  return response.body;
};
const importInto = (given: GivenApp, ndjson: string) =>
  given.app.inject({
    method: 'POST',
    url: '/v1/admin/import',
    payload: ndjson,
    headers: { 'content-type': 'application/x-ndjson' },
  });

describe('export and import', () => {
  it('round-trips a ledger: same events, ids, streams, revisions, order, knowledge time and read models', async () => {
    const ndjson = await exportOf(source);
    const lines = ndjson.trim().split('\n');
    expect(lines).toHaveLength(Number(await source.head()));

    const imported = await importInto(target, ndjson);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ events: lines.length, appended: lines.length });

    expect(await exportOf(target)).toEqual(ndjson);
    await source.settle();
    await target.settle();
    expect(target.ledger.follower.state).toEqual(source.ledger.follower.state);
    for (const url of [
      '/v1/control?at=2018-11-14',
      '/v1/places/al-susa/history',
      '/v1/timeline?limit=1000',
      '/v1/claims/ministers-visit-raqqa',
    ]) {
      expect((await get(target, url)).json()).toEqual((await get(source, url)).json());
    }
  });

  it('importing twice adds nothing', async () => {
    const ndjson = await exportOf(source);
    expect((await importInto(target, ndjson)).statusCode).toBe(200);
    const head = await target.head();
    const again = await importInto(target, ndjson);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ appended: 0 });
    expect(await target.head()).toBe(head);
  });

  it('exports a position range', async () => {
    const lines = (await exportOf(source, '?after=10&to=20')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).position)).toEqual(Array.from({ length: 10 }, (_, i) => String(11 + i)));
  });

  it.each([
    ['a line that is not JSON', (lines: string[]) => lines.toSpliced(3, 0, '{oops')],
    [
      'an envelope missing its event id',
      (lines: string[]) => lines.with(2, JSON.stringify({ ...JSON.parse(lines[2]!), eventId: undefined })),
    ],
    [
      'a revision gap in a stream',
      (lines: string[]) =>
        lines.filter((l) => !(JSON.parse(l).streamId === 'claim-sdf-controls-80pct-al-susa' && JSON.parse(l).revision === 0)),
    ],
    ['positions out of order', (lines: string[]) => [lines[1]!, lines[0]!, ...lines.slice(2)]],
    [
      'an event whose data does not match its schema',
      (lines: string[]) =>
        lines.map((l) => (l.includes('"ClaimRecorded"') ? l.replace('"credibility":3', '"credibility":9') : l)),
    ],
  ])('rejects an export with %s and imports nothing', async (_, corrupt) => {
    const lines = (await exportOf(source)).trim().split('\n');
    const response = await importInto(target, `${corrupt(lines).join('\n')}\n`);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'invalid_export' });
    expect(await target.head()).toBe(0n);
  });

  it('refuses to import over different history (a replay, not a merge), changing nothing', async () => {
    await loadWorkedExample(target.store);
    // The same registrations (natural ids), then another correction where the source has its own.
    expect(
      (await post(target, '/v1/claims/sdf-controls-80pct-al-susa/corrections', { changes: { share: 0.5 }, reason: 'other' }))
        .statusCode,
    ).toBe(201);
    const head = await target.head();
    const response = await importInto(target, await exportOf(source));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'import_conflict' });
    expect(await target.head()).toBe(head);
  });

  it('completes a ledger that holds the start of the same history', async () => {
    // The target holds the first 35 events (the worked example), with the source's stamps: the
    // 3 events after them are stamped later, so they keep their recordedAt here.
    expect((await importInto(target, await exportOf(source, '?to=35'))).statusCode).toBe(200);
    const response = await importInto(target, await exportOf(source));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ events: 38, appended: 3 });
    expect(await exportOf(target)).toEqual(await exportOf(source));
  });

  it('rejects a range export that does not continue what the ledger holds', async () => {
    const response = await importInto(target, await exportOf(source, '?after=35'));
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toContain('starts at revision 1');
    expect(await target.head()).toBe(0n);
  });

  it('is admin-only', async () => {
    const guarded = await givenApp({ SIJILL_TOKENS: 'reader-token-0123456789=omar:reader' });
    try {
      const response = await guarded.app.inject({
        method: 'POST',
        url: '/v1/admin/import',
        payload: '',
        headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer reader-token-0123456789' },
      });
      expect(response.statusCode).toBe(403);
    } finally {
      await guarded.close();
    }
  });

  it('npm run import replays an export file into a ledger file, idempotently', async () => {
    const dir = await tempDir();
    try {
      const file = join(dir.dir, 'export.ndjson');
      await writeFile(file, await exportOf(source));
      const run = () =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/cli/import.ts', file], {
          env: { ...process.env, SIJILL_STORE: join(dir.dir, 'ledger.db') },
        });
      const first = await run();
      expect(first.stderr).toContain(`imported: ${await source.head()} appended, 0 already present`);
      const second = await run();
      expect(second.stderr).toContain(`imported: 0 appended, ${await source.head()} already present`);
    } finally {
      await dir.cleanup();
    }
  });
});
