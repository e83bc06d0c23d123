import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/ledger.js';
import { ADMIN, admin, appendEvents, type OpenApp, openAppIn, READER, registered, untilStatus } from './harness.js';
import { aReceiver, type Receiver } from './receiver.js';

let given: OpenApp | undefined;
let receiver: Receiver | undefined;
let cleanup: (() => Promise<void>) | undefined;

const start = async (env: Record<string, string> = {}, logger?: pino.Logger) => {
  const temp = await tempDir('sijill-webhooks-');
  cleanup = temp.cleanup;
  given = await openAppIn(temp.dir, env, logger);
  return given;
};

afterEach(async () => {
  await given?.close();
  await receiver?.close();
  await cleanup?.();
  given = receiver = cleanup = undefined;
});

const ROUTES = [
  ['POST', '/v1/admin/webhooks'],
  ['GET', '/v1/admin/webhooks'],
  ['GET', '/v1/admin/webhooks/some-id'],
  ['DELETE', '/v1/admin/webhooks/some-id'],
  ['GET', '/v1/admin/webhooks/some-id/parked'],
  ['POST', '/v1/admin/webhooks/some-id/parked/1/replay'],
  ['POST', '/v1/admin/webhooks/some-id/parked/replay'],
] as const;

describe('webhook administration', () => {
  it('is for admins only: a reader gets 403, a caller without a token 401', async () => {
    const app = await start();
    for (const [method, url] of ROUTES) {
      const payload = method === 'POST' && url.endsWith('webhooks') ? { url: 'http://127.0.0.1:9/' } : undefined;
      const asReader = await app.app.inject({ method, url, headers: { authorization: `Bearer ${READER}` }, payload });
      expect(asReader.statusCode, `${method} ${url}`).toBe(403);
      expect(asReader.json().code).toBe('forbidden');
      expect((await app.app.inject({ method, url, payload })).statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await admin(app, 'GET', '/v1/admin/webhooks')).json()).toEqual({ webhooks: [] });
  });

  it('by default refuses every destination outside loopback (422 naming the url), and anything but plain http(s)', async () => {
    const app = await start();
    for (const url of [
      'http://example.com/hooks',
      'https://93.184.215.14/hooks',
      'http://10.0.0.1/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00::1]/hooks',
      'http://localhost.example.com/hooks',
      'ftp://127.0.0.1/hooks',
      'file:///etc/passwd',
      'http://user:password@127.0.0.1/hooks',
      'http://127.0.0.1/hooks#fragment',
      'not a url',
    ]) {
      const refused = await admin(app, 'POST', '/v1/admin/webhooks', { url });
      expect(refused.statusCode, url).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'url_not_allowed', errors: [{ field: '/url', in: 'body' }] });
    }
    for (const url of ['http://127.0.0.1:9/a', 'http://127.1.2.3:9/a', 'http://[::1]:9/a', 'https://localhost:9/a']) {
      expect((await admin(app, 'POST', '/v1/admin/webhooks', { url })).statusCode, url).toBe(201);
    }
  });

  it('with SIJILL_WEBHOOK_ALLOW=*, refuses every inward address however it is written (issue 9 §19)', async () => {
    const app = await start({ SIJILL_WEBHOOK_ALLOW: '*' });
    for (const url of [
      'http://[::127.0.0.1]/', // IPv4-compatible IPv6 (::/96) of loopback
      'http://[::169.254.169.254]/', // …of the cloud metadata address
      'http://[::ffff:169.254.169.254]/', // IPv4-mapped
      'http://[64:ff9b::a9fe:a9fe]/', // NAT64 of 169.254.169.254
      'http://[2002:a9fe:a9fe::]/', // 6to4 of 169.254.169.254
      'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', // Teredo
      'http://100.64.0.1/', // shared address space
      'http://0.0.0.0/',
      'http://[::]/',
      'http://255.255.255.255/',
      'http://127.1/', // a shorthand the URL parser turns into 127.0.0.1
    ]) {
      const refused = await admin(app, 'POST', '/v1/admin/webhooks', { url });
      expect(refused.statusCode, url).toBe(422);
      expect(refused.json(), url).toMatchObject({ code: 'url_not_allowed', errors: [{ field: '/url' }] });
    }
    expect((await admin(app, 'POST', '/v1/admin/webhooks', { url: 'https://[2606:4700::1111]/hooks' })).statusCode).toBe(201);
    expect((await admin(app, 'POST', '/v1/admin/webhooks', { url: 'https://hooks.example.org/x' })).statusCode).toBe(201);
  });

  it('follows a configured allowlist of names and *.suffix patterns', async () => {
    const app = await start({ SIJILL_WEBHOOK_ALLOW: '*.example.org, hooks.example.net' });
    const answer = async (url: string) => (await admin(app, 'POST', '/v1/admin/webhooks', { url })).statusCode;
    expect(await answer('https://a.example.org/x')).toBe(201);
    expect(await answer('https://deep.a.example.org/x')).toBe(201);
    expect(await answer('https://HOOKS.example.net./x')).toBe(201);
    expect(await answer('https://example.org/x')).toBe(422);
    expect(await answer('https://evilexample.org/x')).toBe(422);
    expect(await answer('https://other.example.net/x')).toBe(422);
    expect(await answer('http://127.0.0.1/x')).toBe(422);
  });

  it('never contacts a listed name that resolves outside the allowlist, and parks its deliveries', async () => {
    // `localhost` is listed by name, but its loopback addresses are not.
    const app = await start({ SIJILL_WEBHOOK_ALLOW: 'localhost', SIJILL_WEBHOOK_MAX_ATTEMPTS: '2' });
    receiver = await aReceiver();
    const webhook = await registered(app, { url: `http://localhost:${receiver.port}/hooks` });
    await appendEvents(app.store, 1);
    const status = await untilStatus(app, webhook.id, (s) => s.status.parked === 1, 'the delivery parked');
    expect(status.status.lastError).toMatch(/^EWEBHOOKDENIED: localhost resolves to .* outside the webhook allowlist$/);
    expect(receiver.seen).toEqual([]);
  });

  it('shows a secret once: generated or given, never in later answers, the logs or the ledger', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'trace' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = await start({}, logger);
    receiver = await aReceiver();
    const headBefore = await app.store.headPosition();
    const generated = await registered(app, { url: receiver.url });
    const given = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const chosen = await registered(app, { url: receiver.url, secret: given, description: 'chosen secret' });
    expect(chosen.secret).toBe(given);
    expect(generated.secret).not.toBe(given);
    expect(Buffer.from(generated.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    await appendEvents(app.store, 1);
    await receiver.until((seen) => seen.length === 2, 'both webhooks delivered');

    const answers = [
      (await admin(app, 'GET', '/v1/admin/webhooks')).body,
      (await admin(app, 'GET', `/v1/admin/webhooks/${generated.id}`)).body,
      (await admin(app, 'GET', `/v1/admin/webhooks/${chosen.id}`)).body,
      (await app.app.inject({ method: 'GET', url: '/v1/events?limit=1000', headers: { authorization: `Bearer ${ADMIN}` } })).body,
      (await app.app.inject({ method: 'GET', url: '/openapi.json' })).body,
    ];
    const secrets = [generated.secret, chosen.secret];
    for (const text of [...answers, ...lines]) for (const secret of secrets) expect(text).not.toContain(secret.slice(6));
    // Registrations are configuration, not ledger events.
    expect(await app.store.headPosition()).toBe(headBefore + 1n);
    expect(
      JSON.parse(answers[0]!)
        .webhooks.map((w: { id: string }) => w.id)
        .sort(),
    ).toEqual([generated.id, chosen.id].sort());
  });

  it('validates registrations: a secret not in the whsec_ form, unknown fields, empty filters', async () => {
    const app = await start();
    const url = 'http://127.0.0.1:9/';
    for (const body of [
      { url, secret: 'hunter2' },
      { url, secret: `whsec_${Buffer.alloc(8).toString('base64')}` },
      { url, secret: 'whsec_not base64!' },
      { url, filter: { categories: [] } },
      { url, filter: { streams: ['claim-1'] } },
      { url, from: 'yesterday' },
      { url, active: true },
      {},
    ]) {
      const refused = await admin(app, 'POST', '/v1/admin/webhooks', body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(422);
      expect(refused.json().code).toBe('validation_failed');
      expect(refused.body).not.toContain('hunter2');
    }
  });

  it('removes a webhook with its state; unknown webhooks are 404', async () => {
    const app = await start();
    const webhook = await registered(app, { url: 'http://127.0.0.1:9/' });
    expect((await admin(app, 'DELETE', `/v1/admin/webhooks/${webhook.id}`)).statusCode).toBe(204);
    for (const [method, url] of ROUTES.filter(([, u]) => u.includes('some-id'))) {
      const missing = await admin(app, method, url.replace('some-id', webhook.id));
      expect(missing.statusCode, `${method} ${url}`).toBe(404);
      expect(missing.json().code).toBe('webhook_not_found');
    }
    expect((await admin(app, 'GET', '/v1/admin/webhooks')).json()).toEqual({ webhooks: [] });
  });
});
