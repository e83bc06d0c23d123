import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerProjection } from '../../projections/ledger.js';
import { loadWorkedExample } from '../../services/demo/load.js';
import { StoreClosedError, StoreUnavailableError } from '../../services/eventstore/errors.js';
import type { LogReader, RecordedEvent } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { openSqliteLogReader } from '../../services/eventstore/sqlite/logReader.js';
import { rebuildReadModels } from '../../services/readmodels/rebuild.js';
import { silent } from '../readmodels/workedExampleLedger.js';
import { tempDir } from '../support/ledger.js';

/**
 * `openSqliteLogReader` reads the log in a worker thread, pages ahead (issue 14: a rebuild
 * reads on one core and folds on the other). Oracle: the same file read by the store, before
 * the reader opens it (each holds the file exclusively). 2,035 events in pages of 100, with
 * metadata that repeats and that changes, appends of several events (one `recordedAt`),
 * Arabic text, numbers at the edge of exactness and a type this sijill does not know.
 */
const PAGE = 100;
let dir: Awaited<ReturnType<typeof tempDir>>;
let path: string;
let direct: RecordedEvent[];
let head: bigint;
let reader: LogReader;

const note = (i: number, metadata: Record<string, string>) => ({
  eventId: crypto.randomUUID(),
  type: i % 10 === 9 ? 'FromANewerSijill' : 'NoteTaken',
  schemaVersion: 1 + (i % 3),
  data: { text: `note ${i}: «السوسة» \u2028 "quoted"`, n: i, nested: { big: 2 ** 53 - 1, small: -0.5 } },
  metadata: { principal: 'test', correlationId: 'c', causationId: 'c', ...metadata },
});

beforeAll(async () => {
  dir = await tempDir();
  path = join(dir.dir, 'ledger.db');
  const store = await openSqliteEventStore({ path });
  await loadWorkedExample(store);
  for (let i = 0; i < 1_000; i++) {
    // Runs of repeated metadata, then a change (a new correlation every 7 events, an idempotency key every 13).
    const metadata = { correlationId: `run-${Math.floor(i / 7)}`, ...(i % 13 === 0 ? { idempotencyKey: `k${i}` } : {}) };
    await store.append(`note-${i % 5}`, i % 4 === 0 ? [note(i, metadata), note(i + 1_000, metadata)] : [note(i, metadata)]);
  }
  direct = await store.readAll();
  head = await store.headPosition();
  await store.close();
  reader = await openSqliteLogReader({ path, pageSize: PAGE, readAhead: 3 });
});
afterAll(async () => {
  await reader?.close();
  await dir.cleanup();
});

describe('openSqliteLogReader', () => {
  it('reads the whole log as the store does', async () => {
    expect(direct.length).toBe(1_285);
    expect(new Set(direct.map((e) => e.recordedAt)).size).toBeLessThan(1_285);
    expect(await reader.readAll()).toEqual(direct);
    expect(await reader.headPosition()).toBe(head);
  });

  it('reads on where the last read ended, across its pages, as the store does', async () => {
    const got: RecordedEvent[] = [];
    let after = 0n;
    // Sizes that end inside pages, on their edges and past several of them.
    for (const maxCount of [1, 99, 100, 37, 250, 1, 313, 1_000]) {
      const events = await reader.readAll({ after, maxCount });
      expect(events.length, `after ${after}, ${maxCount}`).toBe(Math.min(maxCount, direct.length - got.length));
      got.push(...events);
      if (events.length > 0) after = events.at(-1)!.position;
    }
    expect(got).toEqual(direct);
    expect(await reader.readAll({ after: head })).toEqual([]);
    expect(await reader.readAll({ after: head, maxCount: 5 })).toEqual([]);
  });

  it('reads from anywhere, at most maxCount events, as the store does', async () => {
    for (const [from, maxCount] of [
      [0, 1],
      [3, 7],
      [1_284, 5],
      [34, 1_000],
      [99, 101],
      [640, 0],
      [17, 300],
    ] as const) {
      const after = direct[from]!.position;
      expect(await reader.readAll({ after, maxCount }), `after #${from}, ${maxCount}`).toEqual(
        direct.filter((e) => e.position > after).slice(0, maxCount),
      );
    }
    expect(await reader.readAll({ after: head + 10n })).toEqual([]);
  });

  it('shares one metadata object between neighbours in a page with the same metadata, and no other', async () => {
    const events = await reader.readAll();
    let shared = 0;
    for (let i = 1; i < events.length; i++) {
      const same = JSON.stringify(direct[i]!.metadata) === JSON.stringify(direct[i - 1]!.metadata);
      // Read from the start, a page begins every PAGE events: no page shares with the one before.
      if (same && i % PAGE !== 0) {
        expect(events[i]!.metadata).toBe(events[i - 1]!.metadata);
        shared++;
      } else expect(events[i]!.metadata).not.toBe(events[i - 1]!.metadata);
    }
    expect(shared).toBeGreaterThan(500);
  });

  it('answers calls made together one after the other, each as if alone', async () => {
    const mid = direct[500]!.position;
    const [a, b, c, d, e] = await Promise.all([
      reader.readAll({ maxCount: 150 }),
      reader.readAll({ after: mid, maxCount: 20 }),
      reader.headPosition(),
      reader.readEventAt(mid),
      reader.readAll({ after: direct[149]!.position, maxCount: 3 }),
    ]);
    expect(a).toEqual(direct.slice(0, 150));
    expect(b).toEqual(direct.slice(501, 521));
    expect(c).toBe(head);
    expect(d).toEqual(direct[500]);
    expect(e).toEqual(direct.slice(150, 153));
  });

  it('finds the event at a position, and nothing at 0, beyond the head or beyond any rowid', async () => {
    for (const event of [direct[0]!, direct[1]!, direct[17]!, direct.at(-1)!]) {
      expect(await reader.readEventAt(event.position)).toEqual(event);
    }
    expect(await reader.readEventAt(0n)).toBeUndefined();
    expect(await reader.readEventAt(-3n)).toBeUndefined();
    expect(await reader.readEventAt(head + 1_000n)).toBeUndefined();
    expect(await reader.readEventAt(2n ** 64n)).toBeUndefined();
  });

  it('refuses a bad maxCount as the store does', async () => {
    await expect(reader.readAll({ maxCount: -1 })).rejects.toThrow(RangeError);
    await expect(reader.readAll({ maxCount: 1.5 })).rejects.toThrow(RangeError);
  });

  it('folds into the read models a rebuild through the store folds', async () => {
    const store = await openSqliteEventStore({ path: join(dir.dir, 'copy.db') });
    try {
      await loadWorkedExample(store);
      const viaStore = await rebuildReadModels(store, ledgerProjection, silent);
      await store.close();
      const copy = await openSqliteLogReader({ path: join(dir.dir, 'copy.db'), pageSize: 7 });
      try {
        const viaReader = await rebuildReadModels(copy, ledgerProjection, silent);
        expect(viaReader.position).toBe(viaStore.position);
        expect(viaReader.state).toEqual(viaStore.state);
      } finally {
        await copy.close();
      }
    } finally {
      await store.close();
    }
  });
});

describe('openSqliteLogReader on a damaged event', () => {
  it('fails each read that reaches an event that is not JSON, as the store does, and reads past it from after it', async () => {
    const damaged = join(dir.dir, 'damaged.db');
    const store = await openSqliteEventStore({ path: damaged });
    await loadWorkedExample(store);
    const all = await store.readAll();
    await store.close();
    const bad = all[20]!.position;
    const db = new Database(damaged);
    db.prepare("UPDATE events SET data = '{oops' WHERE position = ?").run(bad);
    db.close();
    const damagedReader = await openSqliteLogReader({ path: damaged, pageSize: 10 });
    try {
      // The first page is fine; the third holds the damaged event: each try fails, none skips it.
      expect(await damagedReader.readAll({ maxCount: 10 })).toEqual(all.slice(0, 10));
      await expect(damagedReader.readAll({ after: all[9]!.position, maxCount: 20 })).rejects.toThrow(SyntaxError);
      await expect(damagedReader.readAll({ after: all[9]!.position, maxCount: 20 })).rejects.toThrow(SyntaxError);
      await expect(damagedReader.readAll({ after: all[9]!.position, maxCount: 5 })).resolves.toEqual(all.slice(10, 15));
      await expect(damagedReader.readAll({ after: all[14]!.position, maxCount: 10 })).rejects.toThrow(SyntaxError);
      // A read whose first page is the damaged one, tried again from the same place.
      expect(await damagedReader.readAll({ after: all[9]!.position, maxCount: 10 })).toEqual(all.slice(10, 20));
      await expect(damagedReader.readAll({ after: all[19]!.position, maxCount: 10 })).rejects.toThrow(SyntaxError);
      await expect(damagedReader.readAll({ after: all[19]!.position, maxCount: 10 })).rejects.toThrow(SyntaxError);
      expect(await damagedReader.readAll({ after: bad })).toEqual(all.slice(21));
      await expect(damagedReader.readEventAt(bad)).rejects.toThrow(SyntaxError);
      expect(await damagedReader.headPosition()).toBe(all.at(-1)!.position);
    } finally {
      await damagedReader.close();
    }
  });
});

describe('openSqliteLogReader refuses', () => {
  it('a file that is not there, and a folder, without creating anything', async () => {
    const missing = join(dir.dir, 'missing.db');
    await expect(openSqliteLogReader({ path: missing })).rejects.toThrow(StoreUnavailableError);
    await expect(openSqliteLogReader({ path: missing })).rejects.toThrow(`no ledger file at ${missing}`);
    await expect(stat(missing)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(openSqliteLogReader({ path: dir.dir })).rejects.toThrow(/is not a file/);
  });

  it('an empty file, leaving it empty: a reader never makes a ledger', async () => {
    const empty = join(dir.dir, 'empty.db');
    await writeFile(empty, '');
    await expect(openSqliteLogReader({ path: empty })).rejects.toThrow(`${empty} is not a sijill ledger`);
    expect((await stat(empty)).size).toBe(0);
  });

  it('a file another connection holds, saying so; and once it is let go, opens', async () => {
    const held = join(dir.dir, 'held.db');
    const store = await openSqliteEventStore({ path: held });
    await expect(openSqliteLogReader({ path: held, lockTimeoutMs: 0 })).rejects.toThrow(/in use by another process/);
    await store.close();
    const opened = await openSqliteLogReader({ path: held });
    await expect(opened.readAll()).resolves.toEqual([]);
    // The reader holds it in turn, until closed.
    await expect(openSqliteEventStore({ path: held, lockTimeoutMs: 0 })).rejects.toThrow(/in use by another process/);
    await opened.close();
    await (await openSqliteEventStore({ path: held })).close();
  });

  it('a file that is not a sijill ledger', async () => {
    const stranger = join(dir.dir, 'stranger.db');
    const db = new Database(stranger);
    db.exec('CREATE TABLE t (x)');
    db.close();
    await expect(openSqliteLogReader({ path: stranger })).rejects.toThrow(/not a sijill ledger/);
    const text = join(dir.dir, 'text.db');
    await writeFile(text, 'not a database at all, just some text that is long enough to be read as a header');
    await expect(openSqliteLogReader({ path: text })).rejects.toThrow(StoreUnavailableError);
  });

  it('calls after close, and closes once however often asked', async () => {
    const other = join(dir.dir, 'other.db');
    const store = await openSqliteEventStore({ path: other });
    await loadWorkedExample(store);
    const expected = await store.readAll({ maxCount: 10 });
    await store.close();
    const copy = await openSqliteLogReader({ path: other });
    const pending = copy.readAll({ maxCount: 10 });
    await Promise.all([copy.close(), copy.close()]);
    // A call made before close is answered.
    expect(await pending).toEqual(expected);
    await expect(copy.readAll()).rejects.toThrow(StoreClosedError);
    await expect(copy.headPosition()).rejects.toThrow(StoreClosedError);
    await copy.close();
  });

  it('bad page sizes, before opening anything', async () => {
    await expect(openSqliteLogReader({ path, pageSize: 0 })).rejects.toThrow(RangeError);
    await expect(openSqliteLogReader({ path, readAhead: 1.5 })).rejects.toThrow(RangeError);
  });
});
