import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { GivenApp } from './ledger.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The real public files (SOURCES.md there), beside the repository: read in place, never copied in. */
export const REALDATA = join(dirname(root.replace(/\/$/, '')), 'shared', 'realdata');
export const realFile = (name: string) => join(REALDATA, name);
export const GED_231 = realFile('ucdp_ged231_sample_1000.csv');
export const GED_191 = realFile('ucdp_ged191_fixture_mmr_bgd.csv');
export const GAZETTEER = realFile('syr_cod_ab_gazetteer.csv');
export const BOUNDARIES = realFile('boundaries');
export const ACLED_SAMPLE = join(root, 'test', 'fixtures', 'datasets', 'acled-sample.csv');

/** The rows of a CSV file, keyed by its header (test side: the whole file, to compare with what was imported). */
export const csvRecords = async (path: string): Promise<Record<string, string>[]> =>
  parse(await readFile(path), { columns: true, bom: true }) as Record<string, string>[];

/** RFC 4180 text of records, every field quoted: for building a release from the real rows. */
export const toCsv = (records: readonly Record<string, string>[]): string => {
  const columns = Object.keys(records[0] ?? {});
  const field = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return [columns.map(field).join(','), ...records.map((r) => columns.map((c) => field(r[c] ?? '')).join(','))].join('\r\n');
};

export interface JobAnswer {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  counters: {
    rowsRead: number;
    claimsRecorded: number;
    unchanged: number;
    corrected: number;
    retracted: number;
    outdated: number;
    refused: number;
    entitiesRegistered: number;
  };
  progress: { bytesRead: number; bytesTotal: number; fraction: number };
  error: { type: string; title: string; status: number; code: string; detail: string; instance?: string } | null;
  report: string;
}

/**
 * When: an admin posts a dataset file to `POST /v1/admin/imports` (the body a stream of the
 * file, or text) and waits for the job (`waitMs`) — then: the finished job and its report lines.
 */
export const importThroughHttp = async (
  given: GivenApp,
  query: { format: string; release: string; list?: 'rows' | 'deletions' },
  body: { file: string } | { text: string },
  headers: Record<string, string> = {},
) => {
  const started = Date.now();
  const posted = await given.app.inject({
    method: 'POST',
    url: `/v1/admin/imports?${new URLSearchParams(query)}`,
    headers: { 'content-type': 'text/csv', ...headers },
    payload: 'file' in body ? createReadStream(body.file) : body.text,
  });
  if (posted.statusCode !== 202) throw new Error(`import not accepted: ${posted.statusCode} ${posted.body}`);
  const location = posted.headers.location as string;
  const status = await given.app.inject({ method: 'GET', url: `${location}?waitMs=60000`, headers });
  const job = status.json() as JobAnswer;
  const seconds = (Date.now() - started) / 1000;
  const report = await given.app.inject({ method: 'GET', url: job.report, headers });
  const lines = report.body
    .split('\n')
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as {
          row: number;
          externalId?: string;
          outcome: string;
          field?: string;
          reason?: string;
          note?: string;
          streamId?: string;
        },
    );
  return { posted, location, job, lines, seconds };
};
