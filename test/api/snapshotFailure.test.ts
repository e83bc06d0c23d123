import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../services/app.js';
import { loadConfig } from '../../services/config.js';
import { openLedger } from '../../services/ledger.js';
import { aSource } from '../support/builders.js';
import { tempDir } from '../support/ledger.js';
import { mountTinyDisk, skipWithoutTinyDisk, type TinyDisk } from '../support/tinyDisk.js';

/**
 * The read models' snapshot on a disk that fills up (the ledger elsewhere): a save that fails
 * must not stop the read models, and operators must see it on /health/ready and /metrics.
 */
const skip = skipWithoutTinyDisk('snapshot save failures');
let disk: TinyDisk;
let ledgerDir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  if (skip) return;
  disk = mountTinyDisk(256);
  ledgerDir = await tempDir();
});
afterAll(async () => {
  await disk?.remove();
  await ledgerDir?.cleanup();
});

let close: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await close?.();
  await disk?.free();
});

/** The app with a snapshot due after every event, and a retry due 1 ms after a failure. */
let started = 0;
const start = async () => {
  const name = `ledger-${++started}`;
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const config = loadConfig({
    SIJILL_STORE: join(ledgerDir.dir, `${name}.db`),
    SIJILL_SNAPSHOT: join(disk.dir, `${name}.snapshot`),
  });
  const ledger = await openLedger(config, log, { follower: { snapshotEvery: 1, snapshotRetryBaseMs: 1 } });
  const app = await buildApp(ledger);
  await app.ready();
  close = async () => {
    await app.close();
    await ledger.close();
  };
  const post = async (id: string) => {
    const response = await app.inject({ method: 'POST', url: '/v1/sources', payload: aSource({ id }) });
    expect(response.statusCode).toBe(201);
    return response.json<{ position: string }>().position;
  };
  const ready = async () => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    return { status: response.statusCode, body: response.json<{ status: string; checks: { snapshot: string } }>() };
  };
  const metric = async (name: string) => {
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };
  return { app, post, ready, metric, lines, snapshot: `${name}.snapshot` };
};

describe.skipIf(skip)('a snapshot save that fails (ENOSPC)', () => {
  it('is logged and counted, leaves no temporary file, and the read models go on following; /health/ready stays 200 and reports it', async () => {
    const { app, post, ready, metric, lines, snapshot } = await start();
    await disk.fill();

    // When: an event makes a save due, on a full disk.
    await post('first-source');
    await vi.waitFor(async () => expect((await ready()).body.checks.snapshot).toMatch(/^failing: ENOSPC/), { timeout: 10_000 });

    // Then: ready (200) with the snapshot problem in its body, counted, logged with path and position.
    const answer = await ready();
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ok');
    expect(answer.body.checks.snapshot).toMatch(/^failing: ENOSPC.*1 failed save in a row; next attempt after/);
    expect(await metric('sijill_snapshot_save_failures_total')).toBeGreaterThanOrEqual(1);
    expect(await metric('sijill_ready')).toBe(1);
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg?.startsWith('read model snapshot not saved'));
    expect(logged).toMatchObject({ level: 50, path: join(disk.dir, snapshot), err: { code: 'ENOSPC' } });
    expect(logged.position).toEqual(expect.any(String));
    expect((await disk.files()).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // And: reads still follow new writes (the models did not stop).
    const position = await post('second-source');
    const read = await app.inject({ method: 'GET', url: `/v1/sources/second-source?minPosition=${position}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers['x-ledger-position']).toBe(position);
  });

  it('is retried after the backoff once there is room, and then reported ok with its time on /metrics', async () => {
    const { post, ready, metric, snapshot } = await start();
    await disk.fill();
    await post('first-source');
    await vi.waitFor(async () => expect((await ready()).body.checks.snapshot).toMatch(/^failing/), { timeout: 10_000 });
    expect(await metric('sijill_snapshot_last_success_timestamp_seconds')).toBe(0);

    // When: the disk has room again and the next event arrives after the backoff.
    await disk.free();
    const before = Date.now() / 1_000;
    await post('second-source');

    // Then: the save succeeds.
    await vi.waitFor(async () => expect((await ready()).body.checks.snapshot).toBe('ok'), { timeout: 10_000 });
    expect(await metric('sijill_snapshot_last_success_timestamp_seconds')).toBeGreaterThanOrEqual(Math.floor(before));
    expect(await disk.files()).toContain(snapshot);
  });
});
