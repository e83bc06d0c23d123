import { benchDepsInstalled } from '../lib/benchDeps.js';
import { type LoadResult, loadFor } from '../lib/load.js';
import { fmt } from '../lib/measure.js';
import { persistedRebuildLedger } from '../lib/persistedLedger.js';
import { both, measured, ratioAtMost, unmeasured, valueBelow } from '../lib/rows.js';
import { startAppServer } from '../lib/servers.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'snapshot-pause',
  title: 'GET /v1/control p99 while the read models of the rebuild ledger are persisted',
  unit: 'ms',
  baseline: 'the same query and load, persistence idle (same server, just before)',
  target: 'p99 < 50 ms and ratio ≤ 1.5',
};

const CONNECTIONS = 4;
/**
 * Control now, as known now, without each place's evidence ids: what the map polls. With the
 * ids, this ledger's answer lists about a million claim ids and takes 100 ms to build and send
 * (p50, idle) — the figure would measure the size of the answer, not pauses.
 */
const PATH = '/v1/control?claimIds=false';
const SAVES = 'sijill_snapshot_save_duration_seconds';

/** The save histogram's count and sum (seconds) from /metrics. */
const saves = async (url: string): Promise<{ count: number; sum: number }> => {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(text.match(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm'))?.[1] ?? Number.NaN);
  return { count: value(`${SAVES}_count`), sum: value(`${SAVES}_sum`) };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 14: persisting the read models must not hold up requests. The service resumes from a
 * snapshot of the rebuild ledger with a save due after every event; the control query is
 * loaded with persistence idle, then one write makes a save due and the same load runs while
 * it is written (the cut, then a frame at a time between requests); the figure checks, from
 * `/metrics`, that the save outlasted the window.
 */
export const snapshotPause: Figure = {
  name: 'snapshot-pause',
  title: row.title,
  rows: [row],
  async run(context) {
    if (!benchDepsInstalled()) return unmeasured(this, 'skipped', 'bench dependencies not installed (npm --prefix bench ci)');
    const { store, events, snapshot } = await persistedRebuildLedger(context, 'snapshot-pause');

    // Shorter than a save under this load (3–5 s at 2M events), so the whole loaded window runs
    // beside it; each window still holds some 9,000 requests.
    const seconds = context.quick ? 1 : 2;
    const app = await startAppServer({ store, snapshot, synchronous: 'FULL', demo: false, snapshotEvery: 1 });
    let idle: LoadResult;
    let busy: LoadResult;
    let saveSeconds: number;
    let savesDuring: number;
    let coveredWindow: boolean;
    try {
      const load = () => loadFor(seconds, { url: `${app.url}${PATH}`, connections: CONNECTIONS });
      // The first query builds every place's timeline (seconds at 2M events): not part of either window.
      await (await fetch(`${app.url}${PATH}`)).arrayBuffer();
      await loadFor(context.quick ? 0.5 : 2, { url: `${app.url}${PATH}`, connections: CONNECTIONS });
      const before = await saves(app.url);
      idle = await load();
      if ((await saves(app.url)).count !== before.count) throw new Error('a snapshot was saved during the idle window');
      // One write: the follower applies it and, with a save due after every event, starts a
      // save. At this size a save outlasts the loaded window (it yields to requests between
      // frames); writes during the window would measure how writes and saves interleave instead.
      const written = await fetch(`${app.url}/v1/sources`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          // The rebuild ledger is shared by the figures of a run (and a kept --work-dir by runs): a fresh id.
          id: `snapshot-pause-${Date.now().toString(36)}`,
          name: { en: 'Snapshot pause', variants: [] },
          kind: 'news_network',
          reliability: 'C',
        }),
      });
      if (written.status !== 201) throw new Error(`POST /v1/sources answered ${written.status}: ${await written.text()}`);
      context.log(`snapshot-pause: ${seconds} s of load idle, then ${seconds} s while the snapshot is saved`);
      busy = await load();
      const during = await saves(app.url);
      // The save must have run through the whole window.
      coveredWindow = during.count === before.count;
      // Under load a save yields to every request between two frames, so it may outlast the window:
      // wait for the one running to end, so that at least one save's time is counted.
      let after = during;
      for (let waited = 0; after.count === before.count && waited < 600_000; waited += 200) {
        await sleep(200);
        after = await saves(app.url);
      }
      savesDuring = after.count - before.count;
      saveSeconds = after.sum - before.sum;
    } finally {
      await app.stop();
    }
    const failures = idle.non2xx + idle.errors + busy.non2xx + busy.errors;
    return [
      measured({
        ...row,
        value: busy.p99,
        baselineValue: idle.p99,
        target: both(valueBelow(50, 'ms'), ratioAtMost(1.5)),
        notes: [
          `${fmt(events)} events; ${CONNECTIONS} connections, ${seconds} s each`,
          `while saving: p50 ${fmt(busy.p50, 1)} ms, ${fmt(busy.rps)} req/s; idle: p50 ${fmt(idle.p50, 1)} ms, ${fmt(idle.rps)} req/s`,
          `the save took ${fmt(saveSeconds / Math.max(savesDuring, 1), 1)} s under this load (${savesDuring} ended by the time it was read), written a frame at a time between requests${coveredWindow ? '; it outlasted the loaded window' : '; it ended inside the loaded window'}`,
          ...(failures > 0 ? [`${failures} failed requests`] : []),
        ].join('; '),
      }),
    ];
  },
};
