import { readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { type RebuildProgress, type RebuildStart, rebuildPathOf, rebuildReadModels } from '../../services/readmodels/rebuild.js';
import { readLedgerSnapshot, writeLedgerSnapshotAt } from '../support/snapshots.js';
import { givenWorkedExampleLedger, silent } from './workedExampleLedger.js';

/**
 * The rebuild, blue/green: it builds beside the live snapshot, checkpoints, resumes after a
 * crash, discards a green file it cannot trust, and catches up with the head at the end.
 */
const ledger = givenWorkedExampleLedger();

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Appends revisions until the head is a multiple of `n` (so that pages of `n` end exactly at it). */
const padHeadToMultipleOf = async (n: bigint) => {
  let i = 0;
  while ((await ledger.store.headPosition()) % n !== 0n) await ledger.appendRevision('al-quds-al-arabi', 'ABCDE'[i++ % 5]!);
};

const liveState = async () => {
  const snapshot = await readLedgerSnapshot(ledger.snapshotPath);
  expect(snapshot).toBeDefined();
  return snapshot!;
};

class Crash extends Error {}

describe('rebuildReadModels, blue/green', () => {
  it('leaves the live snapshot as it was when interrupted, and the next run resumes from the checkpoint', async () => {
    // A live snapshot of an older head, as a running service would have it.
    await rebuildReadModels(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    const liveBefore = await readFile(ledger.snapshotPath);
    await ledger.appendRevision('al-quds-al-arabi', 'C');
    await ledger.appendRevision('al-quds-al-arabi', 'B');
    const head = await ledger.store.headPosition();

    // Crash shape: an error thrown out of the loop after the second checkpoint.
    await expect(
      rebuildReadModels(ledger.store, ledgerProjection, silent, {
        snapshotPath: ledger.snapshotPath,
        checkpointEvery: 10,
        progressEveryMs: 0,
        onProgress: (p) => {
          if (p.position >= 20n) throw new Crash('killed');
        },
      }),
    ).rejects.toThrow(Crash);
    expect(await readFile(ledger.snapshotPath)).toEqual(liveBefore);
    const green = await readLedgerSnapshot(rebuildPathOf(ledger.snapshotPath));
    expect(green?.position).toBe(20n);

    const starts: RebuildStart[] = [];
    const reports: RebuildProgress[] = [];
    const rebuilt = await rebuildReadModels(ledger.store, ledgerProjection, silent, {
      snapshotPath: ledger.snapshotPath,
      checkpointEvery: 10,
      onStart: (s) => starts.push(s),
      onProgress: (p) => reports.push(p),
    });
    expect(starts).toEqual([{ resumedFrom: 20n, head }]);
    expect(reports.at(-1)).toMatchObject({ position: head, head, startPosition: 20n, events: Number(head - 20n), fraction: 1 });
    expect(rebuilt.position).toBe(head);
    const full = await ledger.fullRebuild();
    expect(rebuilt.state).toEqual(full.state);
    const live = await liveState();
    expect(live.position).toBe(head);
    expect(live.state).toEqual(full.state);
    expect(await exists(rebuildPathOf(ledger.snapshotPath))).toBe(false);
  });

  it('stops between pages on an abort, as after a crash, and removes what a save killed midway left', async () => {
    const green = rebuildPathOf(ledger.snapshotPath);
    const leftOver = `${green}.999999-1.tmp`;
    await writeFile(leftOver, 'half a snapshot');
    const stopping = new AbortController();
    const reason = new Error('Ctrl-C');
    await expect(
      rebuildReadModels(ledger.store, ledgerProjection, silent, {
        snapshotPath: ledger.snapshotPath,
        checkpointEvery: 10,
        signal: stopping.signal,
        progressEveryMs: 0,
        onProgress: (p) => {
          if (p.position >= 10n) stopping.abort(reason);
        },
      }),
    ).rejects.toBe(reason);
    expect(await exists(leftOver)).toBe(false);
    expect(await exists(ledger.snapshotPath)).toBe(false);
    expect((await readLedgerSnapshot(green))?.position).toBe(10n);
  });

  it('discards a green file of another projection version and starts from the beginning', async () => {
    const [event] = await ledger.store.readAll({ after: 19n, maxCount: 1 });
    await writeLedgerSnapshotAt(rebuildPathOf(ledger.snapshotPath), {
      projection: ledgerProjection.name,
      version: ledgerProjection.version + 1,
      position: event!.position,
      lastEventId: event!.eventId,
      state: ledgerProjection.initialState(),
    });
    const head = await ledger.store.headPosition();
    const starts: RebuildStart[] = [];
    let events = 0;
    const rebuilt = await rebuildReadModels(ledger.store, ledgerProjection, silent, {
      snapshotPath: ledger.snapshotPath,
      onStart: (s) => starts.push(s),
      onProgress: (p) => {
        events = p.events;
      },
    });
    expect(starts).toEqual([{ resumedFrom: 0n, head, discarded: 'unusable' }]);
    expect(events).toBe(Number(head));
    expect((await liveState()).state).toEqual((await ledger.fullRebuild()).state);
    expect(rebuilt.position).toBe(head);
  });

  it('discards a green file of another ledger (the event at its checkpoint is another), and one --fresh asks to ignore', async () => {
    const green = rebuildPathOf(ledger.snapshotPath);
    const snapshotAt20 = { projection: ledgerProjection.name, version: ledgerProjection.version, position: 20n };
    await writeLedgerSnapshotAt(green, {
      ...snapshotAt20,
      lastEventId: crypto.randomUUID(),
      state: ledgerProjection.initialState(),
    });
    const starts: RebuildStart[] = [];
    const onStart = (s: RebuildStart) => starts.push(s);
    await rebuildReadModels(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath, onStart });

    const [event] = await ledger.store.readAll({ after: 19n, maxCount: 1 });
    await writeLedgerSnapshotAt(green, { ...snapshotAt20, lastEventId: event!.eventId, state: ledgerProjection.initialState() });
    await rebuildReadModels(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath, onStart, fresh: true });

    expect(starts.map((s) => [s.resumedFrom, s.discarded])).toEqual([
      [0n, 'unusable'],
      [0n, 'fresh'],
    ]);
    expect((await liveState()).state).toEqual((await ledger.fullRebuild()).state);
  });

  it('catches up with events appended while it runs: the promoted snapshot is at the head at the end', async () => {
    await padHeadToMultipleOf(10n);
    const headAtStart = await ledger.store.headPosition();
    let appended = false;
    const reports: RebuildProgress[] = [];
    const rebuilt = await rebuildReadModels(ledger.store, ledgerProjection, silent, {
      snapshotPath: ledger.snapshotPath,
      checkpointEvery: 10,
      progressEveryMs: 0,
      onProgress: async (p) => {
        reports.push(p);
        if (appended || p.position === 0n) return;
        appended = true;
        // A service writing beside the rebuild: past the head read at the start, which the first pass ends on.
        for (const r of ['A', 'E', 'D']) await ledger.appendRevision('al-quds-al-arabi', r);
      },
    });
    const headAtEnd = await ledger.store.headPosition();
    expect(headAtEnd).toBe(headAtStart + 3n);
    expect(rebuilt.position).toBe(headAtEnd);
    expect(reports.at(-1)).toMatchObject({ position: headAtEnd, head: headAtEnd, fraction: 1, etaMs: 0 });
    const live = await liveState();
    expect(live.position).toBe(headAtEnd);
    expect(live.state).toEqual((await ledger.fullRebuild()).state);
  });
});
