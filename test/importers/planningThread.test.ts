import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryProjection } from '../../projections/registry.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { csvRows } from '../../services/importers/csvRows.js';
import { type ImportInput, importDataset } from '../../services/importers/engine.js';
import { registryOfLog } from '../../services/importers/registryOfLog.js';
import { ReportWriter } from '../../services/importers/report.js';
import { GED_231 } from '../support/datasets.js';
import { tempDir } from '../support/ledger.js';

/**
 * A dataset CSV given by its path is read, mapped and planned in a worker thread while the
 * main thread writes (engine.ts, planWorker.ts): the same report, counters and log as one
 * thread, and a worker that fails fails the import, never hangs.
 */
let dir: { dir: string; cleanup: () => Promise<void> };
const stores: EventStore[] = [];
beforeAll(async () => {
  dir = await tempDir('sijill-planning-');
});
afterAll(async () => {
  for (const store of stores) await store.close();
  await dir.cleanup();
});

const freshStore = async () => {
  const store = await openSqliteEventStore({ path: join(dir.dir, `${randomUUID()}.db`) });
  stores.push(store);
  return store;
};

const importInto = async (store: EventStore, source: ImportInput['source'], registry?: ImportInput['registry']) => {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const counters = await importDataset(
    store,
    { principal: 'test', correlationId: randomUUID(), causationId: randomUUID() },
    {
      format: 'ucdp-ged',
      release: '23.1',
      source,
      registry: registry ?? (() => registryOfLog(store)),
      report: new ReportWriter(out, 'ndjson'),
      batchSize: 100,
    },
  );
  return { counters, lines };
};

describe('dataset import on two threads', () => {
  it('gives the report, counters and events one thread gives', async () => {
    const [one, two] = [await freshStore(), await freshStore()];
    const inThread = await importInto(one, csvRows(createReadStream(GED_231)));
    const inWorker = await importInto(two, { path: GED_231 });
    expect(inWorker.counters).toEqual(inThread.counters);
    expect(inWorker.counters.rowsRead).toBe(1000);
    expect(inWorker.lines).toEqual(inThread.lines);
    const events = async (store: EventStore) =>
      (await store.readAll({ after: 0n, maxCount: 100_000 })).map((e) => [e.streamId, e.type, e.data]);
    expect(await events(two)).toEqual(await events(one));
    expect(await two.headPosition()).toBe(await one.headPosition());
  });

  it('a worker that fails fails the import with its error, writing nothing', async () => {
    const store = await freshStore();
    const broken = registryProjection.initialState();
    // A place without names: the worker's index throws building itself, before any row.
    broken.places.set('nameless', { id: 'nameless', kind: 'town' } as never);
    await expect(importInto(store, { path: GED_231 }, async () => broken)).rejects.toThrow(/the planning worker failed/);
    expect(await store.headPosition()).toBe(0n);
  });

  it('a file that cannot be opened fails with invalid_dataset, writing nothing', async () => {
    const store = await freshStore();
    await expect(importInto(store, { path: join(dir.dir, 'nope.csv') })).rejects.toMatchObject({
      code: 'invalid_dataset',
      message: expect.stringMatching(/^the file stopped being readable after row 0: ENOENT/),
    });
    expect(await store.headPosition()).toBe(0n);
  });
});
