/**
 * `npm run bench`: drives the built extension (dist-demo/chrome, or $MOMO_DIST/chrome) in headless Debian Chromium beside the
 * same Chromium with no extension, then the Firefox build in Firefox ESR where its API allows (firefox.ts), and writes
 * BENCHMARKS.md, bench-scaling.svg and bench-sites.svg at the top level.
 * Not part of `npm test`: nothing here passes or fails on a time.
 *
 * Environment (for a quicker look; the defaults make the published figures):
 *   BENCH_ROUNDS=5            rounds per figure (medians are reported; at least 5 for BENCHMARKS.md)
 *   BENCH_SIZES=500,1000,...  feed sizes of the scaling series (1,000 is always included)
 *   BENCH_ONLY=sites,feed,probe,profile,pages,spa,extension,firefox   run only these workloads
 *                             (profile with sites: a CPU profile of each site's feed too; per selector: selector-cost.ts)
 *   BENCH_SITES=x,reddit      real-markup feeds of these sites only (scripts/bench/sites.ts; all by default)
 *   BENCH_OUT=<dir>           write BENCHMARKS.md and the plot there instead of the repository root
 *   MOMO_DIST=<dir>           measure <dir>/chrome (a private build: MOMO_OUT=<dir> npx vite build --mode chrome)
 *   MOMO_BENCH_DIST=<dir>     another build of the extension, the folder itself (e.g. an unminified one)
 *   BENCH_FROM=<results.json> only rewrite the report from the raw results of an earlier run
 *   BENCH_TIME_DOMAIN=timeTicks  CDP durations in wall time instead of main-thread CPU time (threadTicks)
 *   BENCH_WAIT_QUIET=20       seconds to wait at most for an idle machine before starting (0: don't)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeInternet } from '../../tests/e2e/harness/serve';
import { bundleSizes, controlPage, popupRound, popupTarget, workerRound, type Phase, type Subject } from './extension';
import { feedRound, probeRound, serveFeed } from './feed';
import { num } from './format';
import { firefoxRound, launchFirefoxPair } from './firefox';
import { alive, CHROME_DIST, TIME_DOMAIN, launch, loadAverage, log, machine, openTab, ROOT, Router, waitForQuiet, type Session, type Variant } from './lib';
import { pageRound, savedPages, servePages } from './pages';
import { profileFeed, profileSiteFeed } from './profile';
import { renderMarkdown, renderSvg } from './report';
import { HEADLINE_UNITS, PROBE_UNITS_WITHOUT, prepareSiteFeeds, runSizes, SEGMENT_UNITS, SITE_BATCH, siteFirefoxRound, siteProbeRound, siteRun, within } from './site-feed';
import { renderSiteSvg, SITES_SVG } from './site-report';
import type { Results } from './results';
import { liveFeed, spaRound } from './spa';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const SIZES = [...new Set([...(process.env.BENCH_SIZES ?? '500,1000,2000,4000,8000').split(',').map(Number), 1000])].filter((n) => n > 0).sort((a, b) => a - b);
/** The 1,000-post feed is the headline figure: three times the rounds, as its overhead swings most from round to round here. */
const HEADLINE_ROUNDS = ROUNDS * 3;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const runs = (name: string) => !ONLY || ONLY.has(name);
const OUT = resolve(process.env.BENCH_OUT ?? ROOT);
const SITES = process.env.BENCH_SITES ? new Set(process.env.BENCH_SITES.split(',')) : null;
/**
 * Rounds of the real-markup feeds: every variant at the headline size, every site, each round; the
 * scaling series (with and without) in the first SCALING_ROUNDS of them. Fewer than the demo feed's:
 * fourteen real pages, four variants each (a 1,000-unit run takes 5 to 20 s here, Zhihu's over a
 * minute on a busy machine), in the half hour the whole run may take.
 */
const SITE_ROUNDS = Math.max(1, Math.floor(ROUNDS / 2));
const SCALING_ROUNDS = 1;
/** Firefox has no CDP metrics, only the probe and the page's own timing: fewer rounds. */
const FIREFOX_SITE_ROUNDS = 1;
const SITE_VARIANTS: Variant[] = ['with', 'without', 'floor', 'naive'];

function gitDescribe(): string | undefined {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Alternates the order of the variants from round to round, so neither always goes first. */
function rotate<T>(list: T[], round: number): T[] {
  const k = round % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

async function main(): Promise<void> {
  if (process.env.BENCH_FROM) {
    const saved = JSON.parse(readFileSync(process.env.BENCH_FROM, 'utf8')) as Results;
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'BENCHMARKS.md'), renderMarkdown(saved));
    writeFileSync(join(OUT, 'bench-scaling.svg'), renderSvg(saved));
    writeFileSync(join(OUT, SITES_SVG), renderSiteSvg(saved));
    return log(`rewrote ${join(OUT, 'BENCHMARKS.md')}, bench-scaling.svg and ${SITES_SVG} from ${process.env.BENCH_FROM}`);
  }
  if (!existsSync(join(CHROME_DIST, 'manifest.json'))) throw new Error(`${CHROME_DIST} is missing: run \`npm run build\` first`);
  const quiet = await waitForQuiet(Number(process.env.BENCH_WAIT_QUIET ?? 20));
  const started = Date.now();
  const manifest = JSON.parse(readFileSync(join(CHROME_DIST, 'manifest.json'), 'utf8')) as { version: string };
  const results: Results = {
    machine: machine(),
    load: { busyBefore: quiet.busy, waitedS: quiet.waitedS, loadAverageStart: loadAverage(), loadAverageEnd: NaN },
    extensionVersion: manifest.version,
    commit: gitDescribe(),
    rounds: ROUNDS,
    timeDomain: TIME_DOMAIN,
    sizes: SIZES,
    durationS: 0,
    bundle: bundleSizes(),
    feed: [],
    probe: [],
    profile: null,
    pages: [],
    pagesSkipped: [],
    spa: [],
    popup: [],
    worker: [],
  };
  log(`${results.machine.cpu}, ${results.machine.nproc} cores, ${results.machine.chromium}; ${ROUNDS} rounds`);

  const router = new Router(new FakeInternet());
  serveFeed(router);
  const { pages, skipped } = savedPages();
  results.pagesSkipped = skipped;
  servePages(router, pages);
  const live = runs('spa') ? liveFeed(router) : null;
  const siteFeeds = runs('sites') ? prepareSiteFeeds(router, SITES) : null;
  if (siteFeeds) {
    results.sites = {
      batch: SITE_BATCH,
      headline: HEADLINE_UNITS,
      rounds: SITE_ROUNDS,
      scalingRounds: SCALING_ROUNDS,
      feeds: siteFeeds.feeds.map((f) => ({
        id: f.id,
        fixture: f.fixture,
        what: f.what,
        unit: f.unit,
        slots: Object.fromEntries(['name', 'handle', 'key', 'picture'].map((kind) => [kind, f.template.slots.filter((s) => s.kind === kind).length])),
      })),
      skipped: siteFeeds.skipped,
      runs: [],
      probe: [],
      firefox: [],
      failures: [],
    };
  }

  let withExtension = await launch('with', router);
  let plain = await launch('without', router);
  const sessionFor = (variant: Variant): Session => (variant === 'with' ? withExtension : plain);
  /**
   * A real-markup workload that threw: what and where, for the report; and its browser replaced if
   * it died (lib.ts alive), so the rounds after it still run and the report is still written.
   */
  const survive = async (session: Session, what: string, error: unknown): Promise<string> => {
    const message = `${what}: ${((error as Error)?.message ?? String(error)).split('\n')[0]}`;
    log(message);
    if (await alive(session)) return message;
    await within(session.close(), 30_000, 'closing the dead browser').catch(() => undefined);
    const fresh = await launch(session.kind, router);
    if (session.kind === 'with') withExtension = fresh;
    else plain = fresh;
    log(`relaunched the browser ${session.kind} the extension`);
    return `${message} (the browser died and was relaunched)`;
  };
  /**
   * Popup first render and the worker's cold answer, in rounds of one of each, Momo Mask's and the
   * reference extension's side by side (which goes first alternates round by round).
   */
  const extensionFigures = async (phase: Phase) => {
    const control = await controlPage(withExtension);
    const target = await popupTarget(withExtension, control);
    const subjects: Subject[] = ['momo', 'reference'];
    // One unrecorded open of each kind first, as for the feed: the first load of the popup's scripts
    // has no code cache yet (a user's popup is opened many times, and compiled once).
    for (const subject of subjects) {
      await popupRound(withExtension, control, target.tabId, false, subject);
      await popupRound(withExtension, control, target.tabId, true, subject);
    }
    for (let round = 0; round < Math.max(ROUNDS, 15); round++) {
      for (const subject of rotate(subjects, round)) {
        results.popup.push({ ...(await popupRound(withExtension, control, target.tabId, false, subject)), phase });
        results.popup.push({ ...(await popupRound(withExtension, control, target.tabId, true, subject)), phase });
        results.worker.push({ ...(await workerRound(withExtension, control, subject)), phase });
      }
    }
    await target.page.close();
    await control.page.close();
    await control.referencePage.close();
  };
  try {
    // Latencies first, in the fresh browser, before the workloads load the machine; again at the end.
    if (runs('extension')) {
      // Two browsers have just started on two cores: let them settle first.
      await waitForQuiet(Number(process.env.BENCH_WAIT_QUIET ?? 20));
      await extensionFigures('fresh');
      log('popup and worker (fresh browser) done');
    }
    if (runs('feed')) {
      // One unrecorded round per variant first (code caches, image cache, JIT), then the series; the
      // 1,000-post feed, the headline figure, gets more rounds (HEADLINE_ROUNDS).
      for (const variant of ['with', 'without', 'floor'] as Variant[]) await feedRound(sessionFor(variant), variant, 1000);
      for (let round = 0; round < HEADLINE_ROUNDS; round++) {
        for (const posts of round < ROUNDS ? SIZES : [1000]) {
          for (const variant of rotate<Variant>(['with', 'without', 'floor'], round + posts)) {
            results.feed.push(await feedRound(sessionFor(variant), variant, posts));
          }
        }
        log(`feed round ${round + 1}/${HEADLINE_ROUNDS} done${round < ROUNDS ? '' : ' (1,000 posts only)'}`);
      }
    }
    if (runs('probe')) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const variant of rotate<Variant>(['with', 'without', 'floor'], round)) {
          results.probe.push(await probeRound(sessionFor(variant), variant, 1000));
        }
      }
      log('paint probe done');
    }
    if (runs('profile')) {
      results.profile = await profileFeed(withExtension, 1000);
      log('profile done');
    }
    if (runs('pages')) {
      // One tab per browser, reused: a navigation starts a new document, and its counters start at zero.
      const tabs = new Map([
        [withExtension, await openTab(withExtension)],
        [plain, await openTab(plain)],
      ]);
      for (let round = 0; round < ROUNDS; round++) {
        for (const fixture of pages) {
          for (const session of rotate([withExtension, plain], round)) results.pages.push(await pageRound(session, fixture, tabs.get(session)));
        }
        log(`saved pages round ${round + 1}/${ROUNDS} done (${pages.length} pages)`);
      }
      for (const tab of tabs.values()) await tab.page.close();
    }
    if (siteFeeds?.feeds.length) {
      const sites = results.sites!;
      const { feeds } = siteFeeds;
      // One unrecorded segment per variant first (code caches, the engine's first calls before the JIT), on the first site.
      for (const variant of SITE_VARIANTS) {
        const session = sessionFor(variant);
        await siteRun(session, feeds[0], variant, -1, [SEGMENT_UNITS]).catch((error) => survive(session, `${feeds[0].id} ${variant}, warm-up`, error));
      }
      for (let round = 0; round < SITE_ROUNDS; round++) {
        for (const [i, feed] of feeds.entries()) {
          const siteStarted = Date.now();
          for (const variant of rotate(SITE_VARIANTS, round + i)) {
            // The scaling series in the first rounds, with and without the extension: the sizes past the headline.
            const scaling = round < SCALING_ROUNDS && (variant === 'with' || variant === 'without');
            const session = sessionFor(variant);
            try {
              sites.runs.push(await siteRun(session, feed, variant, round, runSizes(scaling ? SIZES : [])));
            } catch (error) {
              const failed = await survive(session, `${feed.id} ${variant}, round ${round + 1}`, error);
              sites.runs.push({ site: feed.id, variant, round, segments: [], failed, heapBefore: Number.NaN, heapAfter: Number.NaN, markedPerUnit: Number.NaN });
            }
          }
          log(`  ${feed.id}: ${((Date.now() - siteStarted) / 1000).toFixed(0)} s`);
        }
        log(`real-markup feeds round ${round + 1}/${SITE_ROUNDS} done (${feeds.length} sites${round < SCALING_ROUNDS ? `, up to ${num(Math.max(...SIZES))} units` : ''})`);
      }
      for (const [i, feed] of feeds.entries()) {
        for (const session of rotate([withExtension, plain], i)) {
          await siteProbeRound(session, feed, session === plain ? PROBE_UNITS_WITHOUT : HEADLINE_UNITS).then(
            (round) => sites.probe.push(round),
            async (error) => sites.failures.push(await survive(session, `${feed.id} ${session.kind}, paint probe`, error)),
          );
        }
      }
      log('real-markup feeds, paint probe done');
      if (runs('profile')) {
        sites.profiles = {};
        for (const feed of feeds) {
          const session = withExtension;
          await profileSiteFeed(session, feed, HEADLINE_UNITS).then(
            (profile) => (sites.profiles![feed.id] = profile),
            async (error) => sites.failures.push(await survive(session, `${feed.id}, CPU profile`, error)),
          );
        }
        log('real-markup feeds, CPU profiles done');
      }
    }
    if (live) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const session of rotate([withExtension, plain], round)) results.spa.push(await spaRound(session, live));
      }
      log('SPA navigation done');
    }
    if (runs('extension')) {
      await extensionFigures('after');
      log('popup and worker (after the workloads) done');
    }
  } finally {
    await withExtension.close();
    await plain.close();
  }
  // After Chromium has closed: the two browsers never share the two cores.
  if (runs('firefox') || siteFeeds?.feeds.length) {
    const firefox = await launchFirefoxPair(router);
    try {
      results.firefox = { version: firefox.version, rounds: [] };
      if (runs('firefox')) {
        for (const variant of ['with', 'without'] as const) await firefoxRound(firefox, variant, 1000);
        for (let round = 0; round < ROUNDS * 2; round++) {
          for (const variant of rotate<'with' | 'without'>(['with', 'without'], round)) results.firefox.rounds.push(await firefoxRound(firefox, variant, 1000));
        }
        log('Firefox done');
      }
      if (siteFeeds?.feeds.length) {
        for (let round = 0; round < FIREFOX_SITE_ROUNDS; round++) {
          for (const [i, feed] of siteFeeds.feeds.entries()) {
            for (const variant of rotate<'with' | 'without'>(['with', 'without'], round + i)) {
              await siteFirefoxRound(firefox, feed, variant, HEADLINE_UNITS).then(
                (run) => results.sites!.firefox.push(run),
                (error: Error) => results.sites!.failures.push(`Firefox ${variant}: ${error.message}`),
              );
            }
          }
        }
        log('Firefox, real-markup feeds done');
      }
    } finally {
      await firefox.close();
    }
  }

  results.durationS = (Date.now() - started) / 1000;
  results.load.loadAverageEnd = loadAverage();
  const raw = join(tmpdir(), 'momo-bench-results.json');
  writeFileSync(raw, JSON.stringify(results, null, 1));
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'BENCHMARKS.md'), renderMarkdown(results));
  writeFileSync(join(OUT, 'bench-scaling.svg'), renderSvg(results));
  writeFileSync(join(OUT, SITES_SVG), renderSiteSvg(results));
  log(`wrote ${join(OUT, 'BENCHMARKS.md')}, bench-scaling.svg and ${SITES_SVG} in ${results.durationS.toFixed(0)} s (raw results: ${raw})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
