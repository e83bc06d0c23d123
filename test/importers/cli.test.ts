import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../services/config.js';
import { openStore } from '../../services/ledger.js';
import { runCli } from '../support/cli.js';
import { BOUNDARIES, csvRecords, GAZETTEER, GED_231, toCsv } from '../support/datasets.js';
import { tempDir } from '../support/ledger.js';

/** When: `npm run import:dataset -- …args` runs as a real process on the ledger in `dir` — then: its exit code and output. */
const importDataset = (store: string, args: string[]) => runCli('importDataset.ts', args, { SIJILL_STORE: store });

const headOf = async (store: string) => {
  const opened = await openStore(loadConfig({ SIJILL_STORE: store }));
  try {
    return await opened.headPosition();
  } finally {
    await opened.close();
  }
};

let dir: { dir: string; cleanup: () => Promise<void> };
let threeRows: string;
beforeAll(async () => {
  dir = await tempDir('sijill-cli-import-');
  const rows = await csvRecords(GED_231);
  threeRows = join(dir.dir, 'three.csv');
  await writeFile(threeRows, toCsv([rows[0]!, rows[1]!, rows.find((r) => r.id === '236880')!]));
});
afterAll(() => dir.cleanup());

describe('npm run import:dataset', () => {
  it('reports a refused row and exits 0; with --strict the same import exits 2', async () => {
    const store = join(dir.dir, 'strict.db');
    const report = join(dir.dir, 'report.csv');
    const plain = await importDataset(store, [
      '--format',
      'ucdp-ged',
      '--release',
      '23.1',
      '--file',
      threeRows,
      '--report',
      report,
    ]);
    expect(plain.code, plain.output).toBe(0);
    expect(plain.output).toMatch(/"rowsRead":3,"claimsRecorded":2,.*"refused":1/);
    expect((await readFile(report, 'utf8')).split('\r\n')).toEqual([
      'row,externalId,outcome,streamId,field,reason,note',
      '1,300380,recorded,claim-ucdp-ged-300380,,,',
      '2,21300,recorded,claim-ucdp-ged-21300,,,',
      '3,236880,refused,,low,low 3 is above best 2,',
      '',
    ]);
    const strict = await importDataset(store, ['--format', 'ucdp-ged', '--release', '23.1', '--file', threeRows, '--strict']);
    expect(strict.code, strict.output).toBe(2);
    // Without --report the report is NDJSON on stdout; the second run found the two claims as they were.
    expect(strict.output).toContain('{"row":1,"externalId":"300380","outcome":"unchanged","streamId":"claim-ucdp-ged-300380"}');
  }, 60_000);

  it('a CSV report says, in its note column, what was cut from a row', async () => {
    const store = join(dir.dir, 'notes.db');
    const file = join(dir.dir, 'long-citation.csv');
    const report = join(dir.dir, 'notes.csv');
    const [row] = await csvRecords(GED_231);
    await writeFile(file, toCsv([{ ...row!, source_article: 'Reuters, 2017-10-12. '.repeat(250) }]));
    const run = await importDataset(store, ['--format', 'ucdp-ged', '--release', '23.1', '--file', file, '--report', report]);
    expect(run.code, run.output).toBe(0);
    expect((await readFile(report, 'utf8')).split('\r\n')).toEqual([
      'row,externalId,outcome,streamId,field,reason,note',
      `1,${row!.id},recorded,claim-ucdp-ged-${row!.id},,,"source_article cut to 4,000 characters"`,
      '',
    ]);
  }, 60_000);

  it('exits 1 when the file cannot be read as its format, writing nothing', async () => {
    const store = join(dir.dir, 'unreadable.db');
    const wrong = await importDataset(store, ['--format', 'acled', '--release', '1', '--file', threeRows]);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain('not a acled file: the header lacks event_id_cnty');
    const missing = await importDataset(store, ['--format', 'ucdp-ged', '--release', '1', '--file', join(dir.dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(await headOf(store)).toBe(0n);
  }, 60_000);

  it('imports the COD-AB shapefile attribute tables (.dbf): country > 14 governorates > 62 districts > 272 sub-districts, once', async () => {
    const store = join(dir.dir, 'dbf.db');
    const first = await importDataset(store, [
      '--format',
      'gazetteer',
      '--release',
      'v02',
      '--file',
      BOUNDARIES,
      '--report',
      join(dir.dir, 'dbf.ndjson'),
    ]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(
      '"rowsRead":349,"claimsRecorded":0,"unchanged":0,"corrected":0,"retracted":0,"outdated":0,"refused":0,"entitiesRegistered":349',
    );
    const head = await headOf(store);
    const again = await importDataset(store, [
      '--format',
      'gazetteer',
      '--release',
      'v02',
      '--file',
      BOUNDARIES,
      '--report',
      join(dir.dir, 'dbf2.ndjson'),
    ]);
    expect(again.output).toContain('"unchanged":349');
    expect(await headOf(store)).toBe(head);
    const lines = (await readFile(join(dir.dir, 'dbf.ndjson'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ row: 1, externalId: 'SY', outcome: 'registered', streamId: 'place-sy' });
    expect(lines.find((l) => l.externalId === 'SY070501')).toMatchObject({ outcome: 'registered', streamId: 'place-sy070501' });
  }, 60_000);

  it('with --boundaries, reads every row and places each Syrian row inside its COD-AB sub-district', async () => {
    const store = join(dir.dir, 'boundaries.db');
    const gazetteer = await importDataset(store, ['--format', 'gazetteer', '--release', 'v02', '--file', GAZETTEER]);
    expect(gazetteer.code, gazetteer.output).toBe(0);
    const report = join(dir.dir, 'boundaries.ndjson');
    const run = await importDataset(store, [
      '--format',
      'ucdp-ged',
      '--release',
      '23.1',
      '--file',
      GED_231,
      '--boundaries',
      BOUNDARIES,
      '--report',
      report,
    ]);
    expect(run.code, run.output).toBe(0);
    // Every row read from the first (the polygons are loaded before the file is opened).
    expect(run.output).toContain('"rowsRead":1000,"claimsRecorded":987,');
    const lines = (await readFile(report, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.row)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(lines.find((l) => l.externalId === '300380')).toMatchObject({ outcome: 'recorded' });
    const opened = await openStore(loadConfig({ SIJILL_STORE: store }));
    try {
      const claim = (await opened.readStream('claim-ucdp-ged-300380'))[0]!.data as { placeId: string };
      // Rami village lies in Ehsem sub-district (SY070501) of Ariha district, Idleb.
      expect(claim.placeId).toBe('sy070501-rami-village');
    } finally {
      await opened.close();
    }
  }, 60_000);

  it('retracts the claims of a --deletions list, once', async () => {
    const store = join(dir.dir, 'deletions.db');
    const deletions = join(dir.dir, 'deletions.txt');
    await writeFile(deletions, '21300\n');
    const args = ['--format', 'ucdp-ged', '--release', '23.2', '--file', threeRows, '--deletions', deletions];
    const first = await importDataset(store, args);
    // The list's line is a row read too: 3 data rows + 1 deletion.
    expect(first.output).toMatch(/"rowsRead":4,"claimsRecorded":2,.*"retracted":1/);
    const head = await headOf(store);
    const again = await importDataset(store, args);
    expect(again.output).toMatch(/"claimsRecorded":0,"unchanged":3,"corrected":0,"retracted":0,"outdated":0,"refused":1/);
    expect(await headOf(store)).toBe(head);
  }, 60_000);
});
