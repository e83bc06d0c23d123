import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { task } from '../lib/child.js';
import { type Memory, memoryAfterGc } from './memory.js';

export interface ReadAllReport {
  readonly events: number;
  readonly ms: number;
  readonly memory: Memory;
}

const PAGE = 1_000;

/**
 * The rebuild's baseline: read the whole log through the port in pages of 1,000 (as the
 * rebuild reads it), each event's data and metadata JSON-parsed by the store, and nothing else.
 */
task<{ store: string }, ReadAllReport>(async ({ store: path }) => {
  const store = await openSqliteEventStore({ path });
  try {
    const started = performance.now();
    let events = 0;
    let after = 0n;
    let checksum = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: PAGE });
      events += page.length;
      for (const e of page) checksum += e.type.length;
      if (page.length < PAGE) break;
      after = page.at(-1)!.position;
    }
    const ms = performance.now() - started;
    if (checksum === 0 && events > 0) throw new Error('read nothing');
    return { events, ms, memory: memoryAfterGc() };
  } finally {
    await store.close();
  }
});
