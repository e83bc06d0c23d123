import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { aSource } from '../support/builders.js';
import { startServer } from '../support/server.js';
import { mountTinyDisk, skipWithoutTinyDisk, type TinyDisk } from '../support/tinyDisk.js';

/**
 * A real server whose SQLite ledger lives on a tiny tmpfs that fills up: the disk-full story
 * an operator lives through, end to end.
 */
let disk: TinyDisk;
const skip = skipWithoutTinyDisk('full disk (real process)');

beforeAll(() => {
  if (!skip) disk = mountTinyDisk(1024);
});
afterAll(async () => {
  await disk?.remove();
});

const postSource = (base: string, id: string) =>
  fetch(`${base}/v1/sources`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(aSource({ id })),
  });

const ready = async (base: string) => {
  const response = await fetch(`${base}/health/ready`);
  return {
    status: response.status,
    body: (await response.json()) as { detail?: string; position?: string; checks: { store: string } },
  };
};

/** Poll readiness (it probes the disk every 2 s at most) until `status`, or fail after a deadline. */
const readyBecomes = async (base: string, status: number, deadlineMs = 15_000) => {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    const answer = await ready(base);
    if (answer.status === status || performance.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** Every acknowledged write, read back from the ledger file after the server has gone. */
const expectKept = async (ledgerPath: string, acknowledged: readonly { id: string; position: string }[]) => {
  const store = await openSqliteEventStore({ path: ledgerPath });
  try {
    for (const { id, position } of acknowledged) {
      const [event] = await store.readStream(`source-${id}`);
      expect(event?.position.toString()).toBe(position);
    }
    expect((await store.headPosition()).toString()).toBe(acknowledged.at(-1)!.position);
  } finally {
    await store.close();
  }
};

const acknowledge = async (response: Response, id: string) => {
  expect(response.status).toBe(201);
  return { id, ...((await response.json()) as { position: string }) };
};

describe.skipIf(skip)('a full disk under a running server', () => {
  it('refuses writes with 503 and makes /health/ready answer 503 naming the failure until the disk has room again', async () => {
    const ledgerPath = join(disk.dir, 'ready', 'ledger.db');
    const server = await startServer({ SIJILL_STORE: ledgerPath });
    const acknowledged: { id: string; position: string }[] = [];
    try {
      // Given: a write acknowledged while the disk had room.
      acknowledged.push(await acknowledge(await postSource(server.base, 'room-source'), 'room-source'));

      // When: the disk fills up.
      await disk.fill();
      const refused = await postSource(server.base, 'full-source');

      // Then: the write is refused with 503, the log does not move, and the service is not ready.
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(await refused.json()).toMatchObject({ code: 'store_unavailable', detail: expect.stringContaining('SQLITE_FULL') });
      const notReady = await ready(server.base);
      expect(notReady.status).toBe(503);
      expect(notReady.body.detail).toContain('SQLITE_FULL');
      expect(notReady.body.checks.store).toMatch(/^failing since .*writes are refused.*SQLITE_FULL/);
      expect(notReady.body.position).toBe(acknowledged[0]!.position);
      const metrics = await (await fetch(`${server.base}/metrics`)).text();
      expect(metrics).toMatch(/^sijill_store_write_failures_total 1$/m);
      expect(metrics).toMatch(/^sijill_ready 0$/m);

      // When: space is freed, readiness recovers by itself (no write needed to find out)…
      await disk.free();
      expect((await readyBecomes(server.base, 200)).status).toBe(200);
      // …and writes work again.
      acknowledged.push(await acknowledge(await postSource(server.base, 'recovered-source'), 'recovered-source'));
      expect(await server.stop('SIGTERM')).toBe(0);
    } finally {
      await server.stop('SIGKILL');
      await disk.free();
    }
    await expectKept(ledgerPath, acknowledged);
  });

  it('SIGTERM with the disk full: logs that the snapshot could not be saved, leaves no temporary file, closes the store, exits 0 and keeps every acknowledged write', async () => {
    const ledgerPath = join(disk.dir, 'sigterm', 'ledger.db');
    const server = await startServer({ SIJILL_STORE: ledgerPath });
    const acknowledged: { id: string; position: string }[] = [];
    try {
      // Given: writes acknowledged (so the read models have a snapshot to save at stop)…
      for (const id of ['first-source', 'second-source'])
        acknowledged.push(await acknowledge(await postSource(server.base, id), id));
      // …and then a full disk.
      await disk.fill();

      // When: SIGTERM.
      const code = await server.stop('SIGTERM');

      // Then: a clean exit, the failure logged, no temporary snapshot left behind.
      expect(code).toBe(0);
      expect(server.output()).toMatch(/ENOSPC.*read model snapshot not saved/);
      expect(server.output()).toContain('"msg":"stopped"');
      expect(server.output()).not.toContain('nhandled');
      expect((await disk.files()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect((await readdir(join(disk.dir, 'sigterm'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      await server.stop('SIGKILL');
      await disk.free();
    }
    // And: the store was closed (the file opens at once) with every acknowledged write in it.
    await expectKept(ledgerPath, acknowledged);
  });
});
