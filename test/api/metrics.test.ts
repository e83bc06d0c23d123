import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GivenApp, givenApp } from '../support/ledger.js';

/** `GET /metrics`: Prometheus text for readers, on the app's own registry. */
const READER = 'reader-token-0123456789';
let given: GivenApp;
let other: GivenApp;
beforeAll(async () => {
  given = await givenApp({ SIJILL_TOKENS: `${READER}=omar:reader` });
  // A second app in the same process: two registries, no "metric already registered".
  other = await givenApp();
});
afterAll(async () => {
  await given.close();
  await other.close();
});

const scrape = (app: GivenApp, headers: Record<string, string> = {}) =>
  app.app.inject({ method: 'GET', url: '/metrics', headers });

describe('GET /metrics', () => {
  it('needs the reader role', async () => {
    const refused = await scrape(given);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('unauthenticated');
  });

  it('serves the Prometheus text format with the operations metrics and the process metrics', async () => {
    const response = await scrape(given, { authorization: `Bearer ${READER}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const line of [
      '# TYPE sijill_snapshot_save_duration_seconds histogram',
      '# TYPE sijill_snapshot_save_failures_total counter',
      'sijill_snapshot_save_failures_total 0',
      '# TYPE sijill_snapshot_last_success_timestamp_seconds gauge',
      'sijill_store_write_failures_total 0',
      'sijill_ready 1',
      '# TYPE process_cpu_seconds_total counter',
      '# TYPE nodejs_eventloop_lag_seconds gauge',
    ]) {
      expect(response.body).toContain(line);
    }
  });

  it('keeps each app on its own registry, never the global one', async () => {
    expect((await scrape(other)).statusCode).toBe(200);
    expect(register.getMetricsAsArray()).toHaveLength(0);
  });
});
