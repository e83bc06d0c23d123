import { z } from 'zod';
import { isKurrentDbConnectionString, kurrentDbConnectionStringProblem } from './eventstore/kurrentdb/connectionString.js';
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
    for (const entry of text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const match = /^([^=\s]{16,})=([a-z0-9._@-]+):(reader|analyst|admin)$/.exec(entry);
      if (!match) {
        ctx.addIssue({
          code: 'custom',
          message: 'each entry must be token=principal:role with a token of 16+ characters and role reader, analyst or admin',
        });
        return z.NEVER;
      }
      tokens.set(match[1]!, { principal: match[2]!, role: match[3] as Role });
    }
    return tokens;
  })
  .describe('SIJILL_TOKENS');

const Environment = z.object({
  SIJILL_HOST: z.string().min(1).default('127.0.0.1'),
  SIJILL_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** A file path (the embedded SQLite ledger) or a KurrentDB connection string (`kurrentdb://…`, `esdb://…`). */
  SIJILL_STORE: z
    .string()
    .min(1)
    .default('./data/sijill.db')
    .superRefine((store, ctx) => {
      const problem = isKurrentDbConnectionString(store) ? kurrentDbConnectionStringProblem(store) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: `not a valid KurrentDB connection string: ${problem}` });
    }),
  SIJILL_SNAPSHOT: z.string().min(1).optional(),
  SIJILL_STORE_OPEN_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  SIJILL_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  SIJILL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIJILL_BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SIJILL_TOKENS: Tokens.optional(),
  SIJILL_ALLOW_UNAUTHENTICATED: z.enum(['true', 'false']).default('false'),
  SIJILL_MIN_POSITION_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  SIJILL_WEBHOOKS_DB: z.string().min(1).optional(),
  SIJILL_WEBHOOK_ALLOW: z
    .string()
    .default(DEFAULT_ALLOWLIST)
    .transform((text, ctx) => {
      try {
        return Allowlist.parse(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  SIJILL_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).max(300_000).default(10_000),
  SIJILL_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(1_000),
  SIJILL_WEBHOOK_RETRY_CAP_MS: z.coerce.number().int().min(1).max(86_400_000).default(300_000),
  SIJILL_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1_000).default(10),
  SIJILL_SSE_HEARTBEAT_MS: z.coerce.number().int().min(10).max(300_000).default(15_000),
  SIJILL_SSE_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(30_000),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  /** A file path for the embedded SQLite ledger, or a KurrentDB connection string (see `isKurrentDbConnectionString`). */
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
  readonly minPositionWaitMs: number;
  /** Webhook delivery; `db` is the webhooks database file (default `webhooks.db` beside the ledger). */
  readonly webhooks: WebhookOptions & { readonly db: string | undefined };
  /** Server-Sent Events: heartbeat interval; how long a subscriber may leave its buffer full before it is disconnected. */
  readonly sse: { readonly heartbeatMs: number; readonly drainTimeoutMs: number };
}

/** Addresses only this machine can reach: without tokens, the service listens only there. */
const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
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
    minPositionWaitMs: e.SIJILL_MIN_POSITION_WAIT_MS,
    webhooks: {
      db: e.SIJILL_WEBHOOKS_DB,
      allowlist: e.SIJILL_WEBHOOK_ALLOW,
      timeoutMs: e.SIJILL_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.SIJILL_WEBHOOK_RETRY_BASE_MS,
      retryCapMs: Math.max(e.SIJILL_WEBHOOK_RETRY_CAP_MS, e.SIJILL_WEBHOOK_RETRY_BASE_MS),
      maxAttempts: e.SIJILL_WEBHOOK_MAX_ATTEMPTS,
    },
    sse: { heartbeatMs: e.SIJILL_SSE_HEARTBEAT_MS, drainTimeoutMs: e.SIJILL_SSE_DRAIN_TIMEOUT_MS },
  };
};
