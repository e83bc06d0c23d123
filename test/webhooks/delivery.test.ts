import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/ledger.js';
import { appendEvents, type OpenApp, openAppIn, registered, statusOf, untilCheckpoint } from './harness.js';
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

/** Event ids in the order the receiver first acknowledged them. */
const firstAcknowledged = (r: Receiver) => [...new Set(r.acknowledged())];

describe('webhook delivery', () => {
  it('delivers every event in position order, at least once, signed the Standard Webhooks way, through a receiver that fails then recovers', async () => {
    receiver = await aReceiver((_request, seen) => (seen.length <= 3 ? 503 : 200));
    const app = await start();
    const before = await appendEvents(app.store, 2);
    const webhook = await registered(app, { url: receiver.url, description: 'integration feed' });
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(webhook.checkpoint).toBe(String(before.at(-1)!.position));

    const events = await appendEvents(app.store, 20);
    const r = receiver;
    await r.until(() => firstAcknowledged(r).length === events.length, 'every event acknowledged');

    // No event missing, none from before the registration, and in position order.
    expect(firstAcknowledged(r)).toEqual(events.map((e) => e.eventId));
    // Never a step back: a request is for the event of the one before it (a retry) or the next one.
    const positions = r.seen.map((request) => BigInt(request.envelope.position));
    for (let i = 1; i < positions.length; i++) expect(positions[i]! >= positions[i - 1]!).toBe(true);
    // The three failures were retries of the first event, with the same webhook-id.
    expect(r.seen.slice(0, 4).map((request) => request.id)).toEqual(Array(4).fill(events[0]!.eventId));
    expect(r.seen.slice(0, 3).every((request) => request.answered === 503)).toBe(true);

    // Every request verifies with the reference implementation, and carries the integrator envelope.
    const verifier = new Webhook(webhook.secret);
    const page = (
      await app.app.inject({
        method: 'GET',
        url: `/v1/events?after=${webhook.checkpoint}&limit=100`,
        headers: { authorization: 'Bearer reader-token-0123456789' },
      })
    ).json();
    for (const request of r.seen) {
      const payload = verifier.verify(request.body, {
        'webhook-id': request.id,
        'webhook-timestamp': request.timestamp,
        'webhook-signature': request.signature,
      });
      expect(payload).toEqual(request.envelope);
      expect(request.id).toBe(request.envelope.eventId);
      expect(request.headers['content-type']).toBe('application/json');
      expect(page.events).toContainEqual(request.envelope);
    }
    // A tampered body does not verify.
    const first = r.seen[0]!;
    expect(() =>
      verifier.verify(first.body.replace('"position"', '"positiom"'), {
        'webhook-id': first.id,
        'webhook-timestamp': first.timestamp,
        'webhook-signature': first.signature,
      }),
    ).toThrow();

    const status = await untilCheckpoint(app, webhook.id, events.at(-1)!.position);
    expect(status.checkpoint).toBe(String(events.at(-1)!.position));
    expect(status.status).toMatchObject({ parked: 0, consecutiveFailures: 0, pendingPosition: null, pendingAttempts: 0 });
    expect(status.status.lastError).toMatch(/^HTTP 503/);
    expect(status.description).toBe('integration feed');
  });

  it('replays the whole log with from: start, and delivers only what the filter matches', async () => {
    receiver = await aReceiver();
    const app = await start();
    const things = await appendEvents(app.store, 3, 'thing');
    const others = await appendEvents(app.store, 4, 'other');
    const everything = await registered(app, { url: `${receiver.url}?feed=all`, from: 'start' });
    const filtered = await registered(app, {
      url: `${receiver.url}?feed=changes`,
      from: 'start',
      filter: { categories: ['other'], types: ['ThingChanged'] },
    });
    expect(everything.checkpoint).toBe('0');
    const wanted = others.filter((e) => e.type === 'ThingChanged');
    const r = receiver;
    const idsTo = (feed: string) => r.seen.filter((request) => request.path.endsWith(`feed=${feed}`)).map((x) => x.id);
    await r.until(
      () => idsTo('all').length === things.length + others.length && idsTo('changes').length === wanted.length,
      'both webhooks caught up with the log',
    );
    expect(idsTo('all')).toEqual([...things, ...others].map((e) => e.eventId));
    expect(idsTo('changes')).toEqual(wanted.map((e) => e.eventId));
    expect((await untilCheckpoint(app, filtered.id, wanted.at(-1)!.position)).checkpoint).toBe(String(wanted.at(-1)!.position));
    expect((await untilCheckpoint(app, everything.id, others.at(-1)!.position)).checkpoint).toBe(String(others.at(-1)!.position));
    expect((await statusOf(app, filtered.id)).filter).toEqual({ categories: ['other'], types: ['ThingChanged'] });
  });
});
