import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../services/config.js';
import { Allowlist, DEFAULT_ALLOWLIST, destinationProblem, isPublicAddress } from '../../services/webhooks/allowlist.js';
import { backoffMs } from '../../services/webhooks/backoff.js';
import { webhooksPathOf } from '../../services/webhooks/openWebhooks.js';
import { generateSecret, keyOf, secretProblem, signatureOf } from '../../services/webhooks/secret.js';

describe('signatures', () => {
  it('match the reference implementation for generated and given secrets', () => {
    const body = JSON.stringify({ position: '42', type: 'ClaimRecorded', data: { quote: 'السيطرة على 80 بالمئة' } });
    const at = new Date('2026-01-02T03:04:05Z');
    for (const secret of [
      generateSecret(),
      `whsec_${Buffer.alloc(24, 1).toString('base64')}`,
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ]) {
      expect(secretProblem(secret)).toBeNull();
      const ours = signatureOf(keyOf(secret), 'msg_p5jXN8AQM9LWM0D4loKWxJek', at.getTime() / 1000, body);
      expect(ours).toBe(new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', at, body));
    }
  });

  it('generate 32-byte secrets in the whsec_ form, each different', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(keyOf(secret)).toHaveLength(32);
  });

  it('refuse secrets outside the form or too short or long', () => {
    expect(secretProblem('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toMatch(/whsec_/);
    expect(secretProblem(`whsec_${Buffer.alloc(23).toString('base64')}`)).toMatch(/24 to 64 bytes/);
    expect(secretProblem(`whsec_${Buffer.alloc(65).toString('base64')}`)).toMatch(/24 to 64 bytes/);
    expect(secretProblem('whsec_abc$def')).toMatch(/base64/);
  });
});

describe('backoff', () => {
  it('is full jitter under an exponential ceiling, capped', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, 300_000, () => 0.999999))).toEqual([999, 1999, 3999, 7999]);
    expect(backoffMs(30, 1000, 300_000, () => 0.999999)).toBe(299_999);
    expect(backoffMs(10_000, 1000, 300_000, () => 0.5)).toBe(150_000);
    expect(backoffMs(3, 1000, 300_000, () => 0)).toBe(0);
  });
});

describe('the allowlist', () => {
  const loopback = Allowlist.parse(DEFAULT_ALLOWLIST);

  it('by default permits loopback only, by name and by address', () => {
    for (const host of ['localhost', 'LOCALHOST.', '127.0.0.1', '127.255.0.9', '[::1]', '[::ffff:7f00:1]']) {
      expect(loopback.permitsHost(host), host).toBe(true);
    }
    for (const host of ['example.com', '10.0.0.1', '0.0.0.0', '[::]', '[fe80::1]', 'localhost.example.com', '169.254.169.254']) {
      expect(loopback.permitsHost(host), host).toBe(false);
    }
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(loopback.permitsAddress(address)).toBe(true);
    for (const address of ['10.1.2.3', '::ffff:10.1.2.3', 'fd00::1', '169.254.169.254']) {
      expect(loopback.permitsAddress(address), address).toBe(false);
    }
  });

  it('matches *.suffix patterns below the suffix only, and checks resolved addresses against the ranges', () => {
    const list = Allowlist.parse('*.example.org, hooks.example.net, 10.20.0.0/16');
    expect(list.permitsHost('a.example.org')).toBe(true);
    expect(list.permitsHost('a.b.example.org')).toBe(true);
    expect(list.permitsHost('example.org')).toBe(false);
    expect(list.permitsHost('badexample.org')).toBe(false);
    expect(list.permitsHost('hooks.example.net')).toBe(true);
    expect(list.permitsHost('10.20.3.4')).toBe(true);
    expect(list.permitsHost('10.21.3.4')).toBe(false);
    // A listed name may resolve to a public address or a listed range, never to another inward address.
    expect(list.permitsAddress('93.184.215.14')).toBe(true);
    expect(list.permitsAddress('10.20.9.9')).toBe(true);
    for (const address of ['127.0.0.1', '10.21.0.1', '192.168.1.1', '100.64.0.1', '::1', 'fc00::1', '64:ff9b::a00:1']) {
      expect(list.permitsAddress(address), address).toBe(false);
    }
  });

  it('with *, permits any name and public addresses, still nothing inward', () => {
    const any = Allowlist.parse('*');
    expect(any.permitsHost('anything.example')).toBe(true);
    expect(any.permitsHost('8.8.8.8')).toBe(true);
    expect(any.permitsHost('127.0.0.1')).toBe(false);
    expect(any.permitsHost('[::ffff:192.168.0.1]')).toBe(false);
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    // Issue 9 §19: addresses that carry an inward IPv4 address inside IPv6.
    for (const address of [
      '::127.0.0.1',
      '::169.254.169.254',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      '2001::1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
      expect(any.permitsAddress(address), address).toBe(false);
    }
    for (const address of ['127.1', '0x7f.0.0.1', 'localhost', '']) expect(isPublicAddress(address), address).toBe(false);
    expect(isPublicAddress('::ffff:8.8.8.8')).toBe(true);
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('2001:db8::1')).toBe(false);
  });

  it('explains refused URLs', () => {
    expect(destinationProblem('http://127.0.0.1:8080/hook?x=1', loopback)).toBeNull();
    expect(destinationProblem('gopher://127.0.0.1/', loopback)).toMatch(/http or https/);
    expect(destinationProblem('http://example.com/', loopback)).toMatch(/not in the webhook allowlist/);
  });

  it('is configuration: a bad entry stops the service naming the variable', () => {
    for (const bad of ['10.0.0.0/33', 'exa mple.com', '*.', '1.2.3.4/x', '*.*.example.org']) {
      expect(() => loadConfig({ SIJILL_WEBHOOK_ALLOW: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ SIJILL_WEBHOOK_ALLOW: bad }), bad).toThrow(/SIJILL_WEBHOOK_ALLOW/);
    }
  });
});

describe('the webhooks database', () => {
  it('lives beside a ledger file, in ./data for a store given as a connection string, or where configured', () => {
    expect(webhooksPathOf(loadConfig({ SIJILL_STORE: '/srv/sijill/ledger.db' }))).toBe('/srv/sijill/webhooks.db');
    expect(webhooksPathOf(loadConfig({ SIJILL_STORE: 'kurrentdb://db.internal:2113?tls=false' }))).toBe('./data/webhooks.db');
    expect(webhooksPathOf(loadConfig({ SIJILL_WEBHOOKS_DB: '/etc/sijill/hooks.db' }))).toBe('/etc/sijill/hooks.db');
  });
});
