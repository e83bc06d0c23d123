import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { csvRecords, GED_231, toCsv } from '../support/datasets.js';
import { type GivenApp, givenApp, tempDir } from '../support/ledger.js';

/**
 * An upload that does not become a job leaves no file behind: one cut short by the client
 * (the body never whole) and one refused for its header (422). The jobs' work folder is made
 * under the OS temporary folder: this file points TMPDIR at a folder of its own (each test file
 * runs in its own process) and looks there.
 */
let given: GivenApp;
let dir: Awaited<ReturnType<typeof tempDir>>;
const savedTmp = process.env.TMPDIR;
let rows: string;

const uploads = async (): Promise<string[]> => {
  const work = (await readdir(dir.dir)).filter((d) => d.startsWith('sijill-imports-'));
  const files = await Promise.all(work.map(async (d) => (await readdir(join(dir.dir, d))).map((f) => join(d, f))));
  return files.flat().filter((f) => f.endsWith('.upload'));
};

beforeAll(async () => {
  dir = await tempDir('sijill-uploads-');
  process.env.TMPDIR = dir.dir;
  given = await givenApp();
  rows = toCsv((await csvRecords(GED_231)).slice(0, 50));
});
afterAll(async () => {
  await given.close();
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  await dir.cleanup();
});

describe('POST /v1/admin/imports, an upload that does not become a job', () => {
  it('a file refused for its header (422) is removed', async () => {
    const response = await given.app.inject({
      method: 'POST',
      url: '/v1/admin/imports?format=acled&release=1',
      headers: { 'content-type': 'text/csv' },
      payload: rows,
    });
    expect(response.statusCode).toBe(422);
    expect(await uploads()).toEqual([]);
  });

  it('a body the client stops sending part way (it disconnects) is removed at once, and no job is made', async () => {
    const head = await given.head();
    await given.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = given.app.server.address() as AddressInfo;
    const client = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/v1/admin/imports?format=ucdp-ged&release=23.1',
      // Promises far more than it sends.
      headers: { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(rows) * 100) },
    });
    // Destroying the request ends in "socket hang up" on the client side: expected here.
    client.on('error', () => undefined);
    const closed = new Promise((resolve) => client.on('close', resolve));
    client.write(rows);
    // The upload is being written…
    await vi.waitFor(async () => expect(await uploads()).toHaveLength(1), { timeout: 10_000 });
    // …then the client goes away mid-body.
    client.destroy();
    await closed;
    await vi.waitFor(async () => expect(await uploads()).toEqual([]), { timeout: 10_000 });
    expect(await given.head()).toBe(head);
  });
});
