import { KurrentDbEventStore } from '../../services/eventstore/kurrentdb/index.js';
import type { EventStore } from '../../services/eventstore/port.js';
import { eventStoreContract } from '../contract/eventStoreContract.js';
import { ScriptedKurrentDb } from './scriptedClient.js';

eventStoreContract('the KurrentDB adapter on a scripted server', async () => {
  const server = new ScriptedKurrentDb();
  const open = () => new KurrentDbEventStore(server.connect, { connectionString: 'kurrentdb://scripted:2113?tls=false' });
  const opened: EventStore[] = [open()];
  return {
    store: opened[0]!,
    reopen: async () => {
      const store = open();
      opened.push(store);
      return store;
    },
    capabilities: { eventIdsUniqueAcrossStreams: false },
    cleanup: async () => {
      for (const store of opened) await store.close();
    },
  };
});
