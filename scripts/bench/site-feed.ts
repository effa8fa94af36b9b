/**
 * The real-markup feeds (issue 17): for each built-in site with a real saved page (sites.ts), the
 * page at its real URL, where the site's rule as built applies, and one real unit of it cloned n
 * times as different people (clone.ts) into the unit's own container, SITE_BATCH per animation
 * frame in one append each (tests/fixtures/bench/site-feed.js). Four variants of the same page:
 * with the extension; no extension; no extension + a plain stylesheet hiding what the rule hides
 * (the pure-CSS floor); no extension + the naive masker (tests/fixtures/bench/naive-masker.js).
 * CDP Performance metrics right before and right after the insertion, as for the demo feed (feed.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Page } from 'playwright-core';
import type { Expected } from '../../tests/e2e/harness/fixtures';
import type { TestPage } from '../../tests/e2e/harness/session';
import { siteRuleFile } from '../../src/shared/content-script-files';
import { avatarUrlSelectors } from '../../src/shared/rule/avatar-urls';
import { MASKED_FIELDS, RULE_FIELDS, type SiteRule } from '../../src/shared/rule/fields';
import { cloneValues, SLOT_PATTERN, unitTemplate, leftovers, type UnitTemplate } from './clone';
import { IDENTITY_MARKS, probeFigures, readProbe, type ProbeRound } from './feed';
import type { FirefoxSessions } from './firefox';
import {
  BENCH_DIR,
  CHROME_DIST,
  collectGarbage,
  log,
  metrics,
  openTab,
  PROBE_SOURCE,
  ROOT,
  settle,
  SITE_FEED_MARK,
  type Metrics,
  type Router,
  type Session,
  type Variant,
} from './lib';
import { peopleOf, SITE_UNITS, unitOf } from './sites';

/** Clones per animation frame: a React commit of a page of results. */
export const SITE_BATCH = 20;
/** The headline size: every variant, every round. */
export const HEADLINE_UNITS = 1000;
/** Without the extension the probe only has to show that it sees the clones' people: a few batches do. */
export const PROBE_UNITS_WITHOUT = SITE_BATCH * 5;

export interface SiteFeed {
  /** The rule's id, the fixture folder. */
  id: string;
  fixture: string;
  /** What the unit is, in words (sites.ts). */
  what: string;
  url: string;
  unit: string;
  container?: string;
  template: UnitTemplate;
  rule: SiteRule;
  /** Names and handles the page also shows as content no masking should touch (expected.json allowedInText): the probe does not count them. */
  allowedInText: string[];
}

/** The rule as the build shipped it (dist: <site>.js beside the engine), not as src/ has it now. */
function builtRule(id: string): SiteRule {
  const text = readFileSync(join(CHROME_DIST, siteRuleFile(id)), 'utf8');
  const json = /^globalThis\.__momoMaskSiteRule=(.*);\s*$/s.exec(text)?.[1];
  if (!json) throw new Error(`${siteRuleFile(id)}: not a rule script`);
  return JSON.parse(json) as SiteRule;
}

/** The sites of sites.ts (those in `only`, when given) read and served; a site whose page or unit cannot be read is skipped with why. */
export function prepareSiteFeeds(router: Router, only: Set<string> | null): { feeds: SiteFeed[]; skipped: string[] } {
  const feeds: SiteFeed[] = [];
  const skipped: string[] = [];
  const unknown = [...(only ?? [])].filter((id) => !SITE_UNITS.some((spec) => spec.id === id));
  if (unknown.length) throw new Error(`BENCH_SITES: no real-markup feed for ${unknown.join(', ')} (scripts/bench/sites.ts has ${SITE_UNITS.map((spec) => spec.id).join(', ')})`);
  for (const spec of SITE_UNITS) {
    if (only && !only.has(spec.id)) continue;
    if (!spec.unit) {
      skipped.push(`${spec.id} (${spec.fixture}): ${spec.what}`);
      continue;
    }
    const dir = join(ROOT, 'tests/fixtures', spec.fixture);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const html = readFileSync(join(dir, 'page.html'), 'utf8');
    const rule = builtRule(spec.id);
    const parse = (markup: string) => new JSDOM(markup, { virtualConsole: new VirtualConsole() }).window.document;
    const template = unitTemplate(unitOf(parse(html), spec), peopleOf(rule, expected));
    const left = leftovers(parse(template.html), template.slots);
    if (left.length) log(`${spec.fixture}: the unit keeps ${left.join(', ')} inside longer words (not substituted)`);
    const feed: SiteFeed = {
      id: spec.id,
      fixture: spec.fixture,
      what: spec.what,
      url: expected.url.split('#')[0],
      unit: spec.unit,
      container: spec.container,
      template,
      rule,
      allowedInText: Object.keys(expected.allowedInText ?? {}).map((value) => value.toLowerCase()),
    };
    serveSite(router, feed, html);
    feeds.push(feed);
  }
  return { feeds, skipped };
}

/**
 * How the page is served: as saved, with the floor stylesheet, with the naive masker, with the paint
 * probe; and for masker-floor.ts, with the naive masker's queries alone, or with a masker whose
 * elements the style engine finds (animation-detector.js).
 */
export type SitePage = 'plain' | 'floor' | 'naive' | 'probe' | 'naive-queries' | 'detector';

export function siteUrl(feed: Pick<SiteFeed, 'url'>, page: SitePage): string {
  return `${feed.url}${feed.url.includes('?') ? '&' : '?'}${SITE_FEED_MARK}${page}`;
}

/** The page's own scripts stay blocked, as the e2e suite serves saved pages; the bench's own carry the nonce. */
const NONCE = 'momo-bench';
const script = (source: string, attributes = '') => `<script nonce="${NONCE}"${attributes}>${source}</script>`;
const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

/** Inserts `parts` first thing in <head> (or where <head> would begin). */
function inHead(html: string, parts: string[]): string {
  const tag = /<head\b[^>]*>/i.exec(html) ?? /<html\b[^>]*>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
  const at = tag ? tag.index + tag[0].length : 0;
  return `${html.slice(0, at)}\n${parts.join('\n')}\n${html.slice(at)}`;
}

/** What the extension's site stylesheet hides until masked, with no guard and no unhiding: one rule per selector (one the browser cannot read drops alone). */
export function floorStylesheet(rule: SiteRule): string {
  const hidden = RULE_FIELDS.filter((field) => 'hiddenUntilMasked' in field).flatMap((field) => (rule[field.key] as string[] | undefined) ?? []);
  return [...hidden, ...avatarUrlSelectors(rule.avatarUrls)].map((s) => `${s} { opacity: 0 !important; }`).join('\n');
}

/** The naive masker's selectors: each masked field's, by how it is masked. */
export function naiveSelectors(rule: SiteRule): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const field of MASKED_FIELDS) {
    const selectors = (rule[field.key] as string[] | undefined) ?? [];
    if (selectors.length) groups[field.mask] = [...(groups[field.mask] ?? []), ...selectors];
  }
  return groups;
}

function serveSite(router: Router, feed: SiteFeed, html: string): void {
  const read = (file: string) => readFileSync(join(BENCH_DIR, file), 'utf8');
  const driver = script(read('site-feed.js'));
  const selectors = ` data-selectors='${attribute(JSON.stringify(naiveSelectors(feed.rule)))}'`;
  const pages: Record<SitePage, string[]> = {
    plain: [driver],
    floor: [`<style>\n${floorStylesheet(feed.rule)}\n</style>`, driver],
    naive: [script(read('naive-masker.js'), selectors), driver],
    'naive-queries': [script(read('naive-masker.js'), `${selectors} data-writes="off"`), driver],
    detector: [script(read('animation-detector.js'), selectors), driver],
    // The paint probe first (its frame clock and report), then this feed's check on it.
    probe: [script(PROBE_SOURCE), script(read('site-probe.js')), driver],
  };
  for (const [page, parts] of Object.entries(pages) as [SitePage, string[]][]) {
    router.exact.set(siteUrl(feed, page), {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `script-src 'nonce-${NONCE}'` },
      body: inHead(html, parts),
    });
  }
}

/** What site-feed.js takes: the template, and the values of clones 0 … units − 1. */
export function pageConfig(feed: SiteFeed, units: number) {
  const { html, slots } = feed.template;
  const kinds = (...wanted: string[]) => slots.flatMap((slot, i) => (wanted.includes(slot.kind) ? [i] : []));
  return {
    unit: feed.unit,
    container: feed.container ?? null,
    html,
    slotPattern: SLOT_PATTERN.source,
    values: Array.from({ length: units }, (_, k) => cloneValues(slots, k)),
    // A name the page also writes as content (a repository path) is the clone's content too: not an unmasked identity.
    texts: kinds('name', 'handle').filter((i) => !feed.allowedInText.includes(slots[i].original.toLowerCase())),
    pictures: kinds('picture'),
  };
}

export interface SiteStats {
  units: number;
  build: number;
  append: number;
  /** Per batch: ms in the MutationObserver callbacks its append triggered. */
  batchObservers: number[];
  frames: number;
  /** ms: the longest time between two frames of the batches. */
  longestFrame: number;
  wall: number;
}

type Bench = {
  __siteBench: {
    load(config: unknown): void;
    stage(n: number, batch: number): void;
    run(n: number, batch: number): Promise<SiteStats>;
    prefill(n: number): Promise<void>;
    count(selector: string): number;
  };
};
// In the page (no named helpers inside: the TS loader would wrap them in a __name() the page does not have).
const loadInPage = (config: ReturnType<typeof pageConfig>) => (window as unknown as Bench).__siteBench.load(config);
const runInPage = ([n, batch]: readonly [number, number]) => (window as unknown as Bench).__siteBench.run(n, batch);
const stageInPage = ([n, batch]: readonly [number, number]) => (window as unknown as Bench).__siteBench.stage(n, batch);
const prefillInPage = (n: number) => (window as unknown as Bench).__siteBench.prefill(n);
const countInPage = (selector: string) => (window as unknown as Bench).__siteBench.count(selector);
/** Gives the opened page its template and the values of `units` clones. */
export const loadSiteFeed = (page: Page, feed: SiteFeed, units: number) => page.evaluate(loadInPage, pageConfig(feed, units));
/** Inserts `units` clones, SITE_BATCH per frame, into a page loadSiteFeed prepared. */
export const insertSiteUnits = (page: Page, units: number) => page.evaluate(runInPage, [units, SITE_BATCH] as const);

const pageOf = (variant: Variant): SitePage => (variant === 'floor' ? 'floor' : variant === 'naive' ? 'naive' : 'plain');

/** Clones inserted while measured, per segment: the headline is its first two segments, each point of the scaling series one more. */
export const SEGMENT_UNITS = 500;

/** One measured stretch of a run: SEGMENT_UNITS clones inserted SITE_BATCH per frame onto a page that already had units − measured. */
export interface SiteSegment {
  /** Clones on the page once the segment is in. */
  units: number;
  measured: number;
  /** Milliseconds of the renderer's main thread during the insertion (CDP deltas). */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  page: SiteStats;
}

/**
 * A segment that took longer than this (wall time) ends its run's growth: the sizes after it would
 * take minutes each, and the run is to fit in its half hour. The sizes measured say where it stopped.
 */
export const SEGMENT_WALL_LIMIT_MS = 30_000;

/** Longer than this for one segment or one append, and the page is taken as hung (a mutation loop would never end): the run stops there, said so. */
export const SEGMENT_TIMEOUT_MS = 180_000;

/** `promise`, or an error saying `what` once `ms` have passed. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no end after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One page load of one variant: the headline size, and for the scaling series the larger sizes after it. */
export interface SiteRun {
  site: string;
  variant: Variant;
  round: number;
  segments: SiteSegment[];
  /** The sizes left out after a segment took longer than SEGMENT_WALL_LIMIT_MS (absent when none). */
  leftOut?: number[];
  /** Why the run stopped before its last size (a segment that never ended). */
  failed?: string;
  /** JSHeapUsedSize after a forced GC, before the insertion and after the headline size (bytes). */
  heapBefore: number;
  heapAfter: number;
  /** Identities (avatar, name, handle) carrying the extension's mark per clone, at the headline size (with only). */
  markedPerUnit: number;
}

/**
 * Loads the page and grows the feed to each of `sizes` in turn (ascending, multiples of
 * SEGMENT_UNITS): unmeasured, in one append, up to SEGMENT_UNITS short of the size; then the last
 * SEGMENT_UNITS measured, SITE_BATCH per frame. So each size gives the cost of masking its last
 * clones on a page that holds all the others (the figure that must not grow), and a run costs the
 * time of the measured clones plus one append per size, not of thousands of frames.
 */
export async function siteRun(session: Session, feed: SiteFeed, variant: Variant, round: number, sizes: readonly number[]): Promise<SiteRun> {
  const { page, cdp } = await openTab(session);
  try {
    await page.goto(siteUrl(feed, pageOf(variant)), { waitUntil: 'load', timeout: 120_000 });
    await settle(page, 200);
    await loadSiteFeed(page, feed, Math.max(...sizes));
    await collectGarbage(cdp);
    const heapBefore = (await metrics(cdp)).JSHeapUsedSize;
    const run: SiteRun = { site: feed.id, variant, round, segments: [], heapBefore, heapAfter: NaN, markedPerUnit: NaN };
    let units = 0;
    for (const size of sizes) {
      const last = run.segments.at(-1);
      if (last && last.units >= HEADLINE_UNITS && last.page.wall > SEGMENT_WALL_LIMIT_MS) {
        run.leftOut = sizes.filter((n) => n >= size);
        break;
      }
      const where = `${feed.id} ${variant}, ${size} units`;
      let stats: SiteStats;
      let before: Metrics;
      try {
        if (size - SEGMENT_UNITS > units) {
          await within(page.evaluate(prefillInPage, size - SEGMENT_UNITS - units), SEGMENT_TIMEOUT_MS, `${where}: prefill`);
          await settle(page, 200);
        }
        // Parsed before the window: only the appends, and what they set off, are measured.
        await page.evaluate(stageInPage, [SEGMENT_UNITS, SITE_BATCH] as const);
        await collectGarbage(cdp);
        before = await metrics(cdp);
        stats = await within(insertSiteUnits(page, SEGMENT_UNITS), SEGMENT_TIMEOUT_MS, where);
      } catch (error) {
        run.failed = (error as Error).message;
        log(run.failed);
        break;
      }
      const after = await metrics(cdp);
      units = size;
      const ms = (key: 'TaskDuration' | 'ScriptDuration' | 'LayoutDuration' | 'RecalcStyleDuration') => (after[key] - before[key]) * 1000;
      run.segments.push({
        units,
        measured: SEGMENT_UNITS,
        taskMs: ms('TaskDuration'),
        scriptMs: ms('ScriptDuration'),
        layoutMs: ms('LayoutDuration'),
        styleMs: ms('RecalcStyleDuration'),
        page: stats,
      });
      if (units === HEADLINE_UNITS) {
        await collectGarbage(cdp);
        run.heapAfter = (await metrics(cdp)).JSHeapUsedSize;
        run.markedPerUnit = variant === 'with' ? (await page.evaluate(countInPage, IDENTITY_MARKS)) / units : 0;
      }
    }
    return run;
  } finally {
    await page.close();
  }
}

/** The sizes of a run: the headline's two segments, then (for the scaling series) each larger size. */
export const runSizes = (scaling: readonly number[]) => [...new Set([SEGMENT_UNITS, HEADLINE_UNITS, ...scaling.filter((n) => n > HEADLINE_UNITS)])].sort((a, b) => a - b);

export interface SiteProbeRound extends Pick<ProbeRound, 'frames' | 'unmaskedFrames' | 'violations' | 'kinds'> {
  site: string;
  variant: 'with' | 'without';
  units: number;
}

/** Runs the feed in a page served with the probe, in either browser: the probe's figures, and the page's own. */
async function probed(evaluate: TestPage['evaluate'], feed: SiteFeed, units: number) {
  await evaluate(loadInPage, pageConfig(feed, units));
  const stats = await within(evaluate(runInPage, [units, SITE_BATCH] as const), SEGMENT_TIMEOUT_MS, `${feed.id}, ${units} units with the probe`);
  // A few more frames for the probe after the last batch.
  await new Promise((done) => setTimeout(done, 300));
  return { stats, probe: probeFigures(await evaluate(readProbe)), marked: await evaluate(countInPage, IDENTITY_MARKS) };
}

export async function siteProbeRound(session: Session, feed: SiteFeed, units: number): Promise<SiteProbeRound> {
  const { page } = await openTab(session);
  try {
    await page.goto(siteUrl(feed, 'probe'), { waitUntil: 'load', timeout: 120_000 });
    await settle(page, 100);
    const { probe } = await probed((fn, arg) => page.evaluate(fn as never, arg), feed, units);
    return { site: feed.id, variant: session.kind, units, ...probe };
  } finally {
    await page.close();
  }
}

export interface SiteFirefoxRound extends SiteProbeRound {
  page: SiteStats;
  marked: number;
}

/** Firefox has no CDP metrics: the probe's frames and the page's own timing of the observer callbacks. */
export async function siteFirefoxRound(firefox: FirefoxSessions, feed: SiteFeed, variant: 'with' | 'without', units: number): Promise<SiteFirefoxRound> {
  const page = await firefox.open(variant, siteUrl(feed, 'probe'));
  try {
    const { stats, probe, marked } = await probed(page.evaluate, feed, units);
    return { site: feed.id, variant, units, ...probe, page: stats, marked: variant === 'with' ? marked : 0 };
  } finally {
    await page.close();
  }
}
