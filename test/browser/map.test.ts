import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { ARTICLE_ID } from '../../services/demo/workedExample.js';
import { post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';
import { ARTIFACTS, chromiumPath, launch, type PageTrouble, renders, rendersReach, unlessSuperseded, watch } from './browser.js';

/**
 * The map page in a real browser (issue 12): the service on a real socket with the worked
 * example loaded, Chromium driven by playwright-core. Everything is read from the page's DOM,
 * never from the API. The tests share one ledger and run in order: the later ones append a
 * correction, a weakly graded claim and a live claim. Screenshots go to `.ci/artifacts/`.
 */
if (!chromiumPath) {
  process.stderr.write(
    'test/browser/map.test.ts skipped: no Chromium at CHROMIUM_PATH or /usr/bin/chromium (apt-get install chromium; .ci/run does)\n',
  );
}

let given: GivenApp;
let base: string;
let browser: Browser;

const open = async (query: string): Promise<{ page: Page; trouble: PageTrouble }> => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const trouble = watch(page);
  await page.goto(`${base}/${query}`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  return { page, trouble };
};

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `map-${name}.png`) });

/** Click a place's point on the map and wait for its evidence panel to finish loading. */
const openPanel = async (page: Page, placeId: string) => {
  await page.click(`path[data-place="${placeId}"]`);
  await page.waitForSelector(`#panel[data-place="${placeId}"][aria-busy="false"]`);
};

const shareOf = (page: Page, actorId: string) =>
  page.getAttribute(`#panel .shares li[data-actor="${actorId}"]`, 'data-share').then(Number);

const write = async (url: string, body: unknown) => {
  const response = await post(given, url, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { position: string };
};

describe.skipIf(!chromiumPath)('the map page in Chromium', () => {
  beforeAll(async () => {
    given = await givenApp();
    await loadWorkedExample(given.store);
    base = await given.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await given?.close();
  });

  it('loads with the basemap, the places and the attribution, with no console error and no failed request', async () => {
    const { page, trouble } = await open('');
    await rendersReach(page, 1);
    // COD-AB outlines: 14 governorates + 62 districts + 272 sub-districts (+ the country).
    expect(await page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThanOrEqual(14 + 62 + 272);
    expect(await page.locator('path[data-place]').count()).toBe(10);
    expect(await page.textContent('.leaflet-control-attribution')).toContain('OCHA COD-AB');
    // A ledger without tokens: no dialog, nothing to sign in or out of, live updates on.
    expect(await page.evaluate(`document.querySelector('#sign-in').open`)).toBe(false);
    expect(await page.isHidden('#sign-in-open')).toBe(true);
    expect(await page.isHidden('#sign-out')).toBe(true);
    await page.waitForSelector('body[data-live="true"]', { state: 'attached' });
    await shot(page, 'load');
    expect(trouble.consoleErrors).toEqual([]);
    expect(trouble.failedRequests).toEqual([]);
    await page.close();
  });

  it('at 2018-11-14 shows al-Susa contested, SDF (its Deir ez-Zor Military Council) 80% and ISIS 20%, its area striped', async () => {
    const { page, trouble } = await open('?at=2018-11-14');
    await openPanel(page, 'al-susa');
    expect(await page.textContent('#panel [data-field="status"]')).toBe('Contested');
    expect(await page.textContent('#panel [data-field="controller"]')).toContain('Deir ez-Zor Military Council (SDF)');
    expect(await shareOf(page, 'deir-ez-zor-military-council')).toBe(0.8);
    expect(await page.textContent('#panel .shares li[data-actor="deir-ez-zor-military-council"]')).toContain('80%');
    expect(await shareOf(page, 'isis')).toBe(0.2);
    const area = page.locator('path[data-area="al-susa"]');
    expect(await area.getAttribute('data-status')).toBe('contested');
    expect(await area.getAttribute('fill')).toMatch(/^url\(#contested-/);
    expect(await page.textContent('#panel .history')).toContain('2018-11-13 → now');
    expect(new URL(page.url()).searchParams.get('place')).toBe('al-susa');
    await shot(page, 'al-susa-contested');
    expect(trouble.consoleErrors).toEqual([]);
    expect(unlessSuperseded(trouble.failedRequests)).toEqual([]);
    await page.close();
  });

  it("shows al-Susa's claim quoted in Arabic, right to left, in the bundled Noto Sans Arabic", async () => {
    const { page } = await open('?at=2018-11-14&place=al-susa');
    await page.waitForSelector('#panel[data-place="al-susa"][aria-busy="false"]');
    const selector = '#panel article[data-claim="sdf-controls-80pct-al-susa"] blockquote';
    const quote = page.locator(selector);
    expect(await quote.textContent()).toBe('السيطرة على 80 بالمئة من بلدة السوسة');
    expect(await quote.getAttribute('lang')).toBe('ar');
    expect(await quote.getAttribute('dir')).toBe('rtl');
    // (Expressions run in the page, written as text: the test program has no DOM types.)
    const style = `getComputedStyle(document.querySelector('${selector.replaceAll("'", "\\'")}'))`;
    expect(await page.evaluate(`${style}.direction`)).toBe('rtl');
    expect(await page.evaluate(`${style}.fontFamily`)).toMatch(/^"?Noto Sans Arabic/);
    // The font file itself came from the service (offline), and is what renders the text.
    await page.evaluate('document.fonts.ready');
    expect(await page.evaluate(`document.fonts.check('16px "Noto Sans Arabic"', 'السوسة')`)).toBe(true);
    expect(
      await page.evaluate(
        `[...document.fonts].some((f) => f.family.replaceAll('"', '') === 'Noto Sans Arabic' && f.status === 'loaded')`,
      ),
    ).toBe(true);
    await shot(page, 'arabic-quote');
    await page.close();
  });

  it('restores the view a link holds: date, grade, open place and map position', async () => {
    const { page } = await open('?at=2018-10-20&grade=B3&place=al-susa&map=9/34.6/40.8');
    await page.waitForSelector('#panel[data-place="al-susa"][aria-busy="false"]');
    expect(await page.inputValue('#date-input')).toBe('2018-10-20');
    expect(await page.isChecked('input[name="grade"][value="B3"]')).toBe(true);
    expect(await page.textContent('#panel [data-field="status"]')).toBe('Controlled');
    expect(await shareOf(page, 'isis')).toBe(1);
    expect(await page.textContent('.legend')).toContain('Well-graded only (B3 or better)');
    // The map kept the link's zoom and centre (to within Leaflet's rounding when the panel resized it).
    const [zoom, lat, lon] = new URL(page.url()).searchParams.get('map')!.split('/').map(Number);
    expect(zoom).toBe(9);
    expect(Math.abs(lat! - 34.6)).toBeLessThan(0.01);
    expect(Math.abs(lon! - 40.8)).toBeLessThan(0.01);
    await page.close();
  });

  it('a link with asOf opens pinned at that position, the way back to latest offered', async () => {
    const page1 = (await (await fetch(`${base}/v1/events?limit=1&direction=backwards`)).json()) as { head: string };
    const head = Number(page1.head);
    const asOf = head - 1;
    const { page } = await open(`?at=2018-11-14&asOf=${asOf}`);
    // Once the log's extent arrived, the slider still says what the link asked — not "latest".
    await page.waitForFunction(`document.querySelector('#known-slider')?.getAttribute('max') !== '${asOf}'`);
    expect(await page.inputValue('#known-slider')).toBe(String(asOf));
    expect(await page.textContent('#known-label')).toContain(`As known at position ${asOf} of`);
    expect(await page.isDisabled('#known-latest')).toBe(false);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(String(asOf));
    await page.close();
  });

  it('steps the date to the next change of control from /v1/replay', async () => {
    const { page } = await open('?at=2018-10-15');
    const before = await renders(page);
    await page.click('#next-change');
    await rendersReach(page, before + 1);
    expect(await page.inputValue('#date-input')).toBe('2018-11-13');
    expect(await page.getAttribute('path[data-place="al-susa"]', 'data-status')).toBe('contested');
    await page.close();
  });

  it('moving the knowledge slider to before a correction shows what the ledger knew then', async () => {
    const correction = await write('/v1/claims/sdf-controls-80pct-al-susa/corrections', {
      changes: { share: 0.6 },
      reason: 'SDF media revised the figure to 60%',
    });
    const { page, trouble } = await open('?at=2018-11-14&place=al-susa');
    await page.waitForSelector('#panel[data-place="al-susa"][aria-busy="false"]');
    expect(await shareOf(page, 'deir-ez-zor-military-council')).toBe(0.6);
    const marker = page.locator(`#known-markers .marker.correction[data-position="${correction.position}"]`);
    await marker.waitFor();
    const before = await renders(page);
    await marker.click();
    await rendersReach(page, before + 1);
    await page.waitForSelector('#panel[data-place="al-susa"][aria-busy="false"]');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(String(BigInt(correction.position) - 1n));
    expect(await shareOf(page, 'deir-ez-zor-military-council')).toBe(0.8);
    expect(await page.textContent('#panel .follow-ups .correction')).toContain('recorded after this moment');
    await shot(page, 'before-correction');
    // Keyboard: End moves the knowledge slider back to everything known.
    const moved = await renders(page);
    await page.focus('#known-slider');
    await page.keyboard.press('End');
    await rendersReach(page, moved + 1);
    await page.waitForSelector('#panel[data-place="al-susa"][aria-busy="false"]');
    expect(await shareOf(page, 'deir-ez-zor-military-council')).toBe(0.6);
    expect(new URL(page.url()).searchParams.has('asOf')).toBe(false);
    expect(trouble.consoleErrors).toEqual([]);
    expect(unlessSuperseded(trouble.failedRequests)).toEqual([]);
    await page.close();
  });

  it('"well-graded only" (minGrade B3) hides a place supported only by weak reports', async () => {
    await write('/v1/sources', { id: 'rumour-channel', name: { en: 'Rumour channel' }, kind: 'social_media', reliability: 'E' });
    await write('/v1/articles', {
      id: 'rumour-2018-11-02',
      sourceId: 'rumour-channel',
      title: 'داعش يسيطر على هجين',
      language: 'ar',
      publishedAt: '2018-11-02',
    });
    await write('/v1/places', {
      id: 'hajin',
      names: { en: 'Hajin', ar: 'هجين', variants: [] },
      kind: 'subdistrict',
      parentId: 'abu-kamal-district',
      location: { lat: 34.85, lon: 40.97, approximate: true },
      pcode: 'SY090201',
    });
    await write('/v1/claims', {
      id: 'rumour-isis-holds-hajin',
      articleId: 'rumour-2018-11-02',
      kind: 'control',
      placeId: 'hajin',
      actorIds: ['isis'],
      share: 1,
      validTime: { date: '2018-11-01' },
      credibility: 5,
    });
    const { page } = await open('?at=2018-11-14');
    await rendersReach(page, 1);
    expect(await page.getAttribute('path[data-place="hajin"]', 'data-status')).toBe('controlled');
    expect(await page.getAttribute('path[data-area="hajin"]', 'data-status')).toBe('controlled');
    const before = await renders(page);
    await page.getByLabel('Well-graded only (B3 or better)').check();
    await rendersReach(page, before + 1);
    expect(await page.getAttribute('path[data-place="hajin"]', 'data-status')).toBe('unknown');
    expect(await page.locator('path[data-area="hajin"]').count()).toBe(0);
    expect(await page.getAttribute('path[data-place="al-susa"]', 'data-status')).toBe('contested');
    expect(new URL(page.url()).searchParams.get('grade')).toBe('B3');
    await shot(page, 'well-graded-only');
    await page.close();
  });

  it('searching in Arabic flies to the place and opens its evidence', async () => {
    const { page } = await open('?at=2018-11-14');
    await page.fill('#search', 'السوسة');
    await page.waitForSelector('#search-results [role="option"][aria-selected="true"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel[data-place="al-susa"][aria-busy="false"]');
    expect(await page.textContent('#panel-title')).toContain('al-Susa');
    expect(await page.evaluate('document.activeElement?.id')).toBe('panel-title');
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#panel')).toBe(true);
    await page.close();
  });

  it('shows a claim posted through the API on the open page within 2 s, without reload', async () => {
    const { page, trouble } = await open('?at=2018-11-14');
    await page.waitForSelector('body[data-live="true"]', { state: 'attached' });
    expect(await page.getAttribute('path[data-place="mahkan"]', 'data-status')).toBe('unknown');
    const started = performance.now();
    await write('/v1/claims', {
      id: 'russia-holds-mahkan',
      articleId: ARTICLE_ID,
      kind: 'control',
      placeId: 'mahkan',
      actorIds: ['russian-armed-forces'],
      share: 1,
      validTime: { date: '2018-11-01' },
      credibility: 3,
      attributedTo: 'al-furat-post',
    });
    await page.waitForSelector('path[data-place="mahkan"][data-status="controlled"]', { state: 'attached', timeout: 2_000 });
    expect(performance.now() - started).toBeLessThan(2_000);
    await shot(page, 'live');
    expect(trouble.consoleErrors).toEqual([]);
    expect(unlessSuperseded(trouble.failedRequests)).toEqual([]);
    await page.close();
  });
});
