import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords, GED_231, importThroughHttp, toCsv } from '../support/datasets.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

const ADMIN = 'admin-token-0123456789';
const ANALYST = 'analyst-token-0123456789';
const READER = 'reader-token-0123456789';
const as = (token: string) => ({ authorization: `Bearer ${token}` });

let given: GivenApp;
let threeRows: string;
beforeAll(async () => {
  given = await givenApp({ SIJILL_TOKENS: `${ADMIN}=nadia:admin,${ANALYST}=amina:analyst,${READER}=omar:reader` });
  const rows = await csvRecords(GED_231);
  // Rows 1–2 as published; row 3 (236880) has low 3 above best 2.
  threeRows = toCsv([rows[0]!, rows[1]!, rows.find((r) => r.id === '236880')!]);
});
afterAll(() => given.close());

const postImport = (text: string, headers: Record<string, string>, query = 'format=ucdp-ged&release=23.1') =>
  given.app.inject({
    method: 'POST',
    url: `/v1/admin/imports?${query}`,
    headers: { 'content-type': 'text/csv', ...headers },
    payload: text,
  });

describe('POST /v1/admin/imports', () => {
  it('is for admins: no token 401, a reader or an analyst 403, and nothing is written', async () => {
    const head = await given.head();
    expect((await postImport(threeRows, {})).statusCode).toBe(401);
    for (const token of [READER, ANALYST]) {
      const response = await postImport(threeRows, as(token));
      expect(response.statusCode, token).toBe(403);
      expect(response.json().code).toBe('forbidden');
    }
    expect(await given.head()).toBe(head);
  });

  it('answers 202 with the job’s Location; the job reports counters, progress and a report line per row', async () => {
    const { posted, location, job, lines } = await importThroughHttp(
      given,
      { format: 'ucdp-ged', release: '23.1' },
      { text: threeRows },
      as(ADMIN),
    );
    expect(posted.statusCode).toBe(202);
    expect(location).toMatch(/^\/v1\/admin\/imports\/[0-9a-f-]{36}$/);
    expect(posted.json()).toMatchObject({ format: 'ucdp-ged', release: '23.1', list: 'rows' });
    expect(job).toMatchObject({
      status: 'succeeded',
      counters: { rowsRead: 3, claimsRecorded: 2, refused: 1, unchanged: 0, corrected: 0, retracted: 0 },
      progress: { fraction: 1 },
      error: null,
    });
    expect(job.progress.bytesRead).toBe(Buffer.byteLength(threeRows));
    expect(lines).toEqual([
      { row: 1, externalId: '300380', outcome: 'recorded', streamId: 'claim-ucdp-ged-300380' },
      { row: 2, externalId: '21300', outcome: 'recorded', streamId: 'claim-ucdp-ged-21300' },
      { row: 3, externalId: '236880', outcome: 'refused', field: 'low', reason: 'low 3 is above best 2' },
    ]);
    const report = await given.app.inject({ method: 'GET', url: job.report, headers: as(ADMIN) });
    expect(report.headers['content-type']).toMatch(/^application\/x-ndjson/);
    // The job and its report are the admin's: a reader may not see them.
    expect((await given.app.inject({ method: 'GET', url: location, headers: as(READER) })).statusCode).toBe(403);
  });

  it('a file that is not its format is refused at once, 422 invalid_dataset, before any job: wrong columns, empty, binary', async () => {
    const head = await given.head();
    const cases: [string, string | Buffer, RegExp][] = [
      ['acled', threeRows, /^not a acled file: the header lacks event_id_cnty, event_date/],
      ['ucdp-ged', '', /^the file has no header row: a ucdp-ged CSV starts with its column names/],
      ['ucdp-ged', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x22, 0xff, 0x00]), /^not a ucdp-ged/],
    ];
    for (const [format, body, detail] of cases) {
      const response = await given.app.inject({
        method: 'POST',
        url: `/v1/admin/imports?format=${format}&release=1`,
        headers: { 'content-type': 'text/csv', ...as(ADMIN) },
        payload: body,
      });
      expect(response.statusCode, format).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers.location).toBeUndefined();
      expect(response.json()).toMatchObject({
        type: 'urn:sijill:problem:invalid_dataset',
        title: 'Invalid dataset file',
        status: 422,
        code: 'invalid_dataset',
        detail: expect.stringMatching(detail),
      });
    }
    expect(await given.head()).toBe(head);
  });

  it('a file that breaks part way (a quote never closed) keeps the rows before it and fails the job, saying where', async () => {
    const { job, lines } = await importThroughHttp(
      given,
      { format: 'ucdp-ged', release: '23.1' },
      { text: `${threeRows}\r\n"999,never closed` },
      as(ADMIN),
    );
    expect(job.status).toBe('failed');
    // The job's error is the RFC 9457 problem the code would be over HTTP, the job its instance.
    expect(job.error).toEqual({
      type: 'urn:sijill:problem:invalid_dataset',
      title: 'Invalid dataset file',
      status: 422,
      code: 'invalid_dataset',
      detail: expect.stringMatching(/^the file stopped being readable after row 3: /),
      instance: `/v1/admin/imports/${job.id}`,
    });
    expect(lines.map((l) => l.outcome)).toEqual(['unchanged', 'unchanged', 'refused']);
  });

  it('refuses what it cannot take before starting: another media type 415, an unknown format 400, an unknown job 404', async () => {
    const head = await given.head();
    const json = await given.app.inject({
      method: 'POST',
      url: '/v1/admin/imports?format=ucdp-ged&release=23.1',
      headers: { 'content-type': 'application/json', ...as(ADMIN) },
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    const format = await postImport(threeRows, as(ADMIN), 'format=gdelt&release=1');
    expect(format.statusCode).toBe(400);
    expect(format.json().code).toBe('validation_failed');
    const missing = await given.app.inject({
      method: 'GET',
      url: '/v1/admin/imports/00000000-0000-4000-8000-000000000000',
      headers: as(ADMIN),
    });
    expect(missing.statusCode).toBe(404);
    expect(await given.head()).toBe(head);
  });
});
