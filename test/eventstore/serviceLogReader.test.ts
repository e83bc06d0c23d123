import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { loadWorkedExample } from '../../services/demo/load.js';
import { ServiceLogError, serviceLogReader } from '../../services/eventstore/http/serviceLogReader.js';
import type { LogReader } from '../../services/eventstore/port.js';
import { type RebuildStart, rebuildReadModels } from '../../services/readmodels/rebuild.js';
import { type GivenApp, givenApp, tempDir } from '../support/ledger.js';

/**
 * `serviceLogReader` reads a running sijill's log through `GET /v1/events` (issue 14: a
 * rebuild beside a service that holds its SQLite file). Oracle: the same service's store,
 * read directly. 1,235 events, so a read without `maxCount` spans two of the API's pages.
 */
const READER = 'reader-token-0123456789';
let given: GivenApp;
let base: string;
let reader: LogReader;
beforeAll(async () => {
  given = await givenApp({ SIJILL_TOKENS: `${READER}=omar:reader` });
  await loadWorkedExample(given.store);
  for (let i = 0; i < 1_200; i++) {
    await given.store.append(`note-${i % 7}`, [
      {
        eventId: crypto.randomUUID(),
        type: 'NoteTaken',
        schemaVersion: 1,
        data: { text: `note ${i}: «السوسة»`, n: i, nested: { big: 2 ** 53 - 1 } },
        metadata: { principal: 'test', correlationId: `c${i}`, causationId: `c${i}` },
      },
    ]);
  }
  base = await given.app.listen({ host: '127.0.0.1', port: 0 });
  reader = serviceLogReader(`${base}/`, READER);
});
afterAll(() => given.close());

describe('serviceLogReader', () => {
  it('reads the whole log as the store does, across the API’s pages of 1,000', async () => {
    const direct = await given.store.readAll();
    expect(direct.length).toBe(1_235);
    expect(await reader.readAll()).toEqual(direct);
    expect(await reader.headPosition()).toBe(await given.store.headPosition());
  });

  it('reads after a position, at most maxCount events, as the store does', async () => {
    const direct = await given.store.readAll();
    for (const [from, maxCount] of [
      [0, 1],
      [3, 7],
      [34, 1_000],
      [1_000, 300],
      [1_234, 5],
    ] as const) {
      const after = direct[from]!.position;
      expect(await reader.readAll({ after, maxCount }), `after #${from}, ${maxCount}`).toEqual(
        await given.store.readAll({ after, maxCount }),
      );
    }
    expect(await reader.readAll({ after: direct.at(-1)!.position })).toEqual([]);
  });

  it('finds the event at a position, and nothing at 0 or beyond the head', async () => {
    const direct = await given.store.readAll({ maxCount: 40 });
    for (const event of [direct[0]!, direct[1]!, direct[17]!, direct[39]!]) {
      expect(await reader.readEventAt(event.position)).toEqual(event);
    }
    const head = await given.store.headPosition();
    expect(await reader.readEventAt(head)).toEqual(await given.store.readEventAt(head));
    expect(await reader.readEventAt(0n)).toBeUndefined();
    expect(await reader.readEventAt(head + 1_000n)).toBeUndefined();
  });

  it('says why it cannot read: no token, an unreachable service, a URL that is not a sijill', async () => {
    await expect(serviceLogReader(base).headPosition()).rejects.toThrow(
      /refused to show its log \(401\): set SIJILL_TOKEN to a reader's token/,
    );
    await expect(serviceLogReader('http://127.0.0.1:9', READER).headPosition()).rejects.toThrow(ServiceLogError);
    await expect(serviceLogReader('http://127.0.0.1:9', READER).headPosition()).rejects.toThrow(/did not answer/);
    await expect(serviceLogReader(`${base}/docs`, READER).headPosition()).rejects.toThrow(/answered 404/);
  });

  it('feeds a rebuild that, interrupted after a checkpoint, resumes from it (its position checked through the API) and ends where the service is', async () => {
    const dir = await tempDir();
    try {
      const options = { snapshotPath: join(dir.dir, 'readmodels.snapshot'), checkpointEvery: 500, progressEveryMs: 0 };
      const crash = new Error('killed');
      await expect(
        rebuildReadModels(reader, ledgerProjection, pino({ level: 'silent' }), {
          ...options,
          onProgress: ({ events }) => {
            if (events >= 500) throw crash;
          },
        }),
      ).rejects.toBe(crash);
      let start: RebuildStart | undefined;
      const rebuilt = await rebuildReadModels(reader, ledgerProjection, pino({ level: 'silent' }), {
        ...options,
        onStart: (s) => {
          start = s;
        },
      });
      expect(start?.resumedFrom).toBe((await given.store.readAll({ maxCount: 500 })).at(-1)!.position);
      await given.settle();
      expect(rebuilt.position).toBe(given.ledger.follower.position);
      expect(rebuilt.state).toEqual(given.ledger.follower.state);
    } finally {
      await dir.cleanup();
    }
  });
});
