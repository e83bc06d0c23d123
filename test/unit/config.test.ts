import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../services/config.js';

describe('configuration', () => {
  it('has sane defaults: loopback, port 3000, a SQLite file under ./data, durable commits, no tokens', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      store: './data/sijill.db',
      synchronous: 'FULL',
      tokens: undefined,
      storeOpenTimeoutMs: 60_000,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ SIJILL_PORT: 'eighty' })).toThrow(/SIJILL_PORT/);
    expect(() => loadConfig({ SIJILL_TOKENS: 'short=bob:reader' })).toThrow(/SIJILL_TOKENS/);
    expect(() => loadConfig({ SIJILL_SYNCHRONOUS: 'OFF' })).toThrow(ConfigError);
    expect(() => loadConfig({ SIJILL_STORE_OPEN_TIMEOUT_MS: '-1' })).toThrow(/SIJILL_STORE_OPEN_TIMEOUT_MS/);
  });

  it('refuses a store given as a URL of a scheme it does not know, instead of making a folder of that name', () => {
    for (const store of ['sqlite:/tmp/ledger.db', 'file:./ledger.db', 'SQLITE3:x.db']) {
      expect(() => loadConfig({ SIJILL_STORE: store }), store).toThrow(
        /SIJILL_STORE: \w+: is not a store sijill knows: give the SQLite ledger's file path/,
      );
    }
    // Any scheme:// is read as a connection string, and one of no known engine is refused as such.
    for (const store of ['sqlite:///tmp/ledger.db', 'mysql://db/sijill']) {
      expect(() => loadConfig({ SIJILL_STORE: store }), store).toThrow(/SIJILL_STORE: .*unsupported scheme/);
    }
    // File paths, colons and all, are file paths.
    for (const store of [
      './data/sijill.db',
      '/var/lib/sijill/ledger.db',
      'C:/ledgers/sijill.db',
      'data/2024-01-01T00:00:00.db',
    ]) {
      expect(loadConfig({ SIJILL_STORE: store }).store).toBe(store);
    }
    expect(loadConfig({ SIJILL_STORE: 'postgres://u:p@localhost:5432/sijill' }).store).toMatch(/^postgres:/);
  });

  it('takes SIJILL_TOKEN, the token command-line tools present to a running service, and refuses an empty or spaced one', () => {
    expect(loadConfig({}).clientToken).toBeUndefined();
    expect(loadConfig({ SIJILL_TOKEN: 'reader-token-0123456789' }).clientToken).toBe('reader-token-0123456789');
    expect(() => loadConfig({ SIJILL_TOKEN: '' })).toThrow(/SIJILL_TOKEN: set but empty/);
    expect(() => loadConfig({ SIJILL_TOKEN: 'two tokens' })).toThrow(/SIJILL_TOKEN: must be one token/);
  });

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1'])('serves without tokens on loopback (%s)', (host) => {
    expect(loadConfig({ SIJILL_HOST: host }).host).toBe(host);
  });

  it('refuses to serve beyond loopback without authentication, unless told to', () => {
    expect(() => loadConfig({ SIJILL_HOST: '0.0.0.0' })).toThrow(/SIJILL_TOKENS.*SIJILL_ALLOW_UNAUTHENTICATED/s);
    expect(loadConfig({ SIJILL_HOST: '0.0.0.0', SIJILL_ALLOW_UNAUTHENTICATED: 'true' }).host).toBe('0.0.0.0');
    const withTokens = loadConfig({ SIJILL_HOST: '0.0.0.0', SIJILL_TOKENS: 'analyst-token-0123456789=amina:analyst' });
    expect(withTokens.tokens?.get('analyst-token-0123456789')).toEqual({ principal: 'amina', role: 'analyst' });
  });
});

/**
 * A set value that means nothing must stop the service with a message naming the variable,
 * never pass for the default (or for "configured"): each row is a setting an operator could
 * write by mistake, and the variable the message must name.
 */
describe('a setting that says nothing is an error, not the default', () => {
  const token = 'analyst-token-0123456789';
  it.each([
    ['no token at all, only commas', { SIJILL_TOKENS: ',' }, 'SIJILL_TOKENS', /names no token/],
    ['no token, beyond loopback', { SIJILL_TOKENS: ' , ', SIJILL_HOST: '0.0.0.0' }, 'SIJILL_TOKENS', /names no token/],
    ['an empty token list', { SIJILL_TOKENS: '' }, 'SIJILL_TOKENS', /set but empty/],
    [
      'the same token twice (the second would replace the first)',
      { SIJILL_TOKENS: `${token}=amina:analyst,${token}=bob:admin` },
      'SIJILL_TOKENS',
      /entry 2 repeats/,
    ],
    ['an empty port (zod would coerce it to 0: a random port)', { SIJILL_PORT: '' }, 'SIJILL_PORT', /set but empty/],
    ['a blank port', { SIJILL_PORT: '   ' }, 'SIJILL_PORT', /set but empty/],
    ['a hexadecimal port', { SIJILL_PORT: '0x10' }, 'SIJILL_PORT', /decimal digits/],
    ['an empty wait (0 would turn minPosition off)', { SIJILL_MIN_POSITION_WAIT_MS: '' }, 'SIJILL_MIN_POSITION_WAIT_MS', /empty/],
    ['a fractional body limit', { SIJILL_BODY_LIMIT: '1.5' }, 'SIJILL_BODY_LIMIT', /decimal digits/],
    ['an empty body limit', { SIJILL_BODY_LIMIT: '' }, 'SIJILL_BODY_LIMIT', /set but empty/],
    ['a blank host', { SIJILL_HOST: ' ' }, 'SIJILL_HOST', /set but empty/],
    ['a host with a space', { SIJILL_HOST: '127.0.0.1 ' }, 'SIJILL_HOST', /without spaces/],
    ['a blank store', { SIJILL_STORE: '  ' }, 'SIJILL_STORE', /set but empty/],
    ['an empty snapshot path', { SIJILL_SNAPSHOT: '' }, 'SIJILL_SNAPSHOT', /set but empty/],
    ['an empty webhooks database path', { SIJILL_WEBHOOKS_DB: '' }, 'SIJILL_WEBHOOKS_DB', /set but empty/],
    ['an allowlist of commas', { SIJILL_WEBHOOK_ALLOW: ',' }, 'SIJILL_WEBHOOK_ALLOW', /names no destination/],
    ['an empty allowlist', { SIJILL_WEBHOOK_ALLOW: '' }, 'SIJILL_WEBHOOK_ALLOW', /set but empty/],
    ['an empty log level', { SIJILL_LOG_LEVEL: '' }, 'SIJILL_LOG_LEVEL', /set but empty/],
    ['an empty SQLite synchronous mode', { SIJILL_SYNCHRONOUS: '' }, 'SIJILL_SYNCHRONOUS', /set but empty/],
    ['an empty opt-out', { SIJILL_ALLOW_UNAUTHENTICATED: '' }, 'SIJILL_ALLOW_UNAUTHENTICATED', /set but empty/],
    ['an empty heartbeat', { SIJILL_SSE_HEARTBEAT_MS: '' }, 'SIJILL_SSE_HEARTBEAT_MS', /set but empty/],
    ['an empty webhook timeout', { SIJILL_WEBHOOK_TIMEOUT_MS: '' }, 'SIJILL_WEBHOOK_TIMEOUT_MS', /set but empty/],
    [
      'a retry cap below the base (it used to be raised silently)',
      { SIJILL_WEBHOOK_RETRY_BASE_MS: '5000', SIJILL_WEBHOOK_RETRY_CAP_MS: '1000' },
      'SIJILL_WEBHOOK_RETRY_CAP_MS',
      /below SIJILL_WEBHOOK_RETRY_BASE_MS/,
    ],
    [
      'a request timeout shorter than the headers timeout',
      { SIJILL_REQUEST_TIMEOUT_MS: '1000', SIJILL_HEADERS_TIMEOUT_MS: '5000' },
      'SIJILL_REQUEST_TIMEOUT_MS',
      /below SIJILL_HEADERS_TIMEOUT_MS/,
    ],
    ['an empty body idle timeout', { SIJILL_BODY_IDLE_TIMEOUT_MS: '' }, 'SIJILL_BODY_IDLE_TIMEOUT_MS', /set but empty/],
    [
      'a misspelt name (the real setting would stay at its default)',
      { SIJILL_SYNCHRONUS: 'NORMAL' },
      'SIJILL_SYNCHRONUS',
      /did you mean SIJILL_SYNCHRONOUS/,
    ],
    ['an unknown name', { SIJILL_COLOUR: 'blue' }, 'SIJILL_COLOUR', /not a sijill setting/],
  ] as const)('%s', (_case, env, variable, why) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const line = (thrown as Error).message.split('\n').find((l) => l.trim().startsWith(`${variable}:`));
    expect(line, (thrown as Error).message).toMatch(why);
  });

  it('never prints a token in its message', () => {
    expect(() =>
      loadConfig({ SIJILL_TOKENS: 'analyst-token-0123456789=amina:analyst,analyst-token-0123456789=x:reader' }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('analyst-token-0123456789') }));
  });

  it.each([
    ['a trailing comma in a token list', { SIJILL_TOKENS: 'analyst-token-0123456789=amina:analyst,' }],
    ['variables of the test and benchmark tooling', { SIJILL_TEST_KURRENTDB: 'kurrentdb://x:2113', SIJILL_BENCH_CPU_PROF: '1' }],
    ['a port with surrounding blanks', { SIJILL_PORT: ' 8080 ' }],
    ['no request timeout at all (0)', { SIJILL_REQUEST_TIMEOUT_MS: '0' }],
  ] as const)('accepts %s', (_case, env) => {
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('reads the request timeouts, with defaults that let a large import arrive over a slow link', () => {
    expect(loadConfig({}).requestTimeouts).toEqual({ headersMs: 30_000, requestMs: 3_600_000, bodyIdleMs: 30_000 });
    expect(
      loadConfig({ SIJILL_HEADERS_TIMEOUT_MS: '1000', SIJILL_REQUEST_TIMEOUT_MS: '2000', SIJILL_BODY_IDLE_TIMEOUT_MS: '300' })
        .requestTimeouts,
    ).toEqual({ headersMs: 1_000, requestMs: 2_000, bodyIdleMs: 300 });
  });
});
