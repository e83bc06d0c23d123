/** Tries to open the ledger with the adapter and prints the outcome as one JSON line. */
import { openSqliteEventStore } from '../../../services/eventstore/sqlite/index.js';

try {
  const store = await openSqliteEventStore({ path: process.argv[2]!, lockTimeoutMs: 0 });
  await store.close();
  process.stdout.write(`${JSON.stringify({ opened: true })}\n`);
} catch (error) {
  const { name, message } = error as Error;
  process.stdout.write(`${JSON.stringify({ opened: false, name, message })}\n`);
}
