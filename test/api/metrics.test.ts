import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { anActor, aSource, post } from '../support/builders.js';
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

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
const sample = (text: string, name: string, labels = ''): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('GET /metrics: what the service does (issue 10 §5)', () => {
  let app: GivenApp;
  beforeAll(async () => {
    app = await givenApp();
    await loadWorkedExample(app.store);
  });
  afterAll(() => app.close());

  it('times requests by route pattern and status, and appends by outcome', async () => {
    await post(app, '/v1/sources', aSource({ id: 'metrics-source' }));
    await app.app.inject({ method: 'GET', url: '/v1/places/al-susa' });
    await app.app.inject({ method: 'GET', url: '/v1/places/no-such-place' });
    const text = (await scrape(app)).body;
    expect(
      sample(text, 'sijill_http_request_duration_seconds_count', '{method="POST",route="/v1/sources",status_code="201"}'),
    ).toBe(1);
    // The pattern, not the URL: one series for every place id.
    expect(
      sample(text, 'sijill_http_request_duration_seconds_count', '{method="GET",route="/v1/places/:id",status_code="200"}'),
    ).toBe(1);
    expect(
      sample(text, 'sijill_http_request_duration_seconds_count', '{method="GET",route="/v1/places/:id",status_code="404"}'),
    ).toBe(1);
    expect(text).not.toContain('no-such-place');
    // The worked example is one atomic batch, the source one more append.
    expect(sample(text, 'sijill_append_duration_seconds_count', '{outcome="ok"}')).toBeGreaterThanOrEqual(2);
  });

  it('reports the head of the log and no read-model lag once the models caught up', async () => {
    await app.settle();
    const text = (await scrape(app)).body;
    expect(sample(text, 'sijill_ledger_head_position')).toBe(Number(await app.head()));
    expect(sample(text, 'sijill_readmodel_lag_events')).toBe(0);
    expect(sample(text, 'sijill_readmodel_lag_seconds')).toBe(0);
  });

  it('counts open SSE connections', async () => {
    const address = await app.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${address}/v1/subscribe`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(sample((await scrape(app)).body, 'sijill_sse_connections')).toBe(1);
    controller.abort();
    await expect.poll(async () => sample((await scrape(app)).body, 'sijill_sse_connections')).toBe(0);
  });

  it("reports each webhook's backlog and parked deliveries", async () => {
    // Nothing listens on port 9: every delivery fails, and after 1 attempt it is parked.
    const hooks = await givenApp({
      SIJILL_WEBHOOK_MAX_ATTEMPTS: '1',
      SIJILL_WEBHOOK_RETRY_BASE_MS: '1',
      SIJILL_WEBHOOK_RETRY_CAP_MS: '1',
    });
    try {
      const registered = await post(hooks, '/v1/admin/webhooks', { url: 'http://127.0.0.1:9/hooks', from: 'start' });
      expect(registered.statusCode, registered.body).toBe(201);
      const id = registered.json().id as string;
      await post(hooks, '/v1/sources', aSource({ id: 'one' }));
      await post(hooks, '/v1/sources', aSource({ id: 'two' }));
      await expect
        .poll(async () => sample((await scrape(hooks)).body, 'sijill_webhook_parked_deliveries', `{webhook="${id}"}`), {
          timeout: 10_000,
        })
        .toBe(2);
      expect(sample((await scrape(hooks)).body, 'sijill_webhook_backlog_events', `{webhook="${id}"}`)).toBe(0);
    } finally {
      await hooks.close();
    }
  });

  it('reports a backlog while deliveries wait to be retried', async () => {
    const hooks = await givenApp({ SIJILL_WEBHOOK_RETRY_BASE_MS: '600000', SIJILL_WEBHOOK_RETRY_CAP_MS: '600000' });
    try {
      const registered = await post(hooks, '/v1/admin/webhooks', {
        url: 'http://127.0.0.1:9/hooks',
        from: 'start',
        filter: { categories: ['source'] },
      });
      const id = registered.json().id as string;
      await post(hooks, '/v1/sources', aSource({ id: 'one' }));
      await post(hooks, '/v1/actors', anActor());
      await post(hooks, '/v1/sources', aSource({ id: 'two' }));
      // Both source events wait behind the first one's retry; the actor event is not this webhook's.
      expect(sample((await scrape(hooks)).body, 'sijill_webhook_backlog_events', `{webhook="${id}"}`)).toBe(2);
      expect(sample((await scrape(hooks)).body, 'sijill_webhook_parked_deliveries', `{webhook="${id}"}`)).toBe(0);
    } finally {
      await hooks.close();
    }
  });
});
