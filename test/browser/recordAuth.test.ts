import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { ARTICLE_ID } from '../../services/demo/workedExample.js';
import { get } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';
import { ARTIFACTS, chromiumPath, launch, type PageTrouble, watch } from './browser.js';

/**
 * The recording page against a service with tokens (`SIJILL_TOKENS`), issue 15 follow-up: it
 * signs in like the map page — the same dialog, the token kept in sessionStorage under the
 * same key (so signing in on one page serves the other), `Authorization: Bearer` on every
 * call, Sign out. Suggestions need the analyst role: a reader is told so. A real socket,
 * Chromium, the worked example and the seed article; what was recorded is read back from the
 * API with the token.
 */
if (!chromiumPath) {
  process.stderr.write(
    'test/browser/recordAuth.test.ts skipped: no Chromium at CHROMIUM_PATH or /usr/bin/chromium (apt-get install chromium; .ci/run does)\n',
  );
}

const READER = 'reader-token-7f3a9c0e5b1d';
const ANALYST = 'analyst-token-2c8e4a6f0d9b';
const TOKEN_KEY = 'sijill.token';

const SEED = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'shared', 'seed', 'alquds-deir-ez-zor-article.ar.txt'),
  'utf8',
);

let given: GivenApp;
let base: string;
let browser: Browser;

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** A page with its trouble and every request it sends, headers included. */
const open = async (path: string) => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const trouble = watch(page);
  const sent: Promise<Sent>[] = [];
  page.on('request', (request) =>
    sent.push(request.allHeaders().then((headers) => ({ method: request.method(), url: request.url(), headers }))),
  );
  await page.goto(`${base}${path}`);
  return { page, trouble, sent: () => Promise.all(sent) };
};

const dialogOpen = (page: Page): Promise<boolean> => page.evaluate(`document.querySelector('#sign-in').open`);
const focused = (page: Page): Promise<string> => page.evaluate('document.activeElement?.id ?? ""');
const stored = (page: Page): Promise<string | null> => page.evaluate(`sessionStorage.getItem('${TOKEN_KEY}')`);
const ready = (page: Page) => page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

const enterToken = async (page: Page, token: string) => {
  await page.waitForSelector('#sign-in[open]');
  await page.getByLabel('Access token').fill(token);
  await page.keyboard.press('Enter');
};

const suggestFor = async (page: Page, text: string) => {
  await page.selectOption('#article', ARTICLE_ID);
  await page.fill('#text', text);
  await page.click('#suggest');
};

/**
 * 401s are what the page meets before it signs in; Chromium logs each as a console error, and
 * reports as aborted a request whose answer the page did not read (a 401's body; the token
 * check's).
 */
const apart401 = (trouble: PageTrouble) => ({
  consoleErrors: trouble.consoleErrors.filter((e) => !e.includes('status of 401')),
  failedRequests: trouble.failedRequests.filter((f) => !f.startsWith('401 ') && !f.endsWith('net::ERR_ABORTED')),
});

const asAnalyst = { authorization: `Bearer ${ANALYST}` };

describe.skipIf(!chromiumPath)('the recording page with tokens, in Chromium', () => {
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

  it('asks for the token in the labelled dialog; with the analyst token, suggests claims for the seed article and records an accepted one as the analyst', async () => {
    const { page, trouble, sent } = await open('/record');
    await page.waitForSelector('#sign-in[open]');
    expect(await page.getByRole('dialog', { name: 'Sign in to the ledger' }).isVisible()).toBe(true);
    expect(await focused(page)).toBe('sign-in-token');
    expect(await page.isHidden('#sign-out')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'record-sign-in.png') });
    await enterToken(page, ANALYST);
    await ready(page);
    expect(await dialogOpen(page)).toBe(false);
    expect(await stored(page)).toBe(ANALYST);
    expect(await page.isVisible('#sign-out')).toBe(true);
    expect(await page.locator('#article option').count()).toBeGreaterThan(0);

    await suggestFor(page, SEED);
    await page.waitForSelector('#results[data-state="shown"]');
    const control = page.locator('li.suggestion[data-kind="control"]');
    expect(await control.count()).toBe(1);
    expect(await control.locator('select[data-field="placeId"]').inputValue()).toBe('al-susa');
    const head = await given.head();
    await control.locator('button.accept').click();
    await page.waitForSelector('li.suggestion[data-kind="control"][data-state="accepted"]');
    expect(await given.head()).toBeGreaterThan(head);

    const claimId = (await control.getAttribute('data-claim'))!;
    const answer = await get(given, `/v1/claims/${encodeURIComponent(claimId)}`, asAnalyst);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({
      kind: 'control',
      current: { placeId: 'al-susa', actorIds: ['deir-ez-zor-military-council'], share: 0.8 },
      recorded: { principal: 'amina' },
      provenance: { kind: 'suggestion', suggestionId: await control.getAttribute('data-id') },
    });

    // From the first call that carried the token on, every API call carries it; no URL does.
    const requests = await sent();
    expect(requests.filter((r) => r.url.includes(ANALYST))).toEqual([]);
    expect(page.url()).not.toContain(ANALYST);
    const api = requests.filter((r) => new URL(r.url).pathname.startsWith('/v1/'));
    const first = api.findIndex((r) => r.headers.authorization !== undefined);
    expect(first).toBeGreaterThan(0);
    for (const request of api.slice(first)) expect(request.headers.authorization, request.url).toBe(`Bearer ${ANALYST}`);
    expect(api.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual([
      `/v1/articles/${ARTICLE_ID}/suggestions`,
      '/v1/claims',
    ]);
    expect(apart401(trouble)).toEqual({ consoleErrors: [], failedRequests: [] });
    await page.close();
  });

  it('a token kept on the map page serves /record (the same key): it asks for none', async () => {
    const { page, trouble } = await open('/?at=2018-11-14');
    await enterToken(page, ANALYST);
    await ready(page);
    await page.goto(`${base}/record`);
    await ready(page);
    expect(await dialogOpen(page)).toBe(false);
    expect(await stored(page)).toBe(ANALYST);
    expect(await page.locator('#article option').count()).toBeGreaterThan(0);
    // …and the other way round: back on the map, still signed in.
    await page.goto(`${base}/?at=2018-11-14`);
    await ready(page);
    expect(await dialogOpen(page)).toBe(false);
    expect(apart401(trouble).consoleErrors).toEqual([]);
    await page.close();
  });

  it('a token that stops working mid-way: asking for suggestions opens the dialog, and once signed in the same request is sent again with the pasted text', async () => {
    const { page, sent } = await open('/record');
    await enterToken(page, ANALYST);
    await ready(page);
    // The token held is no longer one the service takes (revoked, or the configuration changed).
    await page.evaluate(`sessionStorage.setItem('${TOKEN_KEY}', 'revoked-token-0123456789')`);
    await suggestFor(page, SEED);
    await enterToken(page, ANALYST);
    await page.waitForSelector('#results[data-state="shown"]');
    expect(await page.locator('li.suggestion[data-kind="control"]').count()).toBe(1);
    expect(await page.inputValue('#text')).toBe(SEED);
    const posts = (await sent()).filter((r) => r.method === 'POST');
    expect(posts.map((r) => [new URL(r.url).pathname, r.headers.authorization])).toEqual([
      [`/v1/articles/${ARTICLE_ID}/suggestions`, 'Bearer revoked-token-0123456789'],
      [`/v1/articles/${ARTICLE_ID}/suggestions`, `Bearer ${ANALYST}`],
    ]);
    await page.close();
  });

  it('with a reader token, the page loads and asking for suggestions says they need the analyst role; nothing is recorded', async () => {
    const { page, trouble } = await open('/record');
    await enterToken(page, READER);
    await ready(page);
    const head = await given.head();
    await suggestFor(page, SEED);
    await page.waitForSelector('#results[data-state="failed"]', { state: 'attached' });
    const status = await page.textContent('#status');
    expect(status).toContain('analyst role');
    expect(status).toContain('omar has the reader role');
    expect(status).toContain('Sign out, then sign in with a token that has that role');
    expect(await page.getAttribute('#status', 'role')).toBe('alert');
    await page.screenshot({ path: join(ARTIFACTS, 'record-reader.png') });
    expect(await page.isHidden('#results')).toBe(true);
    // Still signed in as the reader, free to sign out and in again; no dialog forced open.
    expect(await dialogOpen(page)).toBe(false);
    expect(await page.isVisible('#sign-out')).toBe(true);
    expect(await given.head()).toBe(head);
    expect(trouble.consoleErrors.filter((e) => !e.includes('status of 403') && !e.includes('status of 401'))).toEqual([]);
    await page.close();
  });

  it('Escape declines: the page says how to sign in and its Sign in button asks again; Sign out forgets the token and asks again', async () => {
    const { page } = await open('/record');
    await page.waitForSelector('#sign-in[open]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#sign-in-open:visible');
    expect(await dialogOpen(page)).toBe(false);
    expect(await page.textContent('#status')).toContain('sign in with an access token');
    expect(await stored(page)).toBeNull();
    await page.click('#sign-in-open');
    await page.waitForSelector('#sign-in[open]');
    expect(await focused(page)).toBe('sign-in-token');
    await page.getByLabel('Access token').fill(ANALYST);
    await page.click('#sign-in-submit');
    await ready(page);
    expect(await page.isHidden('#sign-in-open')).toBe(true);
    expect(await stored(page)).toBe(ANALYST);

    await page.click('#sign-out');
    await page.waitForSelector('#sign-in[open]');
    expect(await stored(page)).toBeNull();
    expect(await page.isHidden('#sign-out')).toBe(true);
    await page.close();
  });
});
