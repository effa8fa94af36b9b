/**
 * The feed in Firefox ESR, with the Firefox build (dist/firefox), driven over WebDriver BiDi by
 * puppeteer-core as the e2e suite drives it. BiDi has no counterpart of CDP's Performance metrics:
 * no main-thread task or script time here. What the page measures itself is comparable: the paint
 * probe's unmasked frames (the first script of <head>, every frame), and the wall time spent in
 * the MutationObserver callbacks each append triggers (feed.js), with the extension and without it.
 */
import { launchFirefox, reloadingStalls } from '../../tests/e2e/harness/firefox';
import type { FakeInternet } from '../../tests/e2e/harness/serve';
import type { BrowserSession, TestPage } from '../../tests/e2e/harness/session';
import { BATCH, countMasked, FEED_URL, IDENTITY_MARKS, probeFigures, readProbe, runInPage, type PageStats, type ProbeRound } from './feed';
import type { Router } from './lib';

export interface FirefoxRound extends Pick<ProbeRound, 'posts' | 'frames' | 'unmaskedFrames' | 'violations' | 'kinds'> {
  variant: 'with' | 'without';
  page: PageStats;
  /** Identities carrying the extension's mark after the run. */
  masked: number;
}

export interface FirefoxSessions {
  version: string;
  with: BrowserSession;
  without: BrowserSession;
  /** Opens a page in one of the two; a load that stalls (large saved pages, TESTING.md) is reloaded. */
  open(variant: 'with' | 'without', url: string): Promise<TestPage>;
  close(): Promise<void>;
}

/** Two Firefox instances with the same preferences: one with the extension installed, one without it. */
export async function launchFirefoxPair(router: Router): Promise<FirefoxSessions> {
  // The e2e harness asks a FakeInternet; the bench's router answers the feed's URLs first, then the fixtures'.
  const internet = { reply: (url: string, resourceType?: string, documentUrl?: string) => router.reply(url, resourceType ?? '', documentUrl) } as unknown as FakeInternet;
  const withExtension = await launchFirefox(internet); // dist/firefox, or $MOMO_DIST/firefox
  const without = await launchFirefox(internet, { installLater: true });
  const opens = { with: reloadingStalls(withExtension.browser, withExtension.open), without: reloadingStalls(without.browser, without.open) };
  return {
    version: await withExtension.browser.version(),
    with: withExtension,
    without,
    open: (variant, url) => opens[variant](url),
    async close() {
      await withExtension.close();
      await without.close();
    },
  };
}

export async function firefoxRound(sessions: FirefoxSessions, variant: 'with' | 'without', posts: number): Promise<FirefoxRound> {
  const page = await sessions.open(variant, `${FEED_URL}?probe`);
  try {
    const stats = await page.evaluate(runInPage, [posts, BATCH] as const);
    // A few more frames for the probe after the last batch.
    await new Promise((done) => setTimeout(done, 300));
    return { variant, posts, page: stats, ...probeFigures(await page.evaluate(readProbe)), masked: await page.evaluate(countMasked, IDENTITY_MARKS) };
  } finally {
    await page.close();
  }
}
