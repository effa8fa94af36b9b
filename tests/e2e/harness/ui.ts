/**
 * Driving the extension's own pages (popup, options) the way a person does: real mouse clicks and
 * key presses from the browser driver (Playwright in Chromium, Puppeteer over WebDriver BiDi in
 * Firefox), never element.click() from inside the page. Selectors are plain CSS.
 */
import type { BrowserContext, Page as PwPage } from 'playwright-core';
import type { Browser as PpBrowser, Page as PpPage } from 'puppeteer-core';
import type { TestPage } from './session';

export interface UiPage extends TestPage {
  click(selector: string): Promise<void>;
  /** Replaces the field's text by typing it (select all, then keys). */
  fill(selector: string, text: string): Promise<void>;
  /** A key press to the focused element: "Tab", "Space", "Enter", "ArrowDown"… */
  press(key: string): Promise<void>;
  /** textContent of the first match ("" when none). */
  text(selector: string): Promise<string>;
  reload(): Promise<void>;
}

const textOf = (selector: string) => document.querySelector(selector)?.textContent ?? '';
const exists = (selector: string) => document.querySelector(selector) !== null;
const selectAll = (selector: string) => {
  const el = document.querySelector<HTMLInputElement>(selector);
  if (!el) return false;
  el.focus();
  el.select();
  return true;
};

/** Polls `check` until it is true (a failing check counts as not yet: the page may be between documents). */
export async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // between documents: try again
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function playwrightUi(page: PwPage): UiPage {
  const ui: UiPage = {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    screenshot: () => page.screenshot(),
    close: () => page.close(),
    waitFor: async (fn, arg, timeout = 10_000) => void (await page.waitForFunction(fn as never, arg, { timeout })),
    url: () => page.url(),
    click: (selector) => page.click(selector),
    async fill(selector, text) {
      await page.waitForSelector(selector);
      await page.evaluate(selectAll, selector);
      if (text) await page.keyboard.type(text);
      else await page.keyboard.press('Backspace');
    },
    press: (key) => page.keyboard.press(key),
    text: (selector) => page.evaluate(textOf, selector),
    reload: async () => void (await page.reload()),
  };
  return ui;
}

function puppeteerUi(page: PpPage): UiPage {
  const ui: UiPage = {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    screenshot: async () => Buffer.from(await page.screenshot()),
    close: () => page.close(),
    waitFor: (fn, arg, timeout = 10_000) => poll(async () => Boolean(await page.evaluate(fn as never, arg)), String(fn).slice(0, 100), timeout),
    url: () => page.url(),
    async click(selector) {
      await poll(() => page.evaluate(exists, selector), selector);
      await page.click(selector);
    },
    async fill(selector, text) {
      await poll(() => page.evaluate(selectAll, selector), selector);
      if (text) await page.keyboard.type(text);
      else await page.keyboard.press('Backspace');
    },
    // Puppeteer names the space bar by its character.
    press: (key) => page.keyboard.press((key === 'Space' ? ' ' : key) as never),
    text: (selector) => page.evaluate(textOf, selector),
    // Puppeteer's Firefox backend reports moz-extension:// pages as about:blank: the page's own
    // state tells when the reload is done (the marker left in the old document is gone).
    async reload() {
      await page.evaluate(() => ((window as unknown as { beforeReload?: boolean }).beforeReload = true));
      await page.evaluate(() => setTimeout(() => location.reload(), 0));
      await poll(async () => page.evaluate(() => document.readyState === 'complete' && !(window as unknown as { beforeReload?: boolean }).beforeReload), 'reload');
    },
  };
  return ui;
}

/** Opens an extension page in a new Chromium tab. */
export async function openChromiumUi(context: BrowserContext, url: string): Promise<UiPage> {
  const page = await context.newPage();
  await page.goto(url);
  return playwrightUi(page);
}

/** Opens an extension page in a new Firefox tab (an awaited goto can time out although the page loads). */
export async function openFirefoxUi(browser: PpBrowser, url: string): Promise<UiPage> {
  const page = await browser.newPage();
  void page.goto(url).catch(() => undefined);
  await poll(async () => (await page.evaluate(() => document.readyState === 'complete' && location.href)) === url, `load of ${url}`, 30_000);
  return puppeteerUi(page);
}

/** The id of the tab showing a URL that starts with `urlPrefix`, asked from an extension page. */
export async function tabIdOf(extensionPage: TestPage, urlPrefix: string): Promise<number> {
  const id = await extensionPage.evaluate(async (prefix) => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((tab) => tab.url?.startsWith(prefix))?.id ?? -1;
  }, urlPrefix);
  if (id < 0) throw new Error(`no open tab at ${urlPrefix}`);
  return id;
}

/** The tallest popup Chrome and Firefox draw; a taller page scrolls inside it. */
export const LARGEST_POPUP = 600;

/** The popup's height as drawn, and the height of its view while still empty (popup.css). */
export function popupHeights(): { drawn: number; empty: number } {
  const drawn = document.body.getBoundingClientRect().height;
  const empty = document.body.appendChild(document.createElement('main'));
  const height = empty.getBoundingClientRect().height;
  empty.remove();
  return { drawn, empty: height };
}
