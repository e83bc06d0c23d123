import { once } from 'node:events';
import { watch } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { kill, linesOf, startChild } from './childProcess.js';
import { aTempLedger, events } from './tempLedger.js';

const ACKNOWLEDGED_BEFORE_KILL = 300;
const BATCHES_BEFORE_KILL = 200;
/** 16 streams × 1 event, as the child writes them. */
const EVENTS_PER_BATCH = 16;

describe('durability across a crash', () => {
  let ledger: Awaited<ReturnType<typeof aTempLedger>>;
  beforeEach(async () => {
    ledger = await aTempLedger();
  });
  afterEach(() => ledger.cleanup());

  it('keeps every acknowledged append when the writer is killed with SIGKILL mid-stream', async () => {
    const writer = startChild('appendUntilKilled.ts', ledger.path);
    const acknowledged = new Map<bigint, string>();
    try {
      for await (const line of linesOf(writer)) {
        const [position, eventId] = line.split(' ');
        acknowledged.set(BigInt(position!), eventId!);
        // Killed while it is still appending: the next append may be half-way through.
        if (acknowledged.size === ACKNOWLEDGED_BEFORE_KILL) break;
      }
    } finally {
      await kill(writer);
    }
    expect(acknowledged.size).toBe(ACKNOWLEDGED_BEFORE_KILL);

    const store = await openSqliteEventStore({ path: ledger.path });
    try {
      const log = await store.readAll();
      const found = new Map(log.map((event) => [event.position, event.eventId]));
      for (const [position, eventId] of acknowledged) expect(found.get(position)).toBe(eventId);
      // Lines still in the pipe were acknowledged too; whatever survived is a gap-free log.
      expect(log.map((event) => event.position)).toEqual(log.map((_, i) => BigInt(i + 1)));
      const next = await store.append('crash-0', events(1));
      expect(next.position).toBe(BigInt(log.length + 1));
    } finally {
      await store.close();
    }
  });

  it('leaves every multi-stream batch wholly present or wholly absent when the writer is killed with SIGKILL', async () => {
    const writer = startChild('appendBatchesUntilKilled.ts', ledger.path);
    let acknowledged = -1;
    try {
      for await (const line of linesOf(writer)) {
        acknowledged = Number(line);
        if (acknowledged + 1 === BATCHES_BEFORE_KILL) break;
      }
      // Kill once the next batch has reached the file twice: a writer that appended stream
      // by stream would by then have committed its first stream and not its last.
      const wal = watch(`${ledger.path}-wal`);
      const twoWrites = (async () => {
        await once(wal, 'change');
        await once(wal, 'change');
      })();
      await Promise.race([twoWrites, once(writer, 'exit')]);
      wal.close();
    } finally {
      await kill(writer);
    }
    expect(acknowledged + 1).toBe(BATCHES_BEFORE_KILL);

    const store = await openSqliteEventStore({ path: ledger.path });
    try {
      const byBatch = new Map<number, number>();
      for (const event of await store.readAll()) {
        const batch = (event.data as { i: number }).i;
        byBatch.set(batch, (byBatch.get(batch) ?? 0) + 1);
      }
      // Batches 0..acknowledged were acknowledged (the child may have gone further than the
      // lines read); the one being written at the kill is wholly there or wholly absent.
      for (let i = 0; i <= acknowledged; i++) expect(byBatch.get(i), `batch ${i}`).toBe(EVENTS_PER_BATCH);
      for (const [batch, count] of byBatch) expect(count, `batch ${batch}`).toBe(EVENTS_PER_BATCH);
    } finally {
      await store.close();
    }
  });
});
