import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { ARTICLE_ID } from '../../services/demo/workedExample.js';
import { post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';
import { chromiumPath, launch, type PageTrouble, renders, watch } from './browser.js';

/**
 * The map page against a service with tokens (`SIJILL_TOKENS`): every API call answers 401
 * until the page holds a token, so it asks for one in a dialog, keeps it in sessionStorage
 * (never in a URL), and sends it as `Authorization: Bearer` on every call, the live feed
 * included (fetch-based SSE: EventSource cannot send the header). A real socket, Chromium,
 * the worked example; everything read from the page.
 */
if (!chromiumPath) {
  process.stderr.write(
    'test/browser/mapAuth.test.ts skipped: no Chromium at CHROMIUM_PATH or /usr/bin/chromium (apt-get install chromium; .ci/run does)\n',
  );
}

const READER = 'reader-token-7f3a9c0e5b1d';
const ANALYST = 'analyst-token-2c8e4a6f0d9b';
const TOKEN_KEY = 'sijill.token';

let given: GivenApp;
let base: string;
let browser: Browser;

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** A page with its trouble and every request it sends, headers included. */
const open = async (query: string) => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const trouble = watch(page);
  const sent: Promise<Sent>[] = [];
  page.on('request', (request) => sent.push(request.allHeaders().then((headers) => ({ url: request.url(), headers }))));
  await page.goto(`${base}/${query}`);
  return { page, trouble, sent: () => Promise.all(sent) };
};

const dialogOpen = (page: Page): Promise<boolean> => page.evaluate(`document.querySelector('#sign-in').open`);
const focused = (page: Page): Promise<string> => page.evaluate('document.activeElement?.id ?? ""');
const stored = (page: Page): Promise<string | null> => page.evaluate(`sessionStorage.getItem('${TOKEN_KEY}')`);

const enterToken = async (page: Page, token: string) => {
  await page.waitForSelector('#sign-in[open]');
  await page.getByLabel('Access token').fill(token);
  await page.keyboard.press('Enter');
};

/** 401s are what the page meets before it signs in; Chromium logs each as a console error. */
const apart401 = (trouble: PageTrouble) => ({
  consoleErrors: trouble.consoleErrors.filter((e) => !e.includes('status of 401')),
  failedRequests: trouble.failedRequests.filter((f) => !f.startsWith('401 ') && !f.endsWith('net::ERR_ABORTED')),
});

const write = async (url: string, body: unknown) => {
  const response = await post(given, url, body, { authorization: `Bearer ${ANALYST}` });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { position: string };
};

const controlClaim = (id: string, placeId: string) => ({
  id,
  articleId: ARTICLE_ID,
  kind: 'control',
  placeId,
  actorIds: ['russian-armed-forces'],
  share: 1,
  validTime: { date: '2018-11-01' },
  credibility: 3,
});

describe.skipIf(!chromiumPath)('the map page with tokens, in Chromium', () => {
  beforeAll(async () => {
    given = await givenApp({ SIJILL_TOKENS: `${READER}=omar:reader,${ANALYST}=amina:analyst` });
    await loadWorkedExample(given.store);
    base = await given.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await given?.close();
  });

  it('asks for a token in a labelled dialog, the focus in its field; a wrong token shows an error and nothing else', async () => {
    const { page, trouble, sent } = await open('?at=2018-11-14');
    await page.waitForSelector('#sign-in[open]');
    expect(await page.getByRole('dialog', { name: 'Sign in to the ledger' }).isVisible()).toBe(true);
    expect(await focused(page)).toBe('sign-in-token');
    await enterToken(page, 'wrong-token-0123456789');
    await page.waitForSelector('#sign-in-error:not(:empty)');
    expect(await page.textContent('#sign-in-error')).toBe('This token was not accepted. Check it and try again.');
    expect(await page.getAttribute('#sign-in-token', 'aria-invalid')).toBe('true');
    // Nothing else: still asking, the focus still in the field, nothing kept, nothing drawn.
    expect(await dialogOpen(page)).toBe(true);
    expect(await focused(page)).toBe('sign-in-token');
    expect(await stored(page)).toBeNull();
    expect(await renders(page)).toBe(0);
    expect(await page.locator('path[data-place]').count()).toBe(0);
    expect(await page.isHidden('#sign-out')).toBe(true);
    const requests = await sent();
    expect(requests.filter((r) => r.url.includes('wrong-token'))).toEqual([]);
    expect(page.url()).not.toContain('wrong-token');
    expect(apart401(trouble)).toEqual({ consoleErrors: [], failedRequests: [] });
    await page.close();
  });

  it('with a reader token shows al-Susa contested; the token is kept in sessionStorage, sent on every call, never in a URL', async () => {
    const { page, trouble, sent } = await open('?at=2018-11-14');
    await enterToken(page, READER);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    expect(await dialogOpen(page)).toBe(false);
    expect(await page.getAttribute('path[data-place="al-susa"]', 'data-status')).toBe('contested');
    expect(await page.getAttribute('path[data-area="al-susa"]', 'data-status')).toBe('contested');
    expect(await stored(page)).toBe(READER);
    expect(await page.isVisible('#sign-out')).toBe(true);
    const requests = await sent();
    expect(
      requests.filter((r) => r.url.includes(READER)),
      'a URL with the token',
    ).toEqual([]);
    expect(page.url()).not.toContain(READER);
    // From the first call that carried it on, every API call carries it.
    const api = requests.filter((r) => new URL(r.url).pathname.startsWith('/v1/'));
    const first = api.findIndex((r) => r.headers.authorization !== undefined);
    expect(first).toBeGreaterThan(0);
    for (const request of api.slice(first)) expect(request.headers.authorization, request.url).toBe(`Bearer ${READER}`);
    expect(api.some((r) => r.url.includes('/v1/subscribe'))).toBe(true);
    expect(apart401(trouble)).toEqual({ consoleErrors: [], failedRequests: [] });
    await page.close();
  });

  it('shows a claim posted with the analyst token within 2 s; after a dropped feed, resumes with Last-Event-ID and the token', async () => {
    const { page, trouble, sent } = await open('?at=2018-11-14');
    await enterToken(page, READER);
    await page.waitForSelector('body[data-live="true"]', { state: 'attached' });
    expect(await page.getAttribute('path[data-place="mahkan"]', 'data-status')).toBe('unknown');
    const started = performance.now();
    const live = await write('/v1/claims', controlClaim('russia-holds-mahkan', 'mahkan'));
    await page.waitForSelector('path[data-place="mahkan"][data-status="controlled"]', { state: 'attached', timeout: 2_000 });
    expect(performance.now() - started).toBeLessThan(2_000);

    // The connection drops; a claim recorded meanwhile arrives when the page reconnects.
    given.ledger.sse.destroyAll();
    await page.waitForSelector('body[data-live="false"]', { state: 'attached' });
    await write('/v1/claims', controlClaim('russia-holds-al-mayadin', 'al-mayadin'));
    await page.waitForSelector('path[data-place="al-mayadin"][data-status="controlled"]', { state: 'attached', timeout: 10_000 });
    const feeds = (await sent()).filter((r) => r.url.includes('/v1/subscribe'));
    expect(feeds.length).toBeGreaterThanOrEqual(2);
    expect(feeds.map((r) => r.headers.authorization)).toEqual(feeds.map(() => `Bearer ${READER}`));
    expect(feeds[0]!.headers['last-event-id']).toBeUndefined();
    expect(feeds.at(-1)!.headers['last-event-id']).toBe(live.position);
    // Chromium logs the connection the test cut; nothing else went wrong.
    expect(apart401(trouble).consoleErrors.filter((e) => !e.includes('ERR_INCOMPLETE_CHUNKED_ENCODING'))).toEqual([]);
    await page.close();
  });

  it('Escape declines: the page says how to sign in, and its Sign in button asks again', async () => {
    const { page } = await open('?at=2018-11-14');
    await page.waitForSelector('#sign-in[open]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#sign-in-open:visible');
    expect(await dialogOpen(page)).toBe(false);
    expect(await page.textContent('#status')).toContain('sign in with an access token');
    expect(await stored(page)).toBeNull();
    await page.click('#sign-in-open');
    await page.waitForSelector('#sign-in[open]');
    expect(await focused(page)).toBe('sign-in-token');
    await page.getByLabel('Access token').fill(READER);
    await page.click('#sign-in-submit');
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    expect(await page.getAttribute('path[data-place="al-susa"]', 'data-status')).toBe('contested');
    expect(await page.isHidden('#sign-in-open')).toBe(true);
    await page.close();
  });

  it('keeps the token across a reload; Sign out forgets it and the page asks again', async () => {
    const { page } = await open('?at=2018-11-14');
    await enterToken(page, READER);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    expect(await dialogOpen(page)).toBe(false);
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in[open]');
    expect(await stored(page)).toBeNull();
    expect(await page.isHidden('#sign-out')).toBe(true);
    expect(new URL(page.url()).searchParams.get('at')).toBe('2018-11-14');
    await page.close();
  });
});
