export { isPostgresConnectionString, postgresConnectionStringProblem } from './connectionString.js';
export { openPostgresEventStore } from './openPostgresEventStore.js';
export type { PostgresEventStoreOptions } from './options.js';
export { PostgresEventStore, type ReaderLag } from './store.js';
