import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { ReadModelFollower } from '../../services/readmodels/follower.js';
import { removeSnapshot } from '../../services/readmodels/snapshots.js';
import { givenWorkedExampleLedger, silent } from './workedExampleLedger.js';

const ledger = givenWorkedExampleLedger();
const { appendRevision, fullRebuild } = ledger;

describe('the read model follower', () => {
  it('saves its state with its checkpoint on stop and resumes from them', async () => {
    const first = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await first.start();
    await first.stop();
    await appendRevision('al-furat-post', 'B');

    const second = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await second.start();
    await second.stop();
    const rebuilt = await fullRebuild();
    expect(second.position).toBe(await ledger.store.headPosition());
    expect(second.state).toEqual(rebuilt.state);
    expect(second.state.registry.sources.get('al-furat-post')?.reliabilityHistory).toHaveLength(2);
  });

  it('after a crash at any event, resumes from the last snapshot without applying an event twice or skipping one', async () => {
    const head = await ledger.store.headPosition();
    for (const crashAfter of [1n, 7n, head - 1n]) {
      await removeSnapshot(ledger.snapshotPath);
      const crashing = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
      // Replay by hand up to the crash point, snapshot there, then "crash": no stop, no final save.
      for (const event of await ledger.store.readAll({ maxCount: Number(crashAfter) })) crashing.apply(event);
      await crashing.saveSnapshot();
      await appendRevision('sdf-media', crashAfter % 2n === 0n ? 'C' : 'E');

      const resumed = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
      await resumed.start();
      await resumed.stop();
      const rebuilt = await fullRebuild();
      expect(resumed.state).toEqual(rebuilt.state);
      expect(resumed.position).toBe(rebuilt.position);
    }
  });

  it('ignores a snapshot that belongs to another ledger', async () => {
    const first = new ReadModelFollower(ledger.store, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
    await first.start();
    await first.stop();
    const other = await openSqliteEventStore({ path: join(ledger.dir, 'other.db') });
    try {
      const follower = new ReadModelFollower(other, ledgerProjection, silent, { snapshotPath: ledger.snapshotPath });
      await follower.start();
      await follower.stop();
      expect(follower.position).toBe(0n);
      expect(follower.state.registry.places.size).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('waitFor resolves at the position and times out below it', async () => {
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent);
    await follower.start();
    const head = await ledger.store.headPosition();
    const reached = follower.waitFor(head + 1n, 5_000);
    await appendRevision('al-furat-post', 'A');
    expect(await reached).toBe(true);
    expect(await follower.waitFor(head + 100n, 20)).toBe(false);
    await follower.stop();
  });
});

describe('a malformed stored event', () => {
  it('is skipped, loudly, and the models go on', async () => {
    // Written past sijill's edges (straight into the ledger.store): a claim without a valid time.
    await ledger.store.append('claim-broken', [
      {
        eventId: crypto.randomUUID(),
        type: 'ClaimRecorded',
        schemaVersion: 1,
        data: {
          claimId: 'broken',
          articleId: 'alquds-2018-11-14-deir-ez-zor-meeting',
          kind: 'control',
          placeId: 'al-susa',
          actorIds: ['isis'],
          credibility: 3,
        },
        metadata: { principal: 'elsewhere', correlationId: 'c', causationId: 'c' },
      },
    ]);
    await appendRevision('al-furat-post', 'A');
    const follower = new ReadModelFollower(ledger.store, ledgerProjection, silent);
    await follower.start();
    await follower.stop();
    expect(follower.failed).toBe(false);
    expect(follower.position).toBe(await ledger.store.headPosition());
    expect(follower.state.claims.claims.has('broken')).toBe(false);
    expect(follower.state.registry.articles.get('alquds-2018-11-14-deir-ez-zor-meeting')?.claimIds).not.toContain('broken');
    expect(follower.state.registry.sources.get('al-furat-post')?.reliability).toBe('A');
  });
});
