/**
 * The feed in Firefox ESR, with the Firefox build (dist/firefox), driven over WebDriver BiDi by
 * puppeteer-core as the e2e suite drives it. BiDi has no counterpart of CDP's Performance metrics:
 * no main-thread task or script time here. What the page measures itself is comparable: the paint
 * probe's unmasked frames (the first script of <head>, every frame), and the wall time spent in
 * the MutationObserver callbacks each append triggers (feed.js), with the extension and without it.
 */
import { resolve } from 'node:path';
import { launchFirefox } from '../../tests/e2e/harness/firefox';
import type { FakeInternet } from '../../tests/e2e/harness/serve';
import type { BrowserSession } from '../../tests/e2e/harness/session';
import { FEED_URL, BATCH, type PageStats } from './feed';
import { ROOT, type Router } from './lib';

export const FIREFOX_DIST = resolve(process.env.MOMO_DIST ?? resolve(ROOT, 'dist'), 'firefox');

export interface FirefoxRound {
  variant: 'with' | 'without';
  posts: number;
  page: PageStats;
  frames: number;
  /** Frames in which the probe saw at least one unmasked identity. */
  unmaskedFrames: number;
  kinds: string[];
  /** Identities carrying the extension's mark after the run. */
  masked: number;
}

export interface FirefoxSessions {
  version: string;
  with: BrowserSession;
  without: BrowserSession;
  close(): Promise<void>;
}

/** Two Firefox instances with the same preferences: one with the extension installed, one without it. */
export async function launchFirefoxPair(router: Router): Promise<FirefoxSessions> {
  // The e2e harness asks a FakeInternet; the bench's router answers the feed's URLs first, then the fixtures'.
  const internet = { reply: (url: string, resourceType?: string) => router.reply(url, resourceType ?? '') } as unknown as FakeInternet;
  const withExtension = await launchFirefox(internet, { dist: FIREFOX_DIST });
  const without = await launchFirefox(internet, { installLater: true });
  return {
    version: await withExtension.browser.version(),
    with: withExtension,
    without,
    async close() {
      await withExtension.close();
      await without.close();
    },
  };
}

export async function firefoxRound(sessions: FirefoxSessions, variant: 'with' | 'without', posts: number): Promise<FirefoxRound> {
  const page = await sessions[variant].open(`${FEED_URL}?probe`);
  try {
    const stats = await page.evaluate(
      ([n, batch]: [number, number]) => (window as unknown as { __bench: { run(n: number, b: number): Promise<PageStats> } }).__bench.run(n, batch),
      [posts, BATCH],
    );
    // A few more frames for the probe after the last batch.
    await new Promise((done) => setTimeout(done, 300));
    const probe = await page.evaluate(() => {
      const p = (window as unknown as { __probe: { frames: number; violations: { frame: number; kind: string }[] } }).__probe;
      return {
        frames: p.frames,
        violations: p.violations.map((v) => ({ frame: v.frame, kind: v.kind })),
        masked: document.querySelectorAll('[data-momo="avatar"], [data-momo="name"], [data-momo="handle"]').length,
      };
    });
    return {
      variant,
      posts,
      page: stats,
      frames: probe.frames,
      unmaskedFrames: new Set(probe.violations.map((v) => v.frame)).size,
      kinds: [...new Set(probe.violations.map((v) => v.kind))].sort(),
      masked: probe.masked,
    };
  } finally {
    await page.close();
  }
}
