/**
 * The feed workload: tests/fixtures/bench/feed.html at https://demo.momomask.test/bench (the demo
 * rule applies), filled by window.__bench.run(n, 50) — 50 posts per animation frame, each batch built
 * off-document and appended in one go, as React commits. CDP Performance.getMetrics is read right
 * before and right after the insertion; the heap after a forced GC.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { BENCH_DIR, collectGarbage, metrics, openTab, PROBE_SOURCE, ROOT, settle, solidPng, type Router, type Session, type Variant } from './lib';

export const FEED_URL = 'https://demo.momomask.test/bench';
export const BATCH = 50;
/** Identities per post: its avatar, its display name and its handle (the mention and the location are masked too, not counted). */
export const IDENTITIES_PER_POST = 3;

interface DemoRule {
  avatars: string[];
  names: string[];
  handles: string[];
  mentions: string[];
  locations: string[];
}

/** The feed's people, as the probe should look for them: every first name, as written and lower-cased (handles). */
export function feedProbeNames(): string[] {
  const source = readFileSync(join(BENCH_DIR, 'feed.js'), 'utf8');
  const list = /const FIRST = \[([^\]]+)\]/.exec(source)?.[1];
  if (!list) throw new Error('feed.js: FIRST names not found');
  const firsts = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  return firsts.flatMap((first) => [first, first.toLowerCase()]);
}

/**
 * The plain stylesheet of the floor variant: hides what the demo rule masks, and does nothing else.
 * visibility, not opacity: tens of thousands of opacity:0 elements each get a paint effect node, and
 * the compositing update grows with them (a first try cost 3× the page at 8,000 posts).
 */
export function floorStylesheet(): string {
  const rule = JSON.parse(readFileSync(resolve(ROOT, 'src/rules/demo/demo.json'), 'utf8')) as DemoRule;
  const selectors = [...rule.avatars, ...rule.names, ...rule.handles, ...rule.mentions, ...rule.locations];
  return `:is(${selectors.join(', ')}) { visibility: hidden !important; }`;
}

export function serveFeed(router: Router): void {
  const html = readFileSync(join(BENCH_DIR, 'feed.html'), 'utf8');
  const page = (body: string) => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body });
  const names = JSON.stringify(feedProbeNames()).replace(/'/g, '&#39;');
  router.exact.set(FEED_URL, page(html));
  const probe = `<script data-names='${names}'>${PROBE_SOURCE}</script>`;
  const floor = `<style id="bench-floor">${floorStylesheet()}</style>`;
  router.exact.set(`${FEED_URL}?floor`, page(html.replace('<head>', `<head>\n${floor}`)));
  router.exact.set(`${FEED_URL}?probe`, page(html.replace('<head>', `<head>\n${probe}`)));
  router.exact.set(`${FEED_URL}?floor&probe`, page(html.replace('<head>', `<head>\n${probe}\n${floor}`)));
  router.exact.set(`${FEED_URL}/feed.js`, {
    status: 200,
    headers: { 'content-type': 'text/javascript' },
    body: readFileSync(join(BENCH_DIR, 'feed.js'), 'utf8'),
  });
  // Twelve avatar pictures, each a solid colour: real images to fetch, decode and paint.
  for (let i = 1; i <= 12; i++) {
    const png = solidPng(96, [(i * 53) % 256, (i * 97) % 256, (i * 151) % 256, 255]);
    router.exact.set(`https://demo.momomask.test/avatars/${i}.png`, { status: 200, headers: { 'content-type': 'image/png' }, body: png });
  }
}

export interface PageStats {
  posts: number;
  build: number;
  append: number;
  observers: number;
  /** The same, batch by batch (absent from older raw results). */
  batchObservers?: number[];
  frames: number;
  wall: number;
}

export interface FeedRound {
  variant: Variant;
  posts: number;
  /** Milliseconds of the renderer's main thread during the insertion (CDP deltas). */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  /** JSHeapUsedSize after a forced GC, before and after the insertion (bytes). */
  heapBefore: number;
  heapAfter: number;
  page: PageStats;
  /** Identities carrying the extension's mark after the run (with only). */
  masked: number;
}

/** In the page: inserts n posts, `batch` per frame (feed.js). */
export const runInPage = ([n, batch]: readonly [number, number]) => (window as unknown as { __bench: { run(n: number, b: number): Promise<PageStats> } }).__bench.run(n, batch);

const runFeed = (page: Page, posts: number) => page.evaluate(runInPage, [posts, BATCH] as const);

export async function feedRound(session: Session, variant: Variant, posts: number): Promise<FeedRound> {
  const { page, cdp } = await openTab(session);
  try {
    await page.goto(variant === 'floor' ? `${FEED_URL}?floor` : FEED_URL, { waitUntil: 'load' });
    await settle(page, 200);
    await collectGarbage(cdp);
    const before = await metrics(cdp);
    const stats = await runFeed(page, posts);
    const after = await metrics(cdp);
    await collectGarbage(cdp);
    const heap = await metrics(cdp);
    const masked = await page.evaluate(countMasked, IDENTITY_MARKS);
    const ms = (key: 'TaskDuration' | 'ScriptDuration' | 'LayoutDuration' | 'RecalcStyleDuration') => (after[key] - before[key]) * 1000;
    return {
      variant,
      posts,
      taskMs: ms('TaskDuration'),
      scriptMs: ms('ScriptDuration'),
      layoutMs: ms('LayoutDuration'),
      styleMs: ms('RecalcStyleDuration'),
      heapBefore: before.JSHeapUsedSize,
      heapAfter: heap.JSHeapUsedSize,
      page: stats,
      masked,
    };
  } finally {
    await page.close();
  }
}

export interface ProbeRound {
  variant: Variant;
  posts: number;
  frames: number;
  /** Frames in which the probe saw at least one unmasked identity (lower bound when the probe's 200-violation log is full). */
  unmaskedFrames: number;
  violations: number;
  kinds: string[];
}

/** What counts as an identity the extension masked: an avatar, a name or a handle (a mention or a location is masked, not counted). */
export const IDENTITY_MARKS = '[data-momo="avatar"], [data-momo="name"], [data-momo="handle"]';

/** In the page: identities carrying the extension's mark (pass IDENTITY_MARKS). */
export const countMasked = (marks: string): number => document.querySelectorAll(marks).length;

/** In the page: what the paint probe saw. */
export const readProbe = () => {
  const p = (window as unknown as { __probe: { frames: number; violations: { frame: number; kind: string }[] } }).__probe;
  return { frames: p.frames, violations: p.violations.map((v) => ({ frame: v.frame, kind: v.kind })) };
};

/** Frames with at least one unmasked identity (lower bound when the probe's 200-violation log is full), and the kinds seen. */
export function probeFigures(probe: ReturnType<typeof readProbe>): Pick<ProbeRound, 'frames' | 'unmaskedFrames' | 'violations' | 'kinds'> {
  return {
    frames: probe.frames,
    unmaskedFrames: new Set(probe.violations.map((v) => v.frame)).size,
    violations: probe.violations.length,
    kinds: [...new Set(probe.violations.map((v) => v.kind))].sort(),
  };
}

/** The feed with the paint probe as the first script of <head>, checking every frame. */
export async function probeRound(session: Session, variant: Variant, posts: number): Promise<ProbeRound> {
  const { page } = await openTab(session);
  try {
    await page.goto(variant === 'floor' ? `${FEED_URL}?floor&probe` : `${FEED_URL}?probe`, { waitUntil: 'load' });
    await settle(page, 100);
    await runFeed(page, posts);
    await settle(page, 300);
    return { variant, posts, ...probeFigures(await page.evaluate(readProbe)) };
  } finally {
    await page.close();
  }
}
