import { z } from 'zod';
import { isKurrentDbConnectionString, kurrentDbConnectionStringProblem } from './eventstore/kurrentdb/connectionString.js';
import { isPostgresConnectionString, postgresConnectionStringProblem } from './eventstore/postgres/connectionString.js';
import { Allowlist, DEFAULT_ALLOWLIST } from './webhooks/allowlist.js';
import type { WebhookOptions } from './webhooks/options.js';

/**
 * Configuration comes from the environment and is validated here, once, at start-up: a
 * mistyped variable stops the service with a message naming it instead of a surprise later.
 */
const Role = z.enum(['reader', 'analyst', 'admin']);
export type Role = z.infer<typeof Role>;

/** `token=principal:role` entries separated by commas, e.g. `s3cret=alice:analyst,r34d=bob:reader`. */
const Tokens = z
  .string()
  .transform((text, ctx) => {
    const tokens = new Map<string, { principal: string; role: Role }>();
    const entries = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const [i, entry] of entries.entries()) {
      const match = /^([^=\s]{16,})=([a-z0-9._@-]+):(reader|analyst|admin)$/.exec(entry);
      if (!match) {
        ctx.addIssue({
          code: 'custom',
          message: 'each entry must be token=principal:role with a token of 16+ characters and role reader, analyst or admin',
        });
        return z.NEVER;
      }
      // A second entry would silently take the first one's place: say so (without printing the secret).
      if (tokens.has(match[1]!)) {
        ctx.addIssue({ code: 'custom', message: `entry ${i + 1} repeats the token of an earlier entry` });
        return z.NEVER;
      }
      tokens.set(match[1]!, { principal: match[2]!, role: match[3] as Role });
    }
    // Set but naming no token (`,`) would serve with nobody able to authenticate — or, worse,
    // pass for "tokens configured" on 0.0.0.0.
    if (tokens.size === 0) {
      ctx.addIssue({ code: 'custom', message: 'names no token: give token=principal:role entries, or unset it' });
      return z.NEVER;
    }
    return tokens;
  })
  .describe('SIJILL_TOKENS');

/**
 * A whole number in decimal digits. `z.coerce.number()` would read `""` as 0 and `0x10` as
 * 16; a setting is digits or a mistake.
 */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number in decimal digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const Environment = z.object({
  SIJILL_HOST: z.string().regex(/^\S+$/, 'must be a host name or address, without spaces').default('127.0.0.1'),
  SIJILL_PORT: wholeNumber(0, 65535).default(3000),
  /**
   * A file path (the embedded SQLite ledger), a PostgreSQL connection string (`postgres://…`,
   * `postgresql://…`) or a KurrentDB connection string (`kurrentdb://…`, `esdb://…`).
   */
  SIJILL_STORE: z
    .string()
    .min(1)
    .default('./data/sijill.db')
    .superRefine((store, ctx) => {
      if (isPostgresConnectionString(store)) {
        const problem = postgresConnectionStringProblem(store);
        if (problem) ctx.addIssue({ code: 'custom', message: `not a valid PostgreSQL connection string: ${problem}` });
        return;
      }
      if (isKurrentDbConnectionString(store)) {
        const problem = kurrentDbConnectionStringProblem(store);
        if (problem) ctx.addIssue({ code: 'custom', message: `not a valid KurrentDB connection string: ${problem}` });
        return;
      }
      // A URL of another scheme (`sqlite:/…`, `file:…`, `mysql://…`) would be taken as a relative
      // file name, `./sqlite:/…`, and a ledger created there: refused, saying what is meant.
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(store.trim())?.[1];
      if (
        scheme &&
        (store
          .trim()
          .slice(scheme.length + 1)
          .startsWith('//') ||
          /^(sqlite3?|file)$/i.test(scheme))
      ) {
        ctx.addIssue({
          code: 'custom',
          message: `${scheme}: is not a store sijill knows: give the SQLite ledger's file path (e.g. ./data/sijill.db), or a postgres:// or kurrentdb:// connection string`,
        });
      }
    }),
  SIJILL_SNAPSHOT: z.string().min(1).optional(),
  SIJILL_STORE_OPEN_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  SIJILL_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  SIJILL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIJILL_BODY_LIMIT: wholeNumber(1, Number.MAX_SAFE_INTEGER).default(1024 * 1024),
  SIJILL_TOKENS: Tokens.optional(),
  /** The token a command-line tool presents to a running service (`npm run rebuild -- --from`); the service does not use it. */
  SIJILL_TOKEN: z.string().trim().min(1).regex(/^\S+$/, 'must be one token, without spaces').optional(),
  SIJILL_ALLOW_UNAUTHENTICATED: z.enum(['true', 'false']).default('false'),
  SIJILL_MIN_POSITION_WAIT_MS: wholeNumber(0, 60_000).default(5_000),
  SIJILL_WEBHOOKS_DB: z.string().min(1).optional(),
  SIJILL_BOUNDARIES: z.string().min(1).optional(),
  SIJILL_WEBHOOK_ALLOW: z
    .string()
    .default(DEFAULT_ALLOWLIST)
    .transform((text, ctx) => {
      try {
        const allowlist = Allowlist.parse(text);
        if (allowlist.entries.length === 0) {
          ctx.addIssue({
            code: 'custom',
            message: `names no destination: give host names, patterns, addresses or ranges, or unset it for the default (${DEFAULT_ALLOWLIST})`,
          });
          return z.NEVER;
        }
        return allowlist;
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  SIJILL_WEBHOOK_TIMEOUT_MS: wholeNumber(1, 300_000).default(10_000),
  SIJILL_WEBHOOK_RETRY_BASE_MS: wholeNumber(1, 3_600_000).default(1_000),
  SIJILL_WEBHOOK_RETRY_CAP_MS: wholeNumber(1, 86_400_000).default(300_000),
  SIJILL_WEBHOOK_MAX_ATTEMPTS: wholeNumber(1, 1_000).default(10),
  SIJILL_SSE_HEARTBEAT_MS: wholeNumber(10, 300_000).default(15_000),
  SIJILL_SSE_DRAIN_TIMEOUT_MS: wholeNumber(10, 600_000).default(30_000),
  SIJILL_HEADERS_TIMEOUT_MS: wholeNumber(1, 600_000).default(30_000),
  SIJILL_REQUEST_TIMEOUT_MS: wholeNumber(0, 86_400_000).default(3_600_000),
  SIJILL_BODY_IDLE_TIMEOUT_MS: wholeNumber(1, 3_600_000).default(30_000),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  /**
   * A file path for the embedded SQLite ledger, a PostgreSQL connection string (see
   * `isPostgresConnectionString`), or a KurrentDB connection string (see `isKurrentDbConnectionString`).
   */
  readonly store: string;
  /**
   * How long to keep trying to open a KurrentDB store that answers as unavailable (a cluster
   * still electing its leader, a node starting) before giving up; 0 fails at once. The
   * embedded SQLite file has its own lock timeout instead.
   */
  readonly storeOpenTimeoutMs: number;
  /** The read models' snapshot file; default `readmodels.snapshot` beside the ledger (`./data/` with KurrentDB). */
  readonly snapshot: string | undefined;
  readonly synchronous: 'FULL' | 'NORMAL';
  readonly logLevel: string;
  readonly bodyLimit: number;
  /** Bearer tokens; when absent the service runs open, every caller an admin named `local`. */
  readonly tokens: ReadonlyMap<string, { principal: string; role: Role }> | undefined;
  /** `SIJILL_TOKEN`: the bearer token this process's command-line tools present to a running service, if any. */
  readonly clientToken: string | undefined;
  readonly minPositionWaitMs: number;
  /** Webhook delivery; `db` is the webhooks database file (default `webhooks.db` beside the ledger). */
  readonly webhooks: WebhookOptions & { readonly db: string | undefined };
  /** Server-Sent Events: heartbeat interval; how long a subscriber may leave its buffer full before it is disconnected. */
  readonly sse: { readonly heartbeatMs: number; readonly drainTimeoutMs: number };
  /** How long a client may take to send a request (see `services/http/requestTimeouts.ts`). */
  readonly requestTimeouts: RequestTimeouts;
  /**
   * A folder of COD-AB admin boundary shapefiles (`*admin{1,2,3}.shp` + `.dbf`) the dataset
   * importers match points against (`SIJILL_BOUNDARIES`); absent: places are matched by
   * nearest centroid and name only.
   */
  readonly boundaries: string | undefined;
}

/** Limits on receiving a request; responses (a long `minPosition` wait, an SSE feed) are not limited by them. */
export interface RequestTimeouts {
  /** The request line and headers must arrive within this. @defaultValue 30_000 ms */
  readonly headersMs: number;
  /**
   * The whole request, headers and body, must arrive within this; 0 means no limit. Generous,
   * so a large import over a slow link fits; a body that stops arriving is ended sooner by
   * `bodyIdleMs`. @defaultValue 3_600_000 ms (1 h)
   */
  readonly requestMs: number;
  /** A request body that sends nothing for this long is answered 408. @defaultValue 30_000 ms */
  readonly bodyIdleMs: number;
}

/** Addresses only this machine can reach: without tokens, the service listens only there. */
const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** `SIJILL_*` variables read by test and benchmark tooling, not by the service. */
const TOOLING = /^SIJILL_(TEST|BENCH)_/;

/** Edit distance, for "did you mean". */
const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
};

/**
 * Settings that are set but say nothing: a misspelt name (which would leave the real one at
 * its default) and an empty or blank value (which zod would read as `""` or, coerced, 0).
 * Either is a mistake to report, never a request for the default: unset a variable for that.
 */
const meaninglessSettings = (env: NodeJS.ProcessEnv): string[] => {
  const known = Object.keys(Environment.shape);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('SIJILL_') || TOOLING.test(name) || value === undefined) continue;
    if (!known.includes(name)) {
      const near = known.filter((k) => distance(k, name) <= 3).sort((a, b) => distance(a, name) - distance(b, name))[0];
      problems.push(`${name}: not a sijill setting${near ? ` (did you mean ${near}?)` : ''}`);
    } else if (value.trim() === '') {
      problems.push(`${name}: set but empty; unset it to use the default`);
    }
  }
  return problems;
};

const invalid = (lines: readonly string[]) => new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);

/**
 * Read and check the configuration. Throws `ConfigError` listing every problem, each line
 * naming its variable.
 */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const meaningless = meaninglessSettings(env);
  if (meaningless.length > 0) throw invalid(meaningless);
  const parsed = Environment.safeParse(env);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  const contradictions = [
    e.SIJILL_WEBHOOK_RETRY_CAP_MS < e.SIJILL_WEBHOOK_RETRY_BASE_MS &&
      `SIJILL_WEBHOOK_RETRY_CAP_MS: ${e.SIJILL_WEBHOOK_RETRY_CAP_MS} is below SIJILL_WEBHOOK_RETRY_BASE_MS (${e.SIJILL_WEBHOOK_RETRY_BASE_MS})`,
    e.SIJILL_REQUEST_TIMEOUT_MS !== 0 &&
      e.SIJILL_REQUEST_TIMEOUT_MS < e.SIJILL_HEADERS_TIMEOUT_MS &&
      `SIJILL_REQUEST_TIMEOUT_MS: ${e.SIJILL_REQUEST_TIMEOUT_MS} is below SIJILL_HEADERS_TIMEOUT_MS (${e.SIJILL_HEADERS_TIMEOUT_MS}); the whole request includes its headers`,
  ].filter((line): line is string => typeof line === 'string');
  if (contradictions.length > 0) throw invalid(contradictions);
  if (!e.SIJILL_TOKENS && !isLoopback(e.SIJILL_HOST) && e.SIJILL_ALLOW_UNAUTHENTICATED !== 'true') {
    throw new ConfigError(
      `invalid configuration:\n  SIJILL_HOST=${e.SIJILL_HOST} would serve beyond this machine without authentication: ` +
        'set SIJILL_TOKENS (token=principal:role,…), or SIJILL_ALLOW_UNAUTHENTICATED=true to accept that (e.g. inside a closed container network)',
    );
  }
  return {
    host: e.SIJILL_HOST,
    port: e.SIJILL_PORT,
    store: e.SIJILL_STORE,
    storeOpenTimeoutMs: e.SIJILL_STORE_OPEN_TIMEOUT_MS,
    snapshot: e.SIJILL_SNAPSHOT,
    synchronous: e.SIJILL_SYNCHRONOUS,
    logLevel: e.SIJILL_LOG_LEVEL,
    bodyLimit: e.SIJILL_BODY_LIMIT,
    tokens: e.SIJILL_TOKENS,
    clientToken: e.SIJILL_TOKEN,
    minPositionWaitMs: e.SIJILL_MIN_POSITION_WAIT_MS,
    webhooks: {
      db: e.SIJILL_WEBHOOKS_DB,
      allowlist: e.SIJILL_WEBHOOK_ALLOW,
      timeoutMs: e.SIJILL_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.SIJILL_WEBHOOK_RETRY_BASE_MS,
      retryCapMs: e.SIJILL_WEBHOOK_RETRY_CAP_MS,
      maxAttempts: e.SIJILL_WEBHOOK_MAX_ATTEMPTS,
    },
    sse: { heartbeatMs: e.SIJILL_SSE_HEARTBEAT_MS, drainTimeoutMs: e.SIJILL_SSE_DRAIN_TIMEOUT_MS },
    requestTimeouts: {
      headersMs: e.SIJILL_HEADERS_TIMEOUT_MS,
      requestMs: e.SIJILL_REQUEST_TIMEOUT_MS,
      bodyIdleMs: e.SIJILL_BODY_IDLE_TIMEOUT_MS,
    },
    boundaries: e.SIJILL_BOUNDARIES,
  };
};
