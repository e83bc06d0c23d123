export { isKurrentDbConnectionString, kurrentDbConnectionStringProblem } from './connectionString.js';
export { openKurrentDbEventStore } from './openKurrentDbEventStore.js';
export type { KurrentDbEventStoreOptions } from './options.js';
export { KurrentDbEventStore } from './store.js';
