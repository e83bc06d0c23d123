import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * A real browser for the page tests: Debian's `chromium` (or `CHROMIUM_PATH`) driven by
 * playwright-core. `chromiumPath` is undefined when there is none; the tests then skip,
 * saying why (`.ci/run` installs it with apt-get).
 */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);

export const ARTIFACTS = join(import.meta.dirname, '..', '..', '.ci', 'artifacts');

export const launch = async (): Promise<Browser> => {
  await mkdir(ARTIFACTS, { recursive: true });
  // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-gpu'] });
};

/** What went wrong on a page: console errors, uncaught exceptions, failed requests and HTTP errors. */
export interface PageTrouble {
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
}

export const watch = (page: Page): PageTrouble => {
  const trouble: PageTrouble = { consoleErrors: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => trouble.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    trouble.failedRequests.push(`${request.method()} ${request.url()}: ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) trouble.failedRequests.push(`${response.status()} ${response.url()}`);
  });
  return trouble;
};

/** Requests the page cancels itself: a newer slider position supersedes an answer still on its way. */
export const unlessSuperseded = (failed: readonly string[]) => failed.filter((f) => !f.endsWith('net::ERR_ABORTED'));

/**
 * Wait until the page has drawn `count` answers in all (`document.body.dataset.renders`).
 * Page-side expressions are text: the test program has no DOM types.
 */
export const rendersReach = (page: Page, count: number) =>
  page.waitForFunction(`Number(document.body.dataset.renders ?? 0) >= ${Number(count)}`);

export const renders = (page: Page): Promise<number> => page.evaluate('Number(document.body.dataset.renders ?? 0)');
