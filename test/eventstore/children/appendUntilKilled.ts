/**
 * Appends one event at a time for ever, printing `<position> <eventId>` after each append
 * resolves (i.e. once it is acknowledged as durable). The parent kills it with SIGKILL.
 * stdout on a pipe is synchronous on Linux, so a printed line was acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '../../../services/eventstore/sqlite/index.js';

const store = await openSqliteEventStore({ path: process.argv[2]! });
for (let i = 0; ; i++) {
  const eventId = randomUUID();
  const metadata = { principal: 'crash-test', correlationId: eventId, causationId: eventId };
  const { position } = await store.append(`crash-${i % 7}`, [
    { eventId, type: 'Ticked', schemaVersion: 1, data: { i }, metadata },
  ]);
  process.stdout.write(`${position} ${eventId}\n`);
}
