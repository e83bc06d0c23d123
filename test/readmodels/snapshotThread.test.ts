import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { loadWorkedExample } from '../../services/demo/load.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { ReadModelFollower } from '../../services/readmodels/follower.js';
import { readSnapshot, writeSnapshot } from '../../services/readmodels/snapshots.js';
import { SnapshotThread } from '../../services/readmodels/snapshotThread.js';
import { tempDir } from '../support/ledger.js';

/**
 * Issue 14 §1: snapshots are written on the snapshot thread, which folds the events since the
 * last snapshot itself; the follower goes on applying events meanwhile. What is saved must be
 * exactly the state at the position saved with it — resuming from it gives what a rebuild gives.
 */
const silent = pino({ level: 'silent' });
let dir: Awaited<ReturnType<typeof tempDir>>;
let store: EventStore;
let snapshotPath: string;

beforeEach(async () => {
  dir = await tempDir();
  store = await openSqliteEventStore({ path: join(dir.dir, 'ledger.db') });
  snapshotPath = join(dir.dir, 'readmodels.snapshot');
  await loadWorkedExample(store);
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

const revise = (reliability: string) =>
  store.append('source-sdf-media', [
    {
      eventId: crypto.randomUUID(),
      type: 'SourceReliabilityRevised',
      schemaVersion: 1,
      data: { sourceId: 'sdf-media', reliability, reason: 'test' },
      metadata: { principal: 't', correlationId: 'c', causationId: 'c' },
    },
  ]);

const rebuilt = async () => {
  const follower = new ReadModelFollower(store, ledgerProjection, silent);
  await follower.start();
  await follower.stop();
  return follower;
};

describe('snapshots written on the snapshot thread', () => {
  it('hold the state at the position saved, while the follower goes on applying events', async () => {
    const follower = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
    await follower.start();
    const savedAt = follower.position;
    const saving = follower.saveSnapshot();
    // While the thread saves, events arrive and the follower applies them.
    const { position: later } = await revise('E');
    expect(await follower.waitFor(later, 10_000)).toBe(true);
    await saving;

    const snapshot = await readSnapshot(snapshotPath, ledgerProjection.name, ledgerProjection.version);
    expect(snapshot?.position).toBe(savedAt);
    // The snapshot is the state at savedAt: a follower resumed from it reaches the rebuild's state.
    await follower.stop();
    const resumed = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
    await resumed.start();
    await resumed.stop();
    const expected = await rebuilt();
    expect(resumed.position).toBe(expected.position);
    expect(resumed.state).toEqual(expected.state);
  });

  it('build each save on the last one: only the events since it are folded, and the result is the rebuild’s', async () => {
    const follower = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
    await follower.start();
    await follower.saveSnapshot();
    for (const grade of ['C', 'E', 'B']) {
      const { position } = await revise(grade);
      await follower.waitFor(position, 10_000);
      await follower.saveSnapshot();
      const snapshot = await readSnapshot<typeof follower.state>(snapshotPath, ledgerProjection.name, ledgerProjection.version);
      expect(snapshot?.position).toBe(position);
      expect(snapshot?.state).toEqual(follower.state);
    }
    await follower.stop();
  });

  it('a snapshot replaced behind the follower fails one save, loudly, and the next folds from the start', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const follower = new ReadModelFollower(store, ledgerProjection, log, { snapshotPath });
    await follower.start();
    await follower.saveSnapshot();
    // Someone restores an older backup over the file.
    await writeSnapshot(snapshotPath, {
      projection: ledgerProjection.name,
      version: ledgerProjection.version,
      position: 1n,
      lastEventId: 'other',
      state: ledgerProjection.initialState(),
    });
    const { position } = await revise('D');
    await follower.waitFor(position, 10_000);
    await expect(follower.saveSnapshot()).rejects.toMatchObject({ code: 'SIJILL_SNAPSHOT_BASE_MOVED' });
    expect(lines.join('\n')).toContain('read model snapshot not saved');
    await follower.saveSnapshot();
    const snapshot = await readSnapshot<typeof follower.state>(snapshotPath, ledgerProjection.name, ledgerProjection.version);
    expect(snapshot?.position).toBe(position);
    expect(snapshot?.state).toEqual(follower.state);
    await follower.stop();
  });

  it('a file that cannot be written fails the save with the error of the write, and the old snapshot stays', async () => {
    const follower = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
    await follower.start();
    await follower.saveSnapshot();
    const before = await readSnapshot(snapshotPath, ledgerProjection.name, ledgerProjection.version);
    const blocked = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath: join(snapshotPath, 'inside-a-file') });
    for (const event of await store.readAll()) blocked.apply(event);
    await expect(blocked.saveSnapshot()).rejects.toMatchObject({ code: expect.stringMatching(/^E(NOTDIR|EXIST)$/) });
    await blocked.stop();
    expect((await readSnapshot(snapshotPath, ledgerProjection.name, ledgerProjection.version))?.position).toBe(before?.position);
    await follower.stop();
  });

  it('stop waits for every save asked for, then saves the rest: none is cut short or reported failing', async () => {
    const follower = new ReadModelFollower(store, ledgerProjection, silent, { snapshotPath });
    await follower.start();
    const first = follower.saveSnapshot();
    const second = follower.saveSnapshot();
    const { position } = await revise('C');
    await follower.waitFor(position, 10_000);
    expect(await follower.stop()).toBe(true);
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    expect(follower.snapshotStatus).toMatchObject({ state: 'ok' });
    expect((await readSnapshot(snapshotPath, ledgerProjection.name, ledgerProjection.version))?.position).toBe(position);
  });

  it('a thread ended mid-save fails that save only; the next one, on a thread of its own, succeeds', async () => {
    const thread = new SnapshotThread();
    const head = await store.headPosition();
    const last = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]!;
    const job = {
      path: snapshotPath,
      projection: ledgerProjection.name,
      version: ledgerProjection.version,
      base: 0n,
      baseEventId: undefined,
      position: head,
      lastEventId: last.eventId,
    };
    const cut = thread.save(store, job);
    await thread.close();
    await expect(cut).rejects.toThrow(/snapshot thread stopped/);
    await thread.save(store, job);
    const snapshot = await readSnapshot(snapshotPath, ledgerProjection.name, ledgerProjection.version);
    expect(snapshot?.position).toBe(head);
    expect(snapshot?.state).toEqual((await rebuilt()).state);
  });
});
