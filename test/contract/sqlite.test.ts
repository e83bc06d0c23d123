import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../services/eventstore/port.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { eventStoreContract } from './eventStoreContract.js';

eventStoreContract('the embedded SQLite store', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sijill-contract-'));
  const path = join(dir, 'nested', 'ledger.db');
  const opened: EventStore[] = [await openSqliteEventStore({ path })];
  return {
    store: opened[0]!,
    reopen: async () => {
      const store = await openSqliteEventStore({ path });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
