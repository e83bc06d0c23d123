import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The suite's own dependencies (autocannon, Emmett's SQLite store and sqlite3) live in
 * `bench/package.json`, so the service's install stays lean; `npm run bench` installs them
 * with `npm --prefix bench ci` when they are missing. They are imported by name at run time
 * and typed here with the few members the suite uses, so the project typechecks without them.
 */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

export const benchDepsInstalled = () => existsSync(join(BENCH_DIR, 'node_modules', '.package-lock.json'));

/**
 * Emmett's PostgreSQL event store has an install of its own (`bench/peers/emmett-postgresql/`):
 * it needs `@event-driven-io/emmett` 0.42.0 as a peer, the SQLite peer above needs 0.38.5, and
 * one install holds one version of a peer dependency.
 */
export const EMMETT_POSTGRES_DIR = join(BENCH_DIR, 'peers', 'emmett-postgresql');

export const emmettPostgresInstalled = () => existsSync(join(EMMETT_POSTGRES_DIR, 'node_modules', '.package-lock.json'));

// Through a variable, so neither TypeScript nor a bundler resolves these at build time.
const importByName = async (name: string): Promise<unknown> => import(name);

export interface Histogram {
  readonly average: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly total: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  /** Seconds. */
  readonly duration: number;
  readonly pipelining?: number;
  /** Seconds. */
  readonly timeout?: number;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly requests?: readonly {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  }[];
}

export interface AutocannonResult {
  readonly requests: Histogram;
  readonly latency: Histogram;
  readonly throughput: Histogram;
  /** Seconds. */
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly '2xx': number;
  readonly statusCodeStats: Record<string, { count: number }>;
}

/**
 * A run: awaited for its result; meanwhile it emits `response` for every response, with its
 * status code, bytes and time in milliseconds (from `process.hrtime`, not rounded).
 */
export interface AutocannonRun extends PromiseLike<AutocannonResult> {
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void,
  ): AutocannonRun;
}

export type Autocannon = (options: AutocannonOptions) => AutocannonRun;

export const loadAutocannon = async (): Promise<Autocannon> =>
  ((await importByName('autocannon')) as { default: Autocannon }).default;

export interface EmmettEvent {
  readonly type: string;
  readonly data: object;
  readonly metadata?: object;
}

/** What the figures use of an Emmett event store (the SQLite and the PostgreSQL one alike). */
export interface EmmettEventStore {
  appendToStream(
    streamName: string,
    events: EmmettEvent[],
    options?: { expectedStreamVersion?: bigint },
  ): Promise<{ nextExpectedStreamVersion: bigint; lastEventGlobalPosition: bigint }>;
}

export interface EmmettSqlite {
  getSQLiteEventStore(options: { fileName: string }): EmmettEventStore;
}

export const loadEmmettSqlite = async (): Promise<EmmettSqlite> =>
  (await importByName('@event-driven-io/emmett-sqlite')) as EmmettSqlite;

export interface Sqlite3Database {
  get(sql: string, callback: (error: Error | null, row: Record<string, unknown>) => void): void;
  close(callback: (error: Error | null) => void): void;
}

export const loadSqlite3 = async (): Promise<{ Database: new (path: string) => Sqlite3Database; VERSION: string }> =>
  ((await importByName('sqlite3')) as { default: { Database: new (path: string) => Sqlite3Database; VERSION: string } }).default;

export interface EmmettPostgresStore extends EmmettEventStore {
  close(): Promise<void>;
}

export interface EmmettPostgres {
  getPostgreSQLEventStore(connectionString: string): EmmettPostgresStore;
}

/** Emmett's PostgreSQL store, from its own install (resolved from there, not from the suite's). */
export const loadEmmettPostgres = async (): Promise<EmmettPostgres> => {
  const entry = createRequire(join(EMMETT_POSTGRES_DIR, 'package.json')).resolve('@event-driven-io/emmett-postgresql');
  const module = (await import(pathToFileURL(entry).href)) as EmmettPostgres & { default?: EmmettPostgres };
  return module.default?.getPostgreSQLEventStore ? module.default : module;
};

/** The installed version of a package of the suite's install, or of the install in `dir`. */
export const packageVersion = async (name: string, dir = BENCH_DIR): Promise<string> => {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
};
