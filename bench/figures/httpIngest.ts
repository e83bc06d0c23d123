import { join } from 'node:path';
import { benchDepsInstalled } from '../lib/benchDeps.js';
import { claimBodies } from '../lib/claims.js';
import { type LoadResult, loadFor } from '../lib/load.js';
import { alternate, fmt, median } from '../lib/measure.js';
import { measured, unmeasured, valueAtLeast, valueBelow } from '../lib/rows.js';
import { startAppServer, startBareServer } from '../lib/servers.js';
import type { Figure } from '../lib/types.js';

const throughput = {
  name: 'http-ingest',
  title: 'POST /v1/claims, 32 connections, durable',
  unit: 'claims/s',
  baseline: 'bare fastify route parsing the same JSON body and answering 201',
  target: '≥ 3,000 claims/s',
};
const latency = {
  name: 'http-ingest-p99',
  title: 'POST /v1/claims p99 latency at 32 connections',
  unit: 'ms',
  baseline: 'p99 of the bare fastify route under the same load',
  target: '< 50 ms',
};

const CONNECTIONS = 32;
const ingest = (url: string, seconds: number) => {
  const next = claimBodies();
  return loadFor(seconds, {
    url,
    connections: CONNECTIONS,
    requests: [
      {
        method: 'POST',
        path: '/v1/claims',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: next() }),
      },
    ],
  });
};

const statusSummary = (results: LoadResult[]) => {
  const counts: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.statusCodes)) counts[code] = (counts[code] ?? 0) + n;
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  return `${Object.entries(counts)
    .map(([code, n]) => `${fmt(n)}×${code}`)
    .join(', ')}${errors > 0 ? `, ${errors} connection errors/timeouts` : ''}`;
};

export const httpIngest: Figure = {
  name: 'http-ingest',
  title: throughput.title,
  rows: [throughput, latency],
  async run(context) {
    if (!benchDepsInstalled()) return unmeasured(this, 'skipped', 'bench dependencies not installed (npm --prefix bench ci)');
    const dir = join(context.workDir, 'http-ingest');
    const app = await startAppServer({
      store: join(dir, 'ledger.db'),
      snapshot: join(dir, 'readmodels.snapshot'),
      synchronous: 'FULL',
      demo: true,
    });
    const bare = await startBareServer({ kind: 'ingest' });
    const appRuns: LoadResult[] = [];
    const bareRuns: LoadResult[] = [];
    let report: Awaited<ReturnType<typeof app.stop>> | undefined;
    try {
      const seconds = context.quick ? 1 : 5;
      const rounds = context.quick ? 1 : 3;
      const warm = context.quick ? 0.5 : 2;
      // Warm-up (JIT, caches); the app's warm-up is kept aside only to count its 201s.
      appRuns.push(await ingest(app.url, warm));
      await ingest(bare.url, warm);
      context.log(`http-ingest: ${rounds} rounds of ${seconds} s each side, ${CONNECTIONS} connections`);
      await alternate(
        rounds,
        async () => {
          const r = await ingest(app.url, seconds);
          appRuns.push(r);
          return r.rps;
        },
        async () => {
          const r = await ingest(bare.url, seconds);
          bareRuns.push(r);
          return r.rps;
        },
      );
    } finally {
      report = await app.stop();
      await bare.stop();
    }
    const measuredApp = appRuns.slice(1);
    const created = appRuns.reduce((sum, r) => sum + (r.statusCodes['201'] ?? 0), 0);
    const appended = Number(report.headAtStop - report.headAtStart);
    const rps = median(measuredApp.map((r) => r.rps));
    const p99 = median(measuredApp.map((r) => r.p99));
    const common = [
      `demo ledger, synchronous=FULL, ${CONNECTIONS} connections, median of ${measuredApp.length} alternating rounds`,
      `app responses ${statusSummary(appRuns)} (warm-up included)`,
      // autocannon stops with up to CONNECTIONS requests in flight per run: appended, never answered.
      `${fmt(appended)} events appended for ${fmt(created)} 201s${
        appended >= created && appended - created <= CONNECTIONS * appRuns.length
          ? ` (+${appended - created} in flight when the load stopped)`
          : ' — MISMATCH'
      }`,
    ];
    return [
      measured({
        ...throughput,
        value: rps,
        baselineValue: median(bareRuns.map((r) => r.rps)),
        target: valueAtLeast(3_000, 'claims/s'),
        notes: [
          ...common,
          `app rounds ${measuredApp.map((r) => fmt(r.rps)).join(' / ')} claims/s`,
          `bare rounds ${bareRuns.map((r) => fmt(r.rps)).join(' / ')} req/s`,
        ].join('; '),
      }),
      measured({
        ...latency,
        value: p99,
        baselineValue: median(bareRuns.map((r) => r.p99)),
        target: valueBelow(50, 'ms'),
        notes: [
          `p50 ${fmt(median(measuredApp.map((r) => r.p50)), 1)} ms (bare ${fmt(median(bareRuns.map((r) => r.p50)), 1)} ms)`,
          `app p99 rounds ${measuredApp.map((r) => fmt(r.p99, 1)).join(' / ')} ms`,
        ].join('; '),
      }),
    ];
  },
};
