import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { loadAnalystHistory } from '../../services/demo/loadAnalystHistory.js';
import { get } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/**
 * The service warms every place's control timeline in the background once it listens
 * (`ControlCache.warm`, issue 14): a place a turn of the event loop, so the first
 * `GET /v1/control` after a restart does not build them all at once. Warming changes no answer.
 */
const opened: GivenApp[] = [];
const aLedger = async () => {
  const given = await givenApp();
  opened.push(given);
  await loadWorkedExample(given.store);
  await loadAnalystHistory(given.store);
  await given.settle();
  return given;
};
afterEach(async () => {
  for (const given of opened.splice(0)) await given.close();
});

describe('warming the control cache', () => {
  it('builds every place’s timeline, once, and the answers are those of a cold service', async () => {
    const warm = await aLedger();
    const cold = await aLedger();
    const places = warm.ledger.follower.state.registry.places.size;
    expect(places).toBeGreaterThanOrEqual(10);
    expect(warm.ledger.controlCache.size).toBe(0);
    const warming = warm.ledger.warmControl();
    expect(warm.ledger.warmControl()).toBe(warming);
    // Other work runs between two places.
    let sizeBetween = -1;
    setImmediate(() => setImmediate(() => (sizeBetween = warm.ledger.controlCache.size)));
    expect(await warming).toBe(places);
    expect(sizeBetween).toBeGreaterThan(0);
    expect(sizeBetween).toBeLessThan(places);
    expect(warm.ledger.controlCache.size).toBe(places);
    expect(cold.ledger.controlCache.size).toBe(0);
    for (const url of [
      '/v1/control?at=2018-11-14',
      '/v1/control?at=2018-10-01&includeUnknown=true',
      '/v1/places/al-susa/history',
    ]) {
      const answer = await get(warm, url);
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.body, url).toBe((await get(cold, url)).body);
    }
  });

  it('stops when the ledger closes', async () => {
    const given = await aLedger();
    const warming = given.ledger.warmControl();
    await given.close();
    opened.splice(opened.indexOf(given), 1);
    expect(await warming).toBeLessThan(given.ledger.follower.state.registry.places.size);
  });
});
