import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type HTTPRequest, type LaunchOptions, type Page } from 'puppeteer-core';
import type { FakeInternet } from './serve';
import type { BrowserSession, TestPage } from './session';

// import.meta.url, not __dirname: the bench (scripts/bench/firefox.ts) loads this file as an ES module too.
export const FIREFOX_DIST = resolve(process.env.MOMO_DIST ?? fileURLToPath(new URL('../../../dist-demo', import.meta.url)), 'firefox');
export const GECKO_ID = 'momo-mask@momomask.app';
/** A fixed internal UUID gives the extension a predictable moz-extension:// address. */
export const FIREFOX_UUID = '6f1b7d2e-5c3a-4e8b-9d10-4a2f6c8e9b01';

/**
 * Puppeteer's waitForFunction does not return on pages served with `script-src 'none'` in Firefox;
 * polling with plain evaluate calls does.
 */
async function pollInPage<A>(page: Page, fn: (arg: A) => boolean, arg: A | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await page.evaluate(fn as never, arg)) return;
    } catch {
      // the page is between documents: try again
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${String(fn).slice(0, 120)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Puppeteer's Firefox backend throws UnsupportedOperation for resourceType(); the URL then decides. */
function resourceTypeOf(request: HTTPRequest): string | undefined {
  try {
    return request.resourceType();
  } catch {
    return undefined;
  }
}

function wrap(page: Page): TestPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    screenshot: async () => Buffer.from(await page.screenshot()),
    close: () => page.close(),
    waitFor: (fn, arg, timeout = 10_000) => pollInPage(page, fn, arg, timeout),
    url: () => page.url(),
    // A person clicks in the tab they look at. A tab left in the background (another test page was
    // opened after it) gets its rendering throttled by Firefox, more each time, and Puppeteer's
    // click waits for an IntersectionObserver callback that comes with rendering: 1, 2, 4, 8… s.
    click: async (selector) => {
      await page.bringToFront();
      await page.click(selector);
    },
  };
}

export interface FirefoxOptions {
  dist?: string;
  prefs?: Record<string, unknown>;
  /** Leave the extension out until `install()` is called (to test tabs opened before install). */
  installLater?: boolean;
  /** Accept any certificate (a test's own TLS server for the extension's requests). */
  acceptInsecureCerts?: boolean;
}

const BASE_LAUNCH: LaunchOptions = {
  browser: 'firefox',
  protocol: 'webDriverBiDi',
  executablePath: '/usr/bin/firefox-esr',
  headless: true,
  args: ['--remote-allow-system-access'],
};

/**
 * A profile Firefox has started in once, with no extension, copied for each launch: Firefox's first
 * start in an empty profile (its databases, caches) takes 1.3 s longer here, and the suite launches
 * it about 17 times (e2e files run in one process: vitest.config.ts). Puppeteer writes each launch's
 * prefs into the copy.
 */
let template: Promise<string> | undefined;

async function freshProfile(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'momo-firefox-template-'));
    await (await puppeteer.launch({ ...BASE_LAUNCH, userDataDir: dir })).close();
    return dir;
  })();
  const dir = mkdtempSync(join(tmpdir(), 'momo-firefox-'));
  cpSync(await template, dir, { recursive: true, filter: (path) => !/[/\\](?:lock|cache2|sessionstore[^/\\]*)$/.test(path) });
  return dir;
}

export async function launchFirefox(
  internet: FakeInternet,
  { dist = FIREFOX_DIST, prefs = {}, installLater = false, acceptInsecureCerts = false }: FirefoxOptions = {},
): Promise<BrowserSession & { browser: Browser; install(): Promise<void> }> {
  const browser = await puppeteer.launch({
    ...BASE_LAUNCH,
    acceptInsecureCerts,
    userDataDir: await freshProfile(),
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }), ...prefs },
  });
  const install = async () => void (await browser.installExtension(dist));
  if (!installLater) await install();
  const extensionUrl = (path: string) => `moz-extension://${FIREFOX_UUID}/${path}`;

  const errors: string[] = [];
  const newPage = async () => {
    const page = await browser.newPage();
    page.on('console', (message) => message.type() === 'error' && errors.push(`${page.url()}: ${message.text()}`));
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${String(error)}`));
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      if (!/^https?:/.test(request.url())) return void request.continue().catch(() => undefined);
      const reply = internet.reply(request.url(), resourceTypeOf(request), page.url());
      // The page may be gone by the time the reply is ready (a test closed it): nothing to answer then.
      request.respond({ status: reply.status, headers: reply.headers, body: reply.body }).catch(() => undefined);
    });
    return page;
  };
  // An awaited goto can time out in Firefox although the page loads: start it, then wait for the page.
  const goto = async (page: Page, url: string) => {
    void page.goto(url).catch(() => undefined);
    await pollInPage(page, (u: string) => location.href.startsWith(u.split('#')[0]) && document.readyState === 'complete', url, 30_000);
  };
  return {
    name: 'firefox',
    browser,
    install,
    extensionUrl,
    async open(url) {
      const page = await newPage();
      await goto(page, url);
      return wrap(page);
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      await goto(page, extensionUrl(path));
      return wrap(page);
    },
    consoleErrors: () => errors.slice(),
    close: () => browser.close(),
  };
}

/**
 * Under Puppeteer (its response-body collectors), Firefox's HTML parser stops for good partway
 * through a large saved page in some loads: the YouTube home page (2.7 MB) stalled in 3 of 5 loads
 * here, at a different element each time, with every request answered (TESTING.md). The harness then
 * waits 30 s and fails. `open` made to reload, in the same tab, a load whose element count has not
 * moved for 4 s while the document is still loading (the next load usually parses through); the
 * harness's own wait then sees the reloaded document complete.
 */
export function reloadingStalls(browser: Browser, open: (url: string) => Promise<TestPage>): (url: string) => Promise<TestPage> {
  return async (url) => {
    let done = false;
    const opening = open(url).finally(() => {
      done = true;
    });
    opening.catch(() => undefined); // awaited below, once the watch ends: not an unhandled rejection meanwhile
    let count = -1;
    let since = Date.now();
    while (!done) {
      // Back as soon as the page has opened, not at the end of the half second.
      await Promise.race([opening.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))]);
      if (done) break;
      // Puppeteer reports a stalled navigation's tab as still at about:blank: the tab is the newest
      // web page, and the page itself says where it is.
      const page = (await browser.pages()).filter((p) => !p.url().startsWith('moz-extension:')).at(-1);
      const state = page
        ? ((await page.evaluate('[location.href, document.readyState, document.getElementsByTagName("*").length]').catch(() => null)) as [string, string, number] | null)
        : null;
      const stalled = !!page && !!state && state[0].startsWith(url.split('#')[0]) && state[1] === 'loading' && state[2] === count;
      if (!stalled) {
        count = state?.[2] ?? -1;
        since = Date.now();
      } else if (Date.now() - since > 4_000) {
        console.warn(`Firefox stalled loading ${url} at ${count} elements: reloading`);
        void page?.reload().catch(() => undefined);
        count = -1;
        since = Date.now();
      }
    }
    return opening;
  };
}
