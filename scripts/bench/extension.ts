/**
 * The extension's own figures: content-script bundle size, popup first render, and the worker's
 * cold answer to "rules for this host" after CDP ServiceWorker.stopAllWorkers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { FEED_URL } from './feed';
import { CHROME_DIST, sleep, type Session } from './lib';
import { REFERENCE_PAGE } from './reference-extension';

export interface BundleSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  lines: number;
}

/**
 * The content script (the engine, dist/chrome/src/content/index.js), the MAIN-world hook, and the
 * per-site rule scripts a page gets injected with it (src/site-rules/<site>.js, where the build has them).
 */
export function bundleSizes(): BundleSize[] {
  const size = (file: string): BundleSize => {
    const body = readFileSync(join(CHROME_DIST, file));
    return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length, lines: body.toString('utf8').split('\n').length };
  };
  const sizes = ['src/content/index.js', 'src/content/main-world-shadow-hook.js'].filter((f) => existsSync(join(CHROME_DIST, f))).map(size);
  const rulesDir = join(CHROME_DIST, 'src/site-rules');
  if (existsSync(rulesDir)) {
    const rules = readdirSync(rulesDir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => size(`src/site-rules/${f}`))
      .sort((a, b) => b.bytes - a.bytes);
    const demo = rules.find((r) => r.file.endsWith('/demo.js'));
    sizes.push(...rules.slice(0, 1), ...(demo && demo !== rules[0] ? [demo] : []));
  }
  return sizes;
}

/** Whose figure: Momo Mask's, or the reference extension's beside it (reference-extension.ts). */
export type Subject = 'momo' | 'reference';

export interface Control {
  /** A Momo Mask page to talk to its worker from. */
  page: Page;
  /** The reference extension's page, to talk to its worker from. */
  referencePage: Page;
  cdp: CDPSession;
}

/**
 * An extension page of each extension to talk to its worker from (an open page also keeps the
 * extension's process, so both are opened in the same state), with the popup's own refresh timer
 * stopped (it would wake the worker).
 */
export async function controlPage(session: Session): Promise<Control> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/src/popup/index.html`);
  await page.evaluate(() => {
    const last = window.setTimeout(() => undefined, 0);
    for (let id = 0; id <= last; id++) clearInterval(id);
  });
  const referencePage = await session.context.newPage();
  await referencePage.goto(`chrome-extension://${session.referenceId}/${REFERENCE_PAGE}`);
  await sleep(300);
  const cdp = await session.context.newCDPSession(page);
  return { page, referencePage, cdp };
}

/** Stops the extension's worker and waits until CDP reports it stopped. */
async function stopWorker(cdp: CDPSession, extensionId: string): Promise<void> {
  const status = new Map<string, string>();
  const onVersion = (event: { versions: { registrationId: string; scriptURL: string; runningStatus: string }[] }) => {
    for (const v of event.versions) if (v.scriptURL.includes(extensionId)) status.set(v.registrationId, v.runningStatus);
  };
  cdp.on('ServiceWorker.workerVersionUpdated', onVersion);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && (status.size === 0 || [...status.values()].some((s) => s !== 'stopped'))) await sleep(20);
  cdp.off('ServiceWorker.workerVersionUpdated', onVersion);
  await cdp.send('ServiceWorker.disable');
  if ([...status.values()].some((s) => s !== 'stopped')) throw new Error(`worker did not stop: ${JSON.stringify([...status])}`);
  await sleep(100);
}

/**
 * When the extension's own figures were taken: "fresh", first thing in the run, before any workload;
 * "after", at the end, in the same browser, with the machine still busy winding down the workloads
 * (the run's load average peaks there). Older raw results have no phase: they were taken "after".
 */
export type Phase = 'fresh' | 'after';

export interface WorkerRound {
  phase?: Phase;
  /** Older raw results have none: they are Momo Mask's. */
  subject?: Subject;
  coldMs: number;
  warmMs: number;
  reply: string;
}

/**
 * "Rules for this host" from an extension page, cold (worker stopped just before) then warm. The
 * reference worker gets the same message and answers it without reading it.
 */
export async function workerRound(session: Session, control: Control, subject: Subject = 'momo'): Promise<WorkerRound> {
  await stopWorker(control.cdp, subject === 'momo' ? session.extensionId! : session.referenceId!);
  const ask = () =>
    (subject === 'momo' ? control.page : control.referencePage).evaluate(async () => {
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'page:get-rule', siteId: 'x' });
      const text = JSON.stringify(reply);
      return { ms: performance.now() - t0, reply: text.length > 100 ? `${text.slice(0, 100)}…` : text };
    });
  const cold = await ask();
  const warm = await ask();
  return { subject, coldMs: cold.ms, warmMs: warm.ms, reply: cold.reply };
}

export interface PopupRound {
  phase?: Phase;
  /** Older raw results have none: they are Momo Mask's popup. */
  subject?: Subject;
  cold: boolean;
  /** Navigation start to the first paint with content (the popup's body is empty until it renders). */
  firstContentfulPaintMs: number;
  /** Navigation start to the moment the popup's content was put in the DOM. */
  contentInsertedMs: number;
  /** Navigation start to DOMContentLoaded: the popup's module scripts are loaded and have run. */
  scriptsRunMs: number;
  text: string;
}

/** The tab the popup is opened for: the bench feed, masked. */
export async function popupTarget(session: Session, control: { page: Page }): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(FEED_URL, { waitUntil: 'load' });
  const tabId = await control.page.evaluate(async (url) => (await chrome.tabs.query({ url: `${url}*` }))[0]?.id ?? 0, FEED_URL);
  if (!tabId) throw new Error('could not find the bench tab');
  return { page, tabId };
}

const WATCH_POPUP = `(() => {
  window.__popupTiming = new Promise((resolve) => {
    const check = () => {
      const app = document.getElementById('app');
      if (!app || !app.firstElementChild) return false;
      const inserted = performance.now();
      observer.disconnect();
      resolve({ inserted, text: app.textContent });
      return true;
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
  });
})();`;

/**
 * The size the browser draws this popup at: its width (body.popup in src/popup/popup.css) and the
 * largest popup height (600 px in Chrome and Firefox; every view of this popup is taller and scrolls).
 * Both pages are opened in a tab of that viewport: in the window's 1280×900 the browser would raster
 * and composite a surface five times the popup's, which no user waits for.
 */
export const POPUP_VIEWPORT = { width: 360, height: 600 };

/** The popup opened in a tab for the bench feed's tab, or the reference extension's page (subject "reference"). */
export async function popupRound(session: Session, control: Control, tabId: number, cold: boolean, subject: Subject = 'momo'): Promise<PopupRound> {
  if (cold) await stopWorker(control.cdp, subject === 'momo' ? session.extensionId! : session.referenceId!);
  const page = await session.context.newPage();
  try {
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.addInitScript(WATCH_POPUP);
    await page.goto(
      subject === 'momo' ? `chrome-extension://${session.extensionId}/src/popup/index.html?tab=${tabId}` : `chrome-extension://${session.referenceId}/${REFERENCE_PAGE}`,
    );
    const timing = await page.evaluate(async () => {
      const seen = await (window as unknown as { __popupTiming: Promise<{ inserted: number; text: string }> }).__popupTiming;
      const fcp = await new Promise<number>((resolve) => {
        const existing = performance.getEntriesByName('first-contentful-paint')[0];
        if (existing) return resolve(existing.startTime);
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      });
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { ...seen, fcp, dcl: nav.domContentLoadedEventStart };
    });
    return { subject, cold, firstContentfulPaintMs: timing.fcp, contentInsertedMs: timing.inserted, scriptsRunMs: timing.dcl, text: timing.text.replace(/\s+/g, ' ').trim() };
  } finally {
    await page.close();
  }
}
