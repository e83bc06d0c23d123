import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { ReadModelFollower } from '../../services/readmodels/follower.js';
import { readSnapshot, writeSnapshot } from '../../services/readmodels/snapshots.js';
import { SnapshotThread } from '../../services/readmodels/snapshotThread.js';
import { givenWorkedExampleLedger, silent } from './workedExampleLedger.js';

/**
 * Issue 14 §1: snapshots are written on the snapshot thread, which folds the events since the
 * last snapshot itself; the follower goes on applying events meanwhile. What is saved must be
 * exactly the state at the position saved with it — resuming from it gives what a rebuild gives.
 */
const ledger = givenWorkedExampleLedger();
const revise = (reliability: string) => ledger.appendRevision('sdf-media', reliability);
const rebuilt = () => ledger.fullRebuild();

describe('snapshots written on the snapshot thread', () => {
  it('hold the state at the position saved, while the follower goes on applying events', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    const savedAt = follower.position;
    const saving = follower.saveSnapshot();
    // While the thread saves, events arrive and the follower applies them.
    const { position: later } = await revise('E');
    expect(await follower.waitFor(later, 10_000)).toBe(true);
    await saving;

    const snapshot = await readSnapshot(ledger.snapshotPath, ledgerProjection.name, ledgerProjection.version);
    expect(snapshot?.position).toBe(savedAt);
    // The snapshot is the state at savedAt: a follower resumed from it reaches the rebuild's state.
    await follower.stop();
    const resumed = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await resumed.start();
    await resumed.stop();
    const expected = await rebuilt();
    expect(resumed.position).toBe(expected.position);
    expect(resumed.state).toEqual(expected.state);
  });

  it('build each save on the last one: only the events since it are folded, and the result is the rebuild’s', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    await follower.saveSnapshot();
    for (const grade of ['C', 'E', 'B']) {
      const { position } = await revise(grade);
      await follower.waitFor(position, 10_000);
      await follower.saveSnapshot();
      const snapshot = await readSnapshot<typeof follower.state>(
        ledger.snapshotPath,
        ledgerProjection.name,
        ledgerProjection.version,
      );
      expect(snapshot?.position).toBe(position);
      expect(snapshot?.state).toEqual(follower.state);
    }
    await follower.stop();
  });

  it('a snapshot replaced behind the follower fails one save, loudly, and the next folds from the start', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, log, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    await follower.saveSnapshot();
    // Someone restores an older backup over the file.
    await writeSnapshot(ledger.snapshotPath, {
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
    const snapshot = await readSnapshot<typeof follower.state>(
      ledger.snapshotPath,
      ledgerProjection.name,
      ledgerProjection.version,
    );
    expect(snapshot?.position).toBe(position);
    expect(snapshot?.state).toEqual(follower.state);
    await follower.stop();
  });

  it('a file that cannot be written fails the save with the error of the write, and the old snapshot stays', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    await follower.saveSnapshot();
    const before = await readSnapshot(ledger.snapshotPath, ledgerProjection.name, ledgerProjection.version);
    const blocked = new ReadModelFollower(ledger.store, ledgerProjection, silent, {
      snapshotPath: join(ledger.snapshotPath, 'inside-a-file'),
    });
    for (const event of await ledger.store.readAll()) blocked.apply(event);
    await expect(blocked.saveSnapshot()).rejects.toMatchObject({ code: expect.stringMatching(/^E(NOTDIR|EXIST)$/) });
    await blocked.stop();
    expect((await readSnapshot(ledger.snapshotPath, ledgerProjection.name, ledgerProjection.version))?.position).toBe(
      before?.position,
    );
    await follower.stop();
  });

  it('stop waits for every save asked for, then saves the rest: none is cut short or reported failing', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    const first = follower.saveSnapshot();
    const second = follower.saveSnapshot();
    const { position } = await revise('C');
    await follower.waitFor(position, 10_000);
    expect(await follower.stop()).toBe(true);
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    expect(follower.snapshotStatus).toMatchObject({ state: 'ok' });
    expect((await readSnapshot(ledger.snapshotPath, ledgerProjection.name, ledgerProjection.version))?.position).toBe(position);
  });

  it('a thread ended mid-save fails that save only; the next one, on a thread of its own, succeeds', async () => {
    const thread = new SnapshotThread();
    const head = await ledger.store.headPosition();
    const last = (await ledger.store.readAll({ direction: 'backwards', maxCount: 1 }))[0]!;
    const job = {
      path: ledger.snapshotPath,
      projection: ledgerProjection.name,
      version: ledgerProjection.version,
      base: 0n,
      baseEventId: undefined,
      position: head,
      lastEventId: last.eventId,
    };
    const cut = thread.save(ledger.store, job);
    await thread.close();
    await expect(cut).rejects.toThrow(/snapshot thread stopped/);
    await thread.save(ledger.store, job);
    const snapshot = await readSnapshot(ledger.snapshotPath, ledgerProjection.name, ledgerProjection.version);
    expect(snapshot?.position).toBe(head);
    expect(snapshot?.state).toEqual((await rebuilt()).state);
  });
});
