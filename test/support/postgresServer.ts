import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * Where the PostgreSQL tests run: the server in `SIJILL_TEST_POSTGRES` (a connection string
 * whose user may create databases), else a throwaway server started here — `initdb` into a
 * temporary directory, `pg_ctl start` on a free port, stopped and removed at the end — when
 * the PostgreSQL binaries are on this machine (`.ci/run` installs them when missing), else
 * nowhere: the suites are then skipped with the reason printed.
 *
 * PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user.
 */
export interface PostgresServer {
  /** Where it runs, for the test output. */
  readonly where: string;
  /** A fresh, empty database on the server; its connection string. */
  createDatabase(): Promise<string>;
  /** `pg_ctl restart` (throwaway servers only): every connection is dropped, the data stays. */
  restart(): Promise<void>;
  /** Stop a throwaway server and remove its directory; for a given server, drop the databases made here. */
  stop(): Promise<void>;
}

/** How to run a throwaway server. */
export interface ThrowawayOptions {
  /**
   * Keep PostgreSQL's durable defaults (`fsync`, `full_page_writes` on): for the benchmarks,
   * whose appends must cost what they cost in production. Tests turn them off (a throwaway
   * server's durability is not under test, and the machine is shared). A server given in
   * SIJILL_TEST_POSTGRES runs as it is configured. @defaultValue false
   */
  readonly durable?: boolean;
}

export type PostgresTarget =
  | { readonly available: true; readonly where: string; start(options?: ThrowawayOptions): Promise<PostgresServer> }
  | { readonly available: false; readonly reason: string };

const redacted = (connectionString: string) => connectionString.replace(/\/\/[^@/]*@/, '//***@');

/** The directory holding `initdb` and `pg_ctl`: PATH first, then Debian's versioned directories. */
export const postgresBinaries = (): string | undefined => {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian)
    .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(debian, versions[0], 'bin');
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** Run a PostgreSQL binary, as the `postgres` user when we are root. */
const runAsOwner = async (bin: string, args: string[]): Promise<void> => {
  if (userInfo().uid === 0) {
    await run('su', ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map(shellQuote).join(' ')]);
  } else {
    await run(bin, args);
  }
};

const createDatabaseOn = async (admin: string, made: string[], base: URL): Promise<string> => {
  const name = `sijill_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  made.push(name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};

const throwaway = (bin: string, { durable = false }: ThrowawayOptions): PostgresServer & { boot(): Promise<void> } => {
  let dir = '';
  let port = 0;
  const made: string[] = [];
  const pgCtl = join(bin, 'pg_ctl');
  const data = () => join(dir, 'data');
  const options = () =>
    // Sockets in our own directory; fsync off unless durable: a throwaway server's durability is
    // not under test (a pg_ctl restart is a clean shutdown), and the machine is shared.
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durable ? '' : ' -c fsync=off -c full_page_writes=off'} -c max_connections=300`;
  const admin = () => `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    get where() {
      return `a throwaway PostgreSQL (${bin}) on port ${port}`;
    },
    async boot() {
      dir = await mkdtemp(join(tmpdir(), 'sijill-pg-'));
      if (userInfo().uid === 0) await chown(dir, Number((await run('id', ['-u', 'postgres'])).stdout), 0);
      port = await freePort();
      await runAsOwner(join(bin, 'initdb'), ['-D', data(), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
      await runAsOwner(pgCtl, ['-D', data(), '-o', options(), '-l', join(dir, 'server.log'), '-w', 'start']);
    },
    createDatabase: () => createDatabaseOn(admin(), made, new URL(admin())),
    async restart() {
      await runAsOwner(pgCtl, ['-D', data(), '-o', options(), '-l', join(dir, 'server.log'), '-m', 'fast', '-w', 'restart']);
    },
    async stop() {
      if (!dir) return;
      await runAsOwner(pgCtl, ['-D', data(), '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      dir = '';
    },
  };
};

export const findPostgres = (): PostgresTarget => {
  const given = process.env.SIJILL_TEST_POSTGRES;
  if (given) {
    const made: string[] = [];
    return {
      available: true,
      where: `the server in SIJILL_TEST_POSTGRES (${redacted(given)})`,
      start: async () => ({
        where: `the server in SIJILL_TEST_POSTGRES (${redacted(given)})`,
        createDatabase: () => createDatabaseOn(given, made, new URL(given)),
        restart: async () => {
          throw new Error('cannot restart the server in SIJILL_TEST_POSTGRES');
        },
        stop: async () => {
          const client = new pg.Client({ connectionString: given });
          await client.connect();
          try {
            for (const name of made.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          } finally {
            await client.end();
          }
        },
      }),
    };
  }
  const bin = postgresBinaries();
  if (!bin) {
    return {
      available: false,
      reason: 'no PostgreSQL binaries (initdb, pg_ctl) on this machine and SIJILL_TEST_POSTGRES is not set',
    };
  }
  return {
    available: true,
    where: `a throwaway PostgreSQL from ${bin}`,
    start: async (options = {}) => {
      const server = throwaway(bin, options);
      try {
        await server.boot();
      } catch (error) {
        await server.stop();
        throw error;
      }
      return server;
    },
  };
};

/** Whether the server can be restarted by the tests (only a throwaway one). */
export const canRestart = (): boolean => !process.env.SIJILL_TEST_POSTGRES;

/** Find the target once per test file and say, in the run's output, where the suite runs or why it does not. */
export const postgresForSuite = (suite: string): PostgresTarget => {
  const target = findPostgres();
  if (target.available) console.info(`[${suite}] running against ${target.where}`);
  else console.warn(`[${suite}] SKIPPED: ${target.reason}`);
  return target;
};
