/**
 * Appends multi-stream batches for ever — batch i writes an event to each of 16 streams in one
 * `appendMulti` — printing `<i>` after each resolves. The parent kills it with SIGKILL, most
 * likely in the middle of a batch, and checks that every batch is wholly there or wholly absent.
 */
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '../../../services/eventstore/sqlite/index.js';

const store = await openSqliteEventStore({ path: process.argv[2]! });
for (let i = 0; ; i++) {
  const metadata = { principal: 'crash-test', correlationId: `batch-${i}`, causationId: randomUUID() };
  await store.appendMulti(
    Array.from({ length: 16 }, (_, s) => ({
      streamId: `batch-${i}-${s}`,
      events: [{ eventId: randomUUID(), type: 'Ticked', schemaVersion: 1, data: { i, s }, metadata }],
      expectedRevision: 'no_stream' as const,
    })),
  );
  process.stdout.write(`${i}\n`);
}
