/**
 * The real saved pages (tests/fixtures/<site>/<page>/page.html) at their real URLs, with and
 * without the extension: load time (navigation timing) and main-thread time (CDP TaskDuration,
 * ScriptDuration) of the new document, read two frames after its load event. Chromium's CDP
 * Performance counters belong to the document: they start again at zero when a navigation commits
 * (checked on Chromium 156: a 300 ms busy loop on the previous page is not in the next page's figure).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from '../../tests/e2e/harness/fixtures';
import type { CDPSession, Page } from 'playwright-core';
import { metrics, openTab, ROOT, settle, type Router, type Session } from './lib';

const FIXTURES = join(ROOT, 'tests/fixtures');

export interface PageRound {
  id: string;
  variant: 'with' | 'without';
  loadMs: number;
  dclMs: number;
  taskMs: number;
  scriptMs: number;
  /** Elements carrying the extension's mark after load (0 without, or where no rule applies). */
  marked: number;
}

/** The saved pages (demo/ pages are hand-written apps with their own workloads), and the ones skipped, with why. */
export function savedPages(): { pages: Fixture[]; skipped: string[] } {
  const pages: Fixture[] = [];
  const skipped: string[] = [];
  for (const site of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!site.isDirectory() || site.name === 'demo' || site.name === 'bench') continue;
    for (const entry of readdirSync(join(FIXTURES, site.name), { withFileTypes: true })) {
      const dir = join(FIXTURES, site.name, entry.name);
      const id = `${site.name}/${entry.name}`;
      if (!entry.isDirectory() || !existsSync(join(dir, 'page.html'))) continue;
      if (!existsSync(join(dir, 'expected.json'))) {
        skipped.push(`${id} (no expected.json, so no URL to serve it at)`);
        continue;
      }
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      pages.push({ id, dir, expected, html: readFileSync(join(dir, 'page.html'), 'utf8') });
    }
  }
  return { pages: pages.sort((a, b) => a.id.localeCompare(b.id)), skipped };
}

export function servePages(router: Router, pages: Fixture[]): void {
  for (const fixture of pages) router.internet.add(fixture);
}

/** One load of `fixture` in `tab` (a tab is reused from load to load: the counters are per document anyway). */
export async function pageRound(session: Session, fixture: Fixture, tab?: { page: Page; cdp: CDPSession }): Promise<PageRound> {
  const own = tab ?? (await openTab(session));
  const { page, cdp } = own;
  try {
    await page.goto(fixture.expected.url, { waitUntil: 'load' });
    await settle(page, 50);
    const after = await metrics(cdp);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { load: nav.loadEventEnd - nav.startTime, dcl: nav.domContentLoadedEventEnd - nav.startTime, marked: document.querySelectorAll('[data-momo]').length };
    });
    return {
      id: fixture.id,
      variant: session.kind,
      loadMs: timing.load,
      dclMs: timing.dcl,
      taskMs: after.TaskDuration * 1000,
      scriptMs: after.ScriptDuration * 1000,
      marked: timing.marked,
    };
  } finally {
    if (!tab) await page.close();
  }
}
