/**
 * SPA navigation on the React live feed (tests/fixtures/demo/live-feed, served as the e2e suite
 * serves it, with the paint probe first in <head>): a loop of feed → profile → feed through
 * history.pushState, two frames after each step. Main-thread time (CDP) around the whole loop; the
 * probe counts frames that showed an identity.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from '../../tests/e2e/harness/fixtures';
import { collectGarbage, metrics, openTab, PROBE_SOURCE, ROOT, settle, type Router, type Session } from './lib';

const DIR = join(ROOT, 'tests/fixtures/demo/live-feed');
/** Round trips per loop (each is two navigations). */
export const SPA_LOOPS = 15;

/**
 * As tests/e2e/harness/live-feed.ts serves it (that module needs CommonJS __dirname, so it is not imported):
 * builds the app, puts the probe first in <head>, answers /live/ and /live/profile/alice_w with the app.
 */
export function liveFeed(router: Router): Fixture {
  execFileSync(process.execPath, [join(DIR, 'build.mjs')], { stdio: 'inherit' });
  const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
  const names = JSON.stringify([...expected.names, ...expected.handles]).replace(/'/g, '&#39;');
  const html = readFileSync(join(DIR, 'index.html'), 'utf8').replace('<head>', `<head>\n<script data-names='${names}'>${PROBE_SOURCE}</script>`);
  const fixture: Fixture = { id: 'demo/live-feed', dir: DIR, expected, html };
  const page = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
  router.internet.add(fixture, {
    allowScripts: true,
    extra: {
      'https://demo.momomask.test/live/app.js': { status: 200, headers: { 'content-type': 'text/javascript' }, body: readFileSync(join(DIR, 'dist/app.js')) },
      'https://demo.momomask.test/live/profile/alice_w': page,
    },
  });
  return fixture;
}

export interface SpaRound {
  variant: 'with' | 'without';
  navigations: number;
  taskMs: number;
  scriptMs: number;
  wallMs: number;
  posts: number;
  frames: number;
  unmaskedFrames: number;
  /** The probe's log filled up: unmaskedFrames is a lower bound. */
  probeLogFull: boolean;
}

export async function spaRound(session: Session, fixture: Fixture): Promise<SpaRound> {
  const { page, cdp } = await openTab(session);
  try {
    await page.goto(fixture.expected.url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('article.post').length >= 10);
    await settle(page, 600); // the feed fills the viewport (infinite scroll) before the loop
    await collectGarbage(cdp);
    const before = await metrics(cdp);
    // The probe keeps at most 200 violations: empty its log so the loop's own frames are counted.
    const probeBefore = await page.evaluate(() => {
      const p = (window as unknown as { __probe: { frames: number; violations: unknown[] } }).__probe;
      p.violations.length = 0;
      return p.frames;
    });
    const loop = await page.evaluate(async (loops) => {
      const feed = (window as unknown as { __feed: { navigate(path: string): void; postCount(): number } }).__feed;
      // (No named helper functions in here: the TS loader would wrap them in a __name() the page does not have.)
      const t0 = performance.now();
      for (let i = 0; i < loops; i++) {
        feed.navigate('/live/profile/alice_w');
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        feed.navigate('/live/');
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      }
      return { wall: performance.now() - t0, posts: feed.postCount() };
    }, SPA_LOOPS);
    const after = await metrics(cdp);
    await settle(page, 50);
    const probe = await page.evaluate(() => {
      const p = (window as unknown as { __probe: { frames: number; violations: { frame: number }[] } }).__probe;
      return { frames: p.frames, violations: p.violations.map((v) => v.frame) };
    });
    return {
      variant: session.kind,
      navigations: SPA_LOOPS * 2,
      taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
      scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
      wallMs: loop.wall,
      posts: loop.posts,
      frames: probe.frames - probeBefore,
      unmaskedFrames: new Set(probe.violations.filter((frame) => frame > probeBefore)).size,
      probeLogFull: probe.violations.length >= 200,
    };
  } finally {
    await page.close();
  }
}
