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
