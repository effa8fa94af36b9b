/**
 * Firefox (or Firefox ESR) through Puppeteer over WebDriver BiDi, the extension installed as a
 * temporary add-on (`browser.installExtension`), and the demo feed answered by request interception
 * page by page (Puppeteer has no context-wide routing in Firefox).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_FEED_URL } from '../demo-site';
import { demoReply } from './demo-files';

export async function launchFirefox(executablePath: string, headed: boolean): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath,
    headless: !headed,
    userDataDir: mkdtempSync(join(tmpdir(), 'momo-demo-firefox-')),
    // A window the user can resize when there is one; a fixed size for the screenshots otherwise.
    defaultViewport: headed ? null : { width: 1100, height: 900 },
  });
}

export async function installExtension(browser: Browser, extensionDir: string): Promise<void> {
  await browser.installExtension(extensionDir);
}

/** Answers the page's web requests from the demo's files and refuses every other site. */
export async function serveDemoPage(page: Page): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    // The extension's own moz-extension:// files (the momo avatar) load as usual.
    if (!/^https?:/.test(request.url())) return void request.continue().catch(() => undefined);
    const reply = demoReply(request.url());
    // The page may be gone by the time the reply is ready: nothing to answer then.
    const answered = reply ? request.respond({ status: reply.status, contentType: reply.contentType, body: reply.body }) : request.abort();
    answered.catch(() => undefined);
  });
}

async function poll(page: Page, check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    // Between documents evaluate throws: try again.
    if (await page.evaluate(check).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Firefox: waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Opens the feed in a new tab and waits until its posts and pictures are there. The goto is not
 * awaited: in Firefox over BiDi an awaited goto can time out although the page loads.
 */
export async function openFeed(browser: Browser, page?: Page): Promise<Page> {
  page ??= await browser.newPage();
  await serveDemoPage(page);
  void page.goto(DEMO_FEED_URL).catch(() => undefined);
  await poll(page, () => document.querySelector('article.post') !== null, 'the feed’s posts');
  await poll(page, () => [...document.images].every((image) => image.complete), 'the feed’s pictures');
  return page;
}
