export { openSqliteEventStore } from './openSqliteEventStore.js';
export type { SqliteEventStoreOptions } from './options.js';
export { SqliteEventStore } from './store.js';
