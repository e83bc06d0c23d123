import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/ledger.js';
import { admin, appendEvents, type OpenApp, openAppIn, registered, statusOf, untilCheckpoint, untilStatus } from './harness.js';
import { aReceiver, type Receiver } from './receiver.js';

let given: OpenApp | undefined;
let receiver: Receiver | undefined;
let cleanup: (() => Promise<void>) | undefined;

const start = async (env: Record<string, string> = {}) => {
  const temp = await tempDir('sijill-webhooks-');
  cleanup = temp.cleanup;
  given = await openAppIn(temp.dir, env);
  return given;
};

afterEach(async () => {
  await given?.close();
  await receiver?.close();
  await cleanup?.();
  given = receiver = cleanup = undefined;
});

describe('parking', () => {
  it('parks a delivery after the last failed attempt, moves on in order, and redelivers it on replay', async () => {
    const app = await start({ SIJILL_WEBHOOK_MAX_ATTEMPTS: '3' });
    // Given: the receiver refuses the second and the fourth event (and only those), decided
    // before they exist, since delivery may start as soon as each is appended.
    const head = await app.store.headPosition();
    const refused = new Set([String(head + 2n), String(head + 4n)]);
    receiver = await aReceiver((request) => (refused.has(request.envelope.position) ? 500 : 200));
    const webhook = await registered(app, { url: receiver.url });
    const events = await appendEvents(app.store, 6);
    const poisoned = new Set([events[1]!.eventId, events[3]!.eventId]);
    const r = receiver;
    const healthy = events.filter((e) => !poisoned.has(e.eventId));

    await r.until(() => healthy.every((e) => r.acknowledged().includes(e.eventId)), 'the healthy events delivered');
    await untilCheckpoint(app, webhook.id, events.at(-1)!.position);

    // Each refused event got exactly three attempts, all before the next event was tried.
    const ids = r.seen.map((request) => request.id);
    expect(ids).toEqual([
      events[0]!.eventId,
      ...Array(3).fill(events[1]!.eventId),
      events[2]!.eventId,
      ...Array(3).fill(events[3]!.eventId),
      events[4]!.eventId,
      events[5]!.eventId,
    ]);

    const parked = (await admin(app, 'GET', `/v1/admin/webhooks/${webhook.id}/parked`)).json();
    expect(parked.total).toBe(2);
    expect(parked.next).toBeNull();
    expect(parked.parked).toEqual(
      [events[1]!, events[3]!].map((e) => ({
        position: String(e.position),
        eventId: e.eventId,
        type: e.type,
        attempts: 3,
        lastError: 'HTTP 500 Internal Server Error',
        parkedAt: expect.any(String),
      })),
    );
    const status = await statusOf(app, webhook.id);
    expect(status.status).toMatchObject({ parked: 2, pendingPosition: null, state: 'waiting' });

    // When: a replay while the receiver still refuses: it fails, is counted, and stays parked.
    const stillDown = await admin(app, 'POST', `/v1/admin/webhooks/${webhook.id}/parked/${events[1]!.position}/replay`);
    expect(stillDown.statusCode).toBe(200);
    expect(stillDown.json()).toEqual({
      delivered: [],
      failed: { position: String(events[1]!.position), error: 'HTTP 500 Internal Server Error' },
      remaining: 2,
    });
    const afterFailure = (await admin(app, 'GET', `/v1/admin/webhooks/${webhook.id}/parked?limit=1`)).json();
    expect(afterFailure.parked[0].attempts).toBe(4);
    expect(afterFailure.next).toBe(String(events[1]!.position));

    // When: the receiver recovers, one replay by position, then the rest.
    refused.clear();
    const one = await admin(app, 'POST', `/v1/admin/webhooks/${webhook.id}/parked/${events[1]!.position}/replay`);
    expect(one.json()).toEqual({ delivered: [String(events[1]!.position)], failed: null, remaining: 1 });
    const rest = await admin(app, 'POST', `/v1/admin/webhooks/${webhook.id}/parked/replay`);
    expect(rest.json()).toEqual({ delivered: [String(events[3]!.position)], failed: null, remaining: 0 });

    // Then: both arrived, with their own webhook-id and a valid signature; nothing is parked.
    const replayed = r.seen.slice(-2);
    expect(replayed.map((request) => [request.id, request.answered])).toEqual([
      [events[1]!.eventId, 200],
      [events[3]!.eventId, 200],
    ]);
    const verifier = new Webhook(webhook.secret);
    for (const request of replayed) {
      expect(
        verifier.verify(request.body, {
          'webhook-id': request.id,
          'webhook-timestamp': request.timestamp,
          'webhook-signature': request.signature,
        }),
      ).toEqual(request.envelope);
    }
    expect((await admin(app, 'GET', `/v1/admin/webhooks/${webhook.id}/parked`)).json()).toEqual({
      parked: [],
      total: 0,
      next: null,
    });
    const unknown = await admin(app, 'POST', `/v1/admin/webhooks/${webhook.id}/parked/${events[1]!.position}/replay`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('parked_delivery_not_found');
  });

  it('reports failures while retrying, and stops without waiting for a pending retry', async () => {
    // Retries minutes apart: the webhook sits between attempts when it is stopped.
    const app = await start({ SIJILL_WEBHOOK_RETRY_BASE_MS: '600000', SIJILL_WEBHOOK_RETRY_CAP_MS: '600000' });
    receiver = await aReceiver(() => 503);
    const webhook = await registered(app, { url: receiver.url });
    const [event] = await appendEvents(app.store, 1);
    const r = receiver;
    await r.until((seen) => seen.some((request) => request.answered === 503), 'a refused attempt');

    const status = await untilStatus(app, webhook.id, (s) => s.status.pendingAttempts > 0, 'a failure recorded');
    expect(status.checkpoint).toBe(webhook.checkpoint);
    expect(status.status).toMatchObject({
      pendingPosition: String(event!.position),
      lastError: 'HTTP 503 Service Unavailable',
      parked: 0,
    });
    expect(status.status.pendingAttempts).toBeGreaterThanOrEqual(1);
    expect(status.status.consecutiveFailures).toBeGreaterThanOrEqual(1);
    expect(Date.parse(status.status.nextAttemptAt)).toBeGreaterThanOrEqual(Date.parse(status.status.lastErrorAt));

    const stopping = Date.now();
    await app.close();
    given = undefined;
    expect(Date.now() - stopping).toBeLessThan(5_000);
  });

  it('counts a timeout, a redirect and a refused connection as failures', async () => {
    const app = await start({ SIJILL_WEBHOOK_TIMEOUT_MS: '300', SIJILL_WEBHOOK_MAX_ATTEMPTS: '2' });
    receiver = await aReceiver((request) => (request.path.endsWith('slow') ? 'hold' : 302));
    const closed = await aReceiver();
    await closed.close();
    const slow = await registered(app, { url: `${receiver.url}?slow` });
    const moved = await registered(app, { url: `${receiver.url}?moved` });
    const refused = await registered(app, { url: closed.url });
    await appendEvents(app.store, 1);
    const parked = async (id: string) =>
      (await untilStatus(app, id, (s) => s.status.parked === 1, `webhook ${id} parked`)).status.lastError;
    expect(await parked(slow.id)).toBe('no answer within 300 ms');
    expect(await parked(moved.id)).toBe('HTTP 302 Found');
    expect(await parked(refused.id)).toMatch(/^ECONNREFUSED/);
  });
});
