import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchDepsInstalled } from '../lib/benchDeps.js';
import { controlLedger, controlLedgerSpec } from '../lib/datasets.js';
import { type LoadResult, loadFor } from '../lib/load.js';
import { alternate, fmt, median } from '../lib/measure.js';
import { measured, ratioAtLeast, unmeasured } from '../lib/rows.js';
import { startAppServer, startBareServer } from '../lib/servers.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'control-query',
  title: 'GET /v1/control?at=… over 1,000 places and 200,000 claims',
  unit: 'req/s',
  baseline: 'bare fastify route answering the same JSON (captured from the app)',
  target: 'ratio ≥ 0.5',
};

const CONNECTIONS = 4;
const PATH = '/v1/control?at=2018-01-01';

export const controlQuery: Figure = {
  name: 'control-query',
  title: row.title,
  rows: [row],
  async run(context) {
    if (!benchDepsInstalled()) return unmeasured(this, 'skipped', 'bench dependencies not installed (npm --prefix bench ci)');
    const spec = controlLedgerSpec(context.quick);
    const store = await controlLedger(context.workDir, context.quick, context.log);
    const dir = join(context.workDir, 'control-query');
    const app = await startAppServer({ store, snapshot: join(dir, 'readmodels.snapshot'), synchronous: 'FULL', demo: false });
    let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
    const appRuns: LoadResult[] = [];
    const bareRuns: LoadResult[] = [];
    let cold: { ms: number; bytes: number; places: number; identical: boolean };
    let startMs: number;
    try {
      // The first answer fills the per-place timeline cache: timed apart, then captured for the baseline.
      const started = performance.now();
      const response = await fetch(`${app.url}${PATH}`);
      const body = await response.text();
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`GET ${PATH} answered ${response.status}: ${body.slice(0, 500)}`);
      const answer = JSON.parse(body) as { places: unknown[] };
      const file = join(context.workDir, 'control-answer.json');
      await writeFile(file, body);
      bare = await startBareServer({ kind: 'json', file });
      const bareBody = await (await fetch(`${bare.url}${PATH}`)).text();
      cold = { ms, bytes: Buffer.byteLength(body), places: answer.places.length, identical: bareBody === body };

      const seconds = context.quick ? 1 : 5;
      const rounds = context.quick ? 1 : 3;
      const get = (url: string) => loadFor(seconds, { url: `${url}${PATH}`, connections: CONNECTIONS });
      await loadFor(context.quick ? 0.5 : 2, { url: `${app.url}${PATH}`, connections: CONNECTIONS });
      await loadFor(context.quick ? 0.5 : 2, { url: `${bare.url}${PATH}`, connections: CONNECTIONS });
      context.log(`control-query: ${rounds} rounds of ${seconds} s each side, ${CONNECTIONS} connections`);
      const b = bare;
      await alternate(
        rounds,
        async () => {
          const r = await get(app.url);
          appRuns.push(r);
          return r.rps;
        },
        async () => {
          const r = await get(b.url);
          bareRuns.push(r);
          return r.rps;
        },
      );
    } finally {
      startMs = (await app.stop()).startMs;
      await bare?.stop();
    }
    const failures = [...appRuns, ...bareRuns].reduce((n, r) => n + r.non2xx + r.errors, 0);
    return [
      measured({
        ...row,
        value: median(appRuns.map((r) => r.rps)),
        baselineValue: median(bareRuns.map((r) => r.rps)),
        target: ratioAtLeast(0.5),
        notes: [
          `${spec.places} places, ${spec.actors} actors, ${fmt(spec.claims)} control/withdrawal claims (2012–2023); GET ${PATH}`,
          `answer ${fmt(cold.bytes / 1024)} KiB, ${cold.places} places${cold.identical ? ', byte-identical from both servers' : ', bare answer differs in bytes'}`,
          `first (cold-cache) request ${fmt(cold.ms)} ms; service start (fold of the log) ${fmt(startMs / 1000, 1)} s`,
          `${CONNECTIONS} connections, median of ${appRuns.length} alternating rounds`,
          `app rounds ${appRuns.map((r) => fmt(r.rps, 1)).join(' / ')} req/s, p99 ${fmt(median(appRuns.map((r) => r.p99)))} ms`,
          `bare rounds ${bareRuns.map((r) => fmt(r.rps, 1)).join(' / ')} req/s, p99 ${fmt(median(bareRuns.map((r) => r.p99)))} ms`,
          failures > 0 ? `${failures} non-2xx responses or errors` : '',
        ]
          .filter(Boolean)
          .join('; '),
      }),
    ];
  },
};
