/** Opens the ledger, appends one event, prints `ready <position>`, and holds the file until killed. */
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '../../../services/eventstore/sqlite/index.js';

const store = await openSqliteEventStore({ path: process.argv[2]! });
const eventId = randomUUID();
const metadata = { principal: 'holder', correlationId: eventId, causationId: eventId };
const { position } = await store.append('holder-1', [{ eventId, type: 'Held', schemaVersion: 1, data: {}, metadata }]);
process.stdout.write(`ready ${position}\n`);
setInterval(() => {}, 60_000);
