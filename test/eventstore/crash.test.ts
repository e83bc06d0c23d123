import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { kill, linesOf, startChild } from './childProcess.js';
import { aTempLedger, events } from './tempLedger.js';

const ACKNOWLEDGED_BEFORE_KILL = 300;

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
});
