import { request as httpRequest } from 'node:http';
import { EventSource } from 'eventsource';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import type { SqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * The SSE feed with a real EventSource client over a real socket: catch-up then live,
 * resume after dropped connections without gaps or duplicates, filters, heartbeats,
 * slow consumers, and release of everything on disconnect.
 */
let given: GivenApp;
let base: string;
const sources: EventSource[] = [];

const start = async (env: Record<string, string> = {}) => {
  given = await givenApp(env);
  await loadWorkedExample(given.store);
  base = await given.app.listen({ host: '127.0.0.1', port: 0 });
};
afterEach(async () => {
  for (const source of sources.splice(0)) source.close();
  await given.close();
});

/** Resolves when `predicate` holds, checked at each received event; rejects after a deadline. */
const until = (predicate: () => boolean, what: string, ms = 20_000) =>
  new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    const check = setInterval(() => {
      if (predicate()) {
        clearTimeout(deadline);
        clearInterval(check);
        resolve();
      }
    }, 5);
  });

const follow = (query = '') => {
  const received: { id: string; type: string; streamId: string; position: string }[] = [];
  const source = new EventSource(`${base}/v1/subscribe${query}`);
  sources.push(source);
  const onEvent = (message: MessageEvent) => {
    const envelope = JSON.parse(message.data);
    received.push({ id: message.lastEventId, type: message.type, streamId: envelope.streamId, position: envelope.position });
  };
  for (const type of [
    'SourceRegistered',
    'SourceReliabilityRevised',
    'PlaceRegistered',
    'ActorRegistered',
    'ArticleRecorded',
    'ClaimRecorded',
    'ClaimRetracted',
  ]) {
    source.addEventListener(type, onEvent);
  }
  return { source, received };
};

const revise = (index: number) =>
  given.store.append('source-al-furat-post', [
    {
      eventId: crypto.randomUUID(),
      type: 'SourceReliabilityRevised',
      schemaVersion: 1,
      data: { sourceId: 'al-furat-post', reliability: 'ABCDE'[index % 5], reason: `revision ${index}` },
      metadata: { principal: 'test', correlationId: 'c', causationId: 'c' },
    },
  ]);

const positions = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('GET /v1/subscribe', () => {
  it('catches up, then delivers live events, id = position, event = type, data = envelope', async () => {
    await start();
    const { received } = follow();
    await until(() => received.length === 35, 'the catch-up');
    for (let i = 0; i < 10; i++) await revise(i);
    await until(() => received.length === 45, 'the live events');
    expect(received.map((e) => e.id)).toEqual(positions(1, 45));
    expect(received.every((e) => e.id === e.position)).toBe(true);
    expect(received.at(-1)).toMatchObject({ type: 'SourceReliabilityRevised', streamId: 'source-al-furat-post' });
  });

  it('resumes exactly after the last event seen when connections drop, while 4 writers append', async () => {
    await start();
    const { received } = follow('?after=5');
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 150; i++) {
        await revise(w * 1000 + i);
        // Let the feed and other writers run between appends, as request-driven writers do.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    await until(() => received.length > 100, 'a first stretch');
    given.ledger.sse.destroyAll();
    await until(() => received.length > 300, 'a second stretch after reconnecting');
    given.ledger.sse.destroyAll();
    await Promise.all(writers);
    const head = Number(await given.head());
    await until(() => received.length >= head - 5, 'everything');
    expect(received.map((e) => e.id)).toEqual(positions(6, head));
  });

  it('resumes from Last-Event-ID, which wins over after', async () => {
    await start();
    const response = await fetch(`${base}/v1/subscribe?after=2`, { headers: { 'last-event-id': '30' } });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('id: 35')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).not.toContain('id: 30\n');
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => m[1])).toEqual(['31', '32', '33', '34', '35']);
  });

  it('filters by category, type and stream', async () => {
    await start();
    const claims = follow('?category=claim');
    const places = follow('?type=PlaceRegistered');
    const one = follow('?stream=claim-sdf-controls-80pct-al-susa');
    await until(
      () => claims.received.length === 10 && places.received.length === 10 && one.received.length === 1,
      'the filtered feeds',
    );
    expect(claims.received.every((e) => e.streamId.startsWith('claim-'))).toBe(true);
    expect(places.received.every((e) => e.type === 'PlaceRegistered')).toBe(true);
    expect(one.received[0]?.streamId).toBe('claim-sdf-controls-80pct-al-susa');
  });

  it('sends heartbeats while idle', async () => {
    await start({ SIJILL_SSE_HEARTBEAT_MS: '50' });
    const response = await fetch(`${base}/v1/subscribe?after=35`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes(': heartbeat')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).not.toContain('id:');
  });

  it('releases the subscription when the client goes away', async () => {
    await start();
    const store = given.store as SqliteEventStore;
    const before = store.activity.subscriptions;
    const { source, received } = follow();
    await until(() => received.length === 35 && store.activity.subscriptions === before + 1, 'the subscriber');
    source.close();
    await until(() => store.activity.subscriptions === before && given.ledger.sse.size === 0, 'the release');
  });

  it('disconnects a consumer that stops reading instead of buffering without bound', async () => {
    await start({ SIJILL_SSE_DRAIN_TIMEOUT_MS: '200' });
    const store = given.store as SqliteEventStore;
    const note = 'x'.repeat(1500);
    // 16 MB of events: more than the loopback socket buffers hold, so the server must wait on the client.
    for (let batch = 0; batch < 100; batch++) {
      await given.store.append(
        'source-al-quds-al-arabi',
        Array.from({ length: 100 }, (_, i) => ({
          eventId: crypto.randomUUID(),
          type: 'SourceReliabilityRevised',
          schemaVersion: 1,
          data: { sourceId: 'al-quds-al-arabi', reliability: 'B', reason: `${batch}-${i} ${note}` },
          metadata: { principal: 'test', correlationId: 'c', causationId: 'c' },
        })),
      );
    }
    const before = store.activity.subscriptions;
    const req = httpRequest(`${base}/v1/subscribe`, (res) => {
      res.pause(); // never read: the server's buffer toward us fills up
    });
    req.end();
    await until(() => given.ledger.sse.size === 1, 'the slow consumer to connect');
    // The server gives up on it (a paused client never sees the close while its buffer is full).
    await until(() => given.ledger.sse.size === 0 && store.activity.subscriptions === before, 'the release of the slow consumer');
    req.destroy();
  });

  it('rejects a malformed Last-Event-ID, or one beyond 64 bits, as a validation problem naming the header', async () => {
    await start();
    for (const lastEventId of ['yesterday', '9223372036854775808']) {
      const response = await fetch(`${base}/v1/subscribe`, { headers: { 'last-event-id': lastEventId } });
      expect(response.status, lastEventId).toBe(400);
      expect(await response.json(), lastEventId).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: '/last-event-id', in: 'headers' }],
      });
    }
  });

  it('refuses after and Last-Event-ID beyond the head; a subscriber from the head then gets 36..39 once written', async () => {
    await start();
    for (const [url, headers] of [
      [`${base}/v1/subscribe?after=37`, {}],
      [`${base}/v1/subscribe`, { 'last-event-id': '37' }],
    ] as const) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'position_beyond_head', head: '35' });
    }
    expect(await given.head()).toBe(35n);
    for (let i = 0; i < 4; i++) await revise(i);
    const { received } = follow('?after=35');
    await until(() => received.length === 4, 'the four events written after the refusal');
    expect(received.map((e) => e.id)).toEqual(positions(36, 39));
  });

  it('ends open streams on shutdown so the server can stop', async () => {
    await start();
    const { received } = follow();
    await until(() => received.length === 35, 'the catch-up');
    const closing = given.app.close();
    await expect(
      Promise.race([closing.then(() => 'closed'), new Promise((r) => setTimeout(() => r('stuck'), 5_000))]),
    ).resolves.toBe('closed');
  });
});
