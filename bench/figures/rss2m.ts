import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { fmt } from '../lib/measure.js';
import { persistedRebuildLedger } from '../lib/persistedLedger.js';
import { measured, valueBelow } from '../lib/rows.js';
import { spawnService } from '../lib/service.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'rss-2m',
  title: 'peak RSS of the service on the rebuild ledger: restart, queries, a write, the save at stop',
  unit: 'MiB',
  baseline: 'the same service on an empty ledger, same steps',
  target: '< 1,536 MiB',
};

/** One gauge from the service's /metrics (prom-client's process and heap metrics). */
const gauge = async (url: string, name: string): Promise<number> => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm'))?.[1] ?? Number.NaN);
};

/**
 * Start the service on `store` (resuming from `snapshot`), ask what the map and the analysts
 * ask, write one source (so the stop saves the read models: the save's buffers count too), stop
 * it; its peak RSS over all of that, and its heap in use after the queries.
 */
const peakOf = async (store: string, snapshot: string, nodeArgs: readonly string[] = []) => {
  const service = await spawnService({ SIJILL_STORE: store, SIJILL_SNAPSHOT: snapshot }, nodeArgs);
  let heapMiB = Number.NaN;
  try {
    await service.ready();
    for (let i = 0; i < 10; i++) await (await fetch(`${service.url}/v1/control?claimIds=false`)).arrayBuffer();
    // With every place's evidence ids: the largest answer the service builds.
    for (let i = 0; i < 2; i++) await (await fetch(`${service.url}/v1/control`)).arrayBuffer();
    await (await fetch(`${service.url}/v1/timeline?limit=500`)).arrayBuffer();
    heapMiB = (await gauge(service.url, 'nodejs_heap_size_used_bytes')) / 2 ** 20;
    const written = await fetch(`${service.url}/v1/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: `rss-source-${Date.now()}`,
        name: { en: 'RSS', variants: [] },
        kind: 'news_network',
        reliability: 'C',
      }),
    });
    if (written.status !== 201) throw new Error(`POST /v1/sources answered ${written.status}: ${await written.text()}`);
  } catch (error) {
    await service.stop().catch(() => undefined);
    throw error;
  }
  const { peakRssMiB } = await service.stop();
  return { peakRssMiB, heapMiB };
};

/**
 * Issue 14 §4: a 2M-event ledger's service, read models and all, within 1.5 GiB at its peak —
 * restoring them, answering, and saving them.
 */
export { peakOf as peakRssOf };
export const rss2m: Figure = {
  name: 'rss-2m',
  title: row.title,
  rows: [row],
  async run(context) {
    const { store, events, snapshot } = await persistedRebuildLedger(context, 'rss-2m');
    const empty = await mkdtemp(join(context.workDir, 'rss-empty-'));
    const service = await peakOf(store, snapshot);
    const baseline = await peakOf(join(empty, 'ledger.db'), join(empty, 'readmodels.snapshot'));
    return [
      measured({
        ...row,
        value: service.peakRssMiB,
        baselineValue: baseline.peakRssMiB,
        target: valueBelow(1_536, 'MiB'),
        notes: [
          `${fmt(events)} events`,
          `heap in use after the queries ${fmt(service.heapMiB)} MiB (empty ledger: ${fmt(baseline.heapMiB)} MiB)`,
        ].join('; '),
      }),
    ];
  },
};
