import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import type { RecordedEvent } from '../../services/eventstore/port.js';
import { ReadModelFollower } from '../../services/readmodels/follower.js';
import { CLAIMS_PER_FRAME } from '../../services/readmodels/ledgerSnapshot.js';
import { readSnapshotHeader } from '../../services/readmodels/snapshots.js';
import { readLedgerSnapshot, writeLedgerSnapshotAt } from '../support/snapshots.js';
import { givenWorkedExampleLedger, silent } from './workedExampleLedger.js';

/**
 * Issue 14 §1: a save cuts the state at the follower's position and writes it a frame at a time
 * while the follower goes on applying events. What is saved must be exactly the state at the
 * position saved with it — resuming from it gives what a rebuild gives.
 */
const ledger = givenWorkedExampleLedger();
const revise = (reliability: string) => ledger.appendRevision('sdf-media', reliability);
const rebuilt = () => ledger.fullRebuild();
const { name, version } = ledgerProjection;

/** The state and header saved at `path`. */
const saved = async (path: string) => {
  const snapshot = await readLedgerSnapshot(path);
  if (!snapshot) throw new Error(`no snapshot at ${path}`);
  return { header: snapshot, state: snapshot.state };
};

/** Apply `count` control claims after the follower's position, as the log would deliver them (no store write). */
const applyManyClaims = (follower: ReadModelFollower<ReturnType<typeof ledgerProjection.initialState>>, count: number) => {
  const last = follower.position;
  for (let i = 1; i <= count; i++) {
    follower.apply({
      eventId: `e-${i}`,
      streamId: `claim-many-${i}`,
      revision: 0n,
      position: last + BigInt(i),
      type: 'ClaimRecorded',
      schemaVersion: 1,
      recordedAt: '2026-11-29T00:00:00.000Z',
      data: {
        claimId: `many-${i}`,
        articleId: 'alquds-2018-11-14-deir-ez-zor-meeting',
        kind: 'control',
        placeId: 'al-susa',
        actorIds: ['sdf'],
        share: 0.5,
        validTime: { date: '2018-11', approximate: false },
        credibility: 3,
      },
      metadata: { principal: 't', correlationId: 'c', causationId: 'c' },
    } satisfies RecordedEvent);
  }
};

describe('snapshot saves', () => {
  it('hold the state at the position saved, while the follower goes on applying events', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    const savedAt = follower.position;
    const saving = follower.saveSnapshot();
    // While the save is written, events arrive and the follower applies them.
    const { position: later } = await revise('E');
    expect(await follower.waitFor(later, 10_000)).toBe(true);
    await saving;

    expect((await readSnapshotHeader(ledger.snapshotPath, name, version))?.position).toBe(savedAt);
    // The snapshot is the state at savedAt: a follower resumed from it reaches the rebuild's state.
    await follower.stop();
    const resumed = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await resumed.start();
    await resumed.stop();
    const expected = await rebuilt();
    expect(resumed.position).toBe(expected.position);
    expect(resumed.state).toEqual(expected.state);
  });

  it('restore to the follower’s state at each save', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    for (const grade of ['C', 'E', 'B']) {
      const { position } = await revise(grade);
      await follower.waitFor(position, 10_000);
      await follower.saveSnapshot();
      const snapshot = await saved(ledger.snapshotPath);
      expect(snapshot.header.position).toBe(position);
      expect(snapshot.state).toEqual(follower.state);
    }
    await follower.stop();
  });

  it('yield to the event loop between frames: other work runs while a large state is written', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    // Enough claims for several frames, applied as the log would deliver them.
    applyManyClaims(follower, 3 * CLAIMS_PER_FRAME);
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    await follower.saveSnapshot();
    spinning = false;
    // At least one turn of the event loop per frame of claims (each frame is written before the next is built).
    expect(turns).toBeGreaterThanOrEqual(3);
    expect((await saved(ledger.snapshotPath)).state.claims.claims.size).toBe(follower.state.claims.claims.size);
    await follower.stop();
  });

  it('take the checkpoint and the cut when asked: an event applied while the save starts is in neither', async () => {
    const events = await ledger.store.readAll();
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    for (const event of events.slice(0, -1)) follower.apply(event);
    const atCut = events.at(-2)!;
    const saving = follower.saveSnapshot();
    // Applied before the save's first await returns: what a busy follower does.
    follower.apply(events.at(-1)!);
    await saving;
    const snapshot = await saved(ledger.snapshotPath);
    expect(snapshot.header.position).toBe(atCut.position);
    expect(snapshot.header.lastEventId).toBe(atCut.eventId);
    const resumed = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    expect(await resumed.resumeFromSnapshot()).toBe(true);
    const upToCut = new ReadModelFollower(ledger.store, ledgerProjection, silent);
    for (const event of events.slice(0, -1)) upToCut.apply(event);
    expect(resumed.state).toEqual(upToCut.state);
  });

  it('leave nothing beside the snapshot: the replaced one is released, and one a crash left is released by the next save', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    await follower.saveSnapshot();
    await follower.saveSnapshot();
    const beside = async () => (await readdir(ledger.dir)).filter((n) => n.startsWith('readmodels.snapshot.'));
    expect(await beside()).toEqual([]);
    // A crash between the rename and the release leaves the old snapshot under a second name.
    await writeFile(`${ledger.snapshotPath}.4242-1.retired`, 'the old snapshot');
    await follower.saveSnapshot();
    expect(await beside()).toEqual([]);
    await follower.stop();
  });

  it('a file that cannot be written fails the save with the error of the write, and the old snapshot stays', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    await follower.saveSnapshot();
    const before = await readFile(ledger.snapshotPath);
    const blocked = new ReadModelFollower(ledger.store, ledgerProjection, silent, {
      snapshotPath: join(ledger.snapshotPath, 'inside-a-file'),
    });
    for (const event of await ledger.store.readAll()) blocked.apply(event);
    await expect(blocked.saveSnapshot()).rejects.toMatchObject({ code: expect.stringMatching(/^E(NOTDIR|EXIST)$/) });
    await blocked.stop();
    expect((await readFile(ledger.snapshotPath)).equals(before)).toBe(true);
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
    expect((await readSnapshotHeader(ledger.snapshotPath, name, version))?.position).toBe(position);
  });
});

describe('a snapshot that cannot be trusted', () => {
  const resumeWarning = async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, log, { snapshotPath: ledger.snapshotPath });
    await follower.start();
    await follower.stop();
    return { follower, log: lines.join('\n') };
  };

  it('cut short (a disk that lied about a write) is not used: the models are rebuilt from the log, and say why', async () => {
    const first = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await first.start();
    await first.saveSnapshot();
    await first.stop();
    const size = (await readFile(ledger.snapshotPath)).length;
    await truncate(ledger.snapshotPath, Math.floor(size * 0.8));
    const { follower, log } = await resumeWarning();
    expect(log).toContain('the read model snapshot is damaged; rebuilding from the start of the log');
    expect(follower.state).toEqual((await rebuilt()).state);
  });

  it('of the format before issue 14 (one V8 value) is not read: the models are rebuilt from the log', async () => {
    await writeFile(ledger.snapshotPath, serialize({ projection: name, version, position: 3n, lastEventId: 'x', state: {} }));
    const { follower, log } = await resumeWarning();
    expect(log).toContain('no read model snapshot of this projection version');
    expect(follower.position).toBe(await ledger.store.headPosition());
    expect(follower.state).toEqual((await rebuilt()).state);
  });
});

describe('a snapshot of a newer projection version at the path', () => {
  it('is not written over: a rebuild promoted it for the next version of the service', async () => {
    await writeLedgerSnapshotAt(ledger.snapshotPath, {
      projection: name,
      version: version + 1,
      position: 1n,
      lastEventId: 'newer',
      state: ledgerProjection.initialState(),
    });
    const before = await readFile(ledger.snapshotPath);
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const older = new ReadModelFollower(ledger.store, ledgerProjection, log, { snapshotPath: ledger.snapshotPath });
    for (const event of await ledger.store.readAll()) older.apply(event);
    await older.saveSnapshot();
    expect((await readFile(ledger.snapshotPath)).equals(before)).toBe(true);
    expect(lines.join('\n')).toContain('holds a newer projection version');
    // An older version's file is replaced as before (the usual upgrade).
    await writeLedgerSnapshotAt(ledger.snapshotPath, {
      projection: name,
      version: version - 1,
      position: 1n,
      lastEventId: 'older',
      state: ledgerProjection.initialState(),
    });
    await older.saveSnapshot();
    expect((await readSnapshotHeader(ledger.snapshotPath, name, version))?.position).toBe(older.position);
  });

  it('is not written over when a rebuild promotes it while a save is being written', async () => {
    const older = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    for (const event of await ledger.store.readAll()) older.apply(event);
    applyManyClaims(older, 3 * CLAIMS_PER_FRAME);
    const saving = older.saveSnapshot();
    // The save has checked the file and is writing its frames when the rebuild promotes.
    await new Promise((resolve) => setImmediate(resolve));
    await writeLedgerSnapshotAt(ledger.snapshotPath, {
      projection: name,
      version: version + 1,
      position: 1n,
      lastEventId: 'promoted',
      state: ledgerProjection.initialState(),
    });
    await saving;
    expect((await readSnapshotHeader(ledger.snapshotPath, name, version + 1))?.lastEventId).toBe('promoted');
  });
});
