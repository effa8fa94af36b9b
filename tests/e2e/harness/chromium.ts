import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { FakeInternet } from './serve';
import type { BrowserSession, TestPage } from './session';

export const CHROME_DIST = resolve(process.env.MOMO_DIST ?? resolve(__dirname, '../../../dist-demo'), 'chrome');

function wrap(page: Page): TestPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    // caret: 'initial' keeps Playwright from writing style="" onto the page's inputs.
    screenshot: () => page.screenshot({ caret: 'initial' }),
    close: () => page.close(),
    waitFor: async (fn, arg, timeout = 10_000) => {
      await page.waitForFunction(fn as never, arg, { timeout });
    },
    url: () => page.url(),
    // A person clicks in the tab they look at (a background tab renders rarely, and Playwright waits for frames).
    click: async (selector) => {
      await page.bringToFront();
      await page.click(selector);
    },
  };
}

/** Debian's Chromium with the built extension; web requests answered by `internet`. */
export async function launchChromium(
  internet: FakeInternet,
  dist = CHROME_DIST,
  extraArgs: string[] = [],
): Promise<BrowserSession & { context: import('playwright-core').BrowserContext; extensionId: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'momo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
  // Only http(s): a catch-all would also answer the extension's own chrome-extension:// files.
  await context.route(/^https?:/, (route) => {
    const request = route.request();
    let documentUrl: string | undefined;
    try {
      documentUrl = request.frame().url();
    } catch {
      // a request from the service worker has no frame
    }
    const reply = internet.reply(request.url(), request.resourceType(), documentUrl);
    return route.fulfill({ status: reply.status, headers: reply.headers, body: reply.body });
  });
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => message.type() === 'error' && errors.push(`${page.url()}: ${message.text()}`));
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  };
  context.on('page', watch);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;
  return {
    name: 'chromium',
    context,
    extensionId,
    extensionUrl,
    async open(url) {
      const page = await context.newPage();
      // In front, as the tab a person reads: a background tab may get no frames at all, and a
      // test's wait for one (or Playwright's screenshot) would hang (CI once: 180 s, no verdict).
      await page.bringToFront();
      // A 4 MB saved page on a busy 2-core machine can take longer than Playwright's 30 s default to load.
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      return wrap(page);
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(extensionUrl(path));
      return wrap(page);
    },
    consoleErrors: () => errors.slice(),
    close: () => context.close(),
  };
}
