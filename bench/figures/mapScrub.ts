import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumPath } from '../../test/browser/browser.js';
import { buildWeb, webIsStale } from '../../web/build.js';
import { controlLedger, controlLedgerSpec } from '../lib/datasets.js';
import { fmt, median } from '../lib/measure.js';
import { measured, unmeasured, valueBelow } from '../lib/rows.js';
import { startAppServer } from '../lib/servers.js';
import type { Figure } from '../lib/types.js';

const DATE_MS = 100;
const KNOWN_MS = 200;
const LOAD_MS = 1_500;
const AT = '2018-01-01';

const rows = {
  date: {
    name: 'map-scrub-date',
    title: 'Map page: one step of the date slider, p95, 1,000 places',
    unit: 'ms',
    baseline: 'p95 of the bare GET /v1/control?at=… for the same dates, same run',
    target: `p95 < ${DATE_MS} ms`,
  },
  known: {
    name: 'map-scrub-known',
    title: 'Map page: one step of the knowledge slider, p95, 1,000 places',
    unit: 'ms',
    baseline: 'p95 of the bare GET /v1/control?at=…&asOf=… for the same positions, same run',
    target: `p95 < ${KNOWN_MS} ms`,
  },
  load: {
    name: 'map-load',
    title: 'Map page: initial load (assets, basemap, registry, first control answer, drawn), p95',
    unit: 'ms',
    baseline: 'p95 of the bare first GET /v1/control?at=… answer, same run',
    target: `p95 < ${fmt(LOAD_MS)} ms`,
  },
};

export const p95 = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
};

/** The durations of the page's performance measures of this name (`sijill:<why>`, see web/src/main.ts). */
const measures = (page: Page, name: string): Promise<number[]> =>
  page.evaluate(`performance.getEntriesByName(${JSON.stringify(name)}, 'measure').map((m) => m.duration)`);

const renders = (page: Page): Promise<number> => page.evaluate('Number(document.body.dataset.renders ?? 0)');

/** Press a key on a focused slider `steps` times, each time waiting until the page has drawn the answer. */
const step = async (page: Page, selector: string, key: string, steps: number) => {
  await page.focus(selector);
  for (let i = 0; i < steps; i++) {
    const before = await renders(page);
    await page.keyboard.press(key);
    await page.waitForFunction(`Number(document.body.dataset.renders ?? 0) > ${before}`);
  }
};

const timed = async (url: string): Promise<number> => {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return performance.now() - started;
};

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Figure `map-scrub` (issue 12): the map page in Chromium over the control-query ledger
 * (1,000 places, 200,000 claims; quick mode 5,000). Times come from the page's own
 * performance measures: from the slider's input event until the frame after the map was
 * restyled (`sijill:date`, `sijill:known`), and from navigation start until the first answer
 * was drawn (`sijill:load`, each load in a fresh browser context: no cached assets). The
 * baseline is the bare `/v1/control` answer for the same queries, fetched from Node in the
 * same run, so the rows say what the page adds to the API.
 */
export const mapScrub: Figure = {
  name: 'map-scrub',
  title: 'The map page: slider steps and initial load in Chromium',
  rows: [rows.date, rows.known, rows.load],
  async run(context) {
    if (!chromiumPath) return unmeasured(this, 'skipped', 'no Chromium (CHROMIUM_PATH or /usr/bin/chromium)');
    if (await webIsStale()) await buildWeb();
    const spec = controlLedgerSpec(context.quick);
    const store = await controlLedger(context.workDir, context.quick, context.log);
    const dir = join(context.workDir, 'map-scrub');
    const size = context.quick ? { loads: 2, dates: 10, known: 5 } : { loads: 7, dates: 60, known: 30 };
    const app = await startAppServer({ store, snapshot: join(dir, 'readmodels.snapshot'), synchronous: 'FULL', demo: false });
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
      const pageUrl = `${app.url}/?at=${AT}`;
      // The service's first answer fills its per-place cache; the page's loads then start warm, as a user's would.
      await timed(`${app.url}/v1/control?at=${AT}`);
      const loads: number[] = [];
      const firstAnswers: number[] = [];
      for (let i = 0; i < size.loads; i++) {
        const fresh = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await fresh.newPage();
        await page.goto(pageUrl);
        await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
        loads.push(...(await measures(page, 'sijill:load')));
        await fresh.close();
        firstAnswers.push(await timed(`${app.url}/v1/control?at=${AT}`));
      }
      context.log(`map-scrub: ${size.loads} loads, ${size.dates} date steps, ${size.known} knowledge steps`);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(pageUrl);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
      await step(page, '#date-slider', 'ArrowRight', size.dates);
      const dates = await measures(page, 'sijill:date');
      await step(page, '#date-slider', 'ArrowLeft', size.dates);
      dates.push(...(await measures(page, 'sijill:date')).slice(dates.length));
      const head = BigInt(await page.evaluate('document.body.dataset.asOf'));
      await step(page, '#known-slider', 'ArrowLeft', size.known);
      const known = await measures(page, 'sijill:known');
      const places = await page.locator('path[data-place]').count();
      await page.close();
      // Baselines: the same queries, bare, from Node.
      const bareDates: number[] = [];
      for (let i = 1; i <= size.dates; i++) bareDates.push(await timed(`${app.url}/v1/control?at=${addDays(AT, i)}`));
      for (let i = size.dates - 1; i >= 0; i--) bareDates.push(await timed(`${app.url}/v1/control?at=${addDays(AT, i)}`));
      const bareKnown: number[] = [];
      for (let i = 1n; i <= BigInt(size.known); i++)
        bareKnown.push(await timed(`${app.url}/v1/control?at=${AT}&asOf=${head - i}`));
      const common = `${spec.places} places (${places} points drawn), ${fmt(spec.claims)} claims; Chromium ${browser.version()} headless, 1400×900`;
      const line = (label: string, xs: number[]) =>
        `${label}: ${xs.length} samples, median ${fmt(median(xs), 1)} ms, p95 ${fmt(p95(xs), 1)} ms, max ${fmt(Math.max(...xs), 1)} ms`;
      return [
        measured({
          ...rows.date,
          value: p95(dates),
          baselineValue: p95(bareDates),
          target: valueBelow(DATE_MS, 'ms p95'),
          notes: [
            common,
            `one day per ArrowRight then ArrowLeft from ${AT}`,
            line('page', dates),
            line('bare API', bareDates),
          ].join('; '),
        }),
        measured({
          ...rows.known,
          value: p95(known),
          baselineValue: p95(bareKnown),
          target: valueBelow(KNOWN_MS, 'ms p95'),
          notes: [
            common,
            `one log position per ArrowLeft from the head ${head}`,
            line('page', known),
            line('bare API', bareKnown),
          ].join('; '),
        }),
        measured({
          ...rows.load,
          value: p95(loads),
          baselineValue: p95(firstAnswers),
          target: valueBelow(LOAD_MS, 'ms p95'),
          notes: [
            common,
            'each load in a fresh browser context (nothing cached), loopback',
            line('page', loads),
            line('bare API', firstAnswers),
          ].join('; '),
        }),
      ];
    } finally {
      await browser?.close();
      await app.stop();
    }
  },
};
