import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { ARTICLE_ID } from '../../services/demo/workedExample.js';
import type { RecordedEvent, Subscription } from '../../services/eventstore/port.js';
import { aControlClaim, post } from '../support/builders.js';
import { type GivenApp, givenApp, wrappedStore } from '../support/ledger.js';

/**
 * The follower applies the events of one subscription page a microtask apart, so it can move
 * between a read resolving its knowledge (`asOf` = the position then, current knowledge) and
 * reading the state. The answer must still be the one its `asOf` names — and `GET /v1/control`,
 * which keeps rendered answers, must not keep a later state's answer under that `asOf`
 * (found by a reviewer: `knowledgeNow`). Two claims on al-Susa reach the follower as one page:
 * ISIS takes it (A), then the SDF (B); a read asked as of A waits for A.
 */
let gateOpen = true;
let release = () => {};
/** Holds events back while the gate is shut, then hands them over together, as one page. */
const gated = (inner: Subscription): Subscription => ({
  close: () => inner.close(),
  async *[Symbol.asyncIterator]() {
    const held: RecordedEvent[] = [];
    const events = inner[Symbol.asyncIterator]();
    for (;;) {
      if (gateOpen && held.length > 0) {
        yield* held.splice(0);
        continue;
      }
      if (!gateOpen && held.length >= 2) {
        await new Promise<void>((resolve) => (release = resolve));
        continue;
      }
      const next = await events.next();
      if (next.done) return;
      held.push(next.value);
    }
  },
});

let given: GivenApp;
let atA: bigint;
beforeAll(async () => {
  given = await givenApp({}, { wrapStore: (s) => wrappedStore(s, { subscribe: (o) => gated(s.subscribe(o)) }) });
  await loadWorkedExample(given.store);
  await given.settle();
  gateOpen = false;
  const claim = (id: string, actor: string) =>
    aControlClaim({ id, articleId: ARTICLE_ID, actorIds: [actor], share: 1, validTime: { date: '2018-11-14' } });
  expect((await post(given, '/v1/claims', claim('isis-takes-al-susa', 'isis'))).statusCode).toBe(201);
  atA = await given.head();
  expect((await post(given, '/v1/claims', claim('sdf-takes-al-susa', 'sdf'))).statusCode).toBe(201);
});
afterAll(() => given.close());

const susa = (body: string) =>
  (JSON.parse(body) as { places: { placeId: string; controller: string | null }[] }).places.find((p) => p.placeId === 'al-susa');

describe('a read whose knowledge resolves while the follower is mid-page', () => {
  it('answers as of the position it names, and so does the same question asked again later', async () => {
    const url = `/v1/control?at=2018-11-15&asOf=${atA}`;
    const first = given.app.inject({ method: 'GET', url });
    const timeline = given.app.inject({ method: 'GET', url: `/v1/timeline?place=al-susa&asOf=${atA}` });
    // The reads wait for A; both events then arrive together.
    await new Promise((resolve) => setTimeout(resolve, 20));
    gateOpen = true;
    release();
    expect(susa((await first).body)).toMatchObject({ controller: 'isis' });
    const entries = (JSON.parse((await timeline).body) as { entries: { claimId: string }[] }).entries.map((e) => e.claimId);
    expect(entries).toContain('isis-takes-al-susa');
    expect(entries).not.toContain('sdf-takes-al-susa');
    await given.settle();
    expect(given.ledger.follower.position).toBeGreaterThan(atA);
    expect(susa((await given.app.inject({ method: 'GET', url })).body)).toMatchObject({ controller: 'isis' });
    const place = await given.app.inject({ method: 'GET', url: `/v1/places/al-susa/control?at=2018-11-15&asOf=${atA}` });
    expect(JSON.parse(place.body)).toMatchObject({ controller: 'isis' });
    // Current knowledge has B.
    expect(susa((await given.app.inject({ method: 'GET', url: '/v1/control?at=2018-11-15' })).body)).toMatchObject({
      controller: 'sdf',
    });
  });
});
