import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { task } from '../lib/child.js';

/** The restart figure's baseline: open the SQLite store (the ledger file) and read its head. */
task<{ store: string }, { head: string }>(async ({ store: path }) => {
  const store = await openSqliteEventStore({ path });
  try {
    return { head: String(await store.headPosition()) };
  } finally {
    await store.close();
  }
});
