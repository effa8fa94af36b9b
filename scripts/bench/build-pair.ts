/**
 * `BEFORE=<dist>/chrome AFTER=<dist>/chrome npx tsx scripts/bench/build-pair.ts [site …]`: two builds of
 * the extension side by side on the real-markup feeds (site-feed.ts), to tell whether a change made
 * the masking slower. One Chromium per build; each round runs every site with both, in alternating
 * order, 1,000 clones 20 per frame. Half-way the browsers are launched again in the other order: on
 * this 2-core machine the browser launched second ran Stack Exchange slower whichever build it held,
 * so one launch order alone can show a difference that is only the order. Reported per site: medians
 * of each build and the median of the paired differences (after − before), per launch order and in
 * all. Not part of `npm run bench`: a diagnosis, like layer-cost.ts.
 *   BENCH_ROUNDS=6 rounds in all (even; 6 by default)
 */
import { FakeInternet } from '../../tests/e2e/harness/serve';
import { launch, median, Router, type Session } from './lib';
import { paired } from './site-results';
import { HEADLINE_UNITS, prepareSiteFeeds, SEGMENT_UNITS, siteRun, type SiteRun } from './site-feed';

const builds = { before: process.env.BEFORE, after: process.env.AFTER };
if (!builds.before || !builds.after) throw new Error('BEFORE and AFTER: the two builds to compare (each a folder with manifest.json, e.g. dist/chrome)');
const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 6));
type Build = keyof typeof builds;

const FIGURES = {
  'observer callbacks (wall)': (run: SiteRun) => sum(run.segments.flatMap((s) => s.page.batchObservers ?? [])),
  'longest callback': (run: SiteRun) => Math.max(...run.segments.flatMap((s) => s.page.batchObservers ?? [])),
  'longest frame': (run: SiteRun) => Math.max(...run.segments.map((s) => s.page.longestFrame ?? 0)),
  script: (run: SiteRun) => sum(run.segments.map((s) => s.scriptMs)),
  'style + layout': (run: SiteRun) => sum(run.segments.map((s) => s.styleMs + s.layoutMs)),
  task: (run: SiteRun) => sum(run.segments.map((s) => s.taskMs)),
};
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

const router = new Router(new FakeInternet());
const { feeds } = prepareSiteFeeds(router, process.argv.length > 2 ? new Set(process.argv.slice(2)) : null);
/** Per site: each build's runs, as `paired` takes them (the build as the variant), with the launch order they ran under. */
type PairRun = { variant: Build; round: number; order: number; run: SiteRun };
const runs = new Map<string, PairRun[]>();

for (const order of [0, 1]) {
  const sessions = {} as Record<Build, Session>;
  for (const build of (order ? ['after', 'before'] : ['before', 'after']) as Build[]) sessions[build] = await launch('with', router, builds[build]);
  try {
    // One unrecorded run each first: code caches, the engine's first calls before the JIT.
    for (const build of ['before', 'after'] as Build[]) await siteRun(sessions[build], feeds[0], 'with', -1, [SEGMENT_UNITS]);
    for (let round = 0; round < ROUNDS / 2; round++) {
      for (const [i, feed] of feeds.entries()) {
        const of = runs.get(feed.id) ?? [];
        runs.set(feed.id, of);
        for (const build of ((round + i) % 2 ? ['after', 'before'] : ['before', 'after']) as Build[]) {
          const run = await siteRun(sessions[build], feed, 'with', round, [SEGMENT_UNITS, HEADLINE_UNITS]);
          if (!run.failed) of.push({ variant: build, round: order * ROUNDS + round, order, run });
        }
      }
      console.log(`launch order ${order + 1}/2, round ${round + 1}/${ROUNDS / 2} done`);
    }
  } finally {
    for (const session of Object.values(sessions)) await session.close();
  }
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');
for (const [site, of] of runs) {
  console.log(`\n${site}: ms per ${HEADLINE_UNITS} clones, medians, before → after (paired after − before: before's browser launched first / after's first, all)`);
  for (const [name, figure] of Object.entries(FIGURES)) {
    const diff = (order?: number) =>
      paired(
        of.filter((r) => order === undefined || r.order === order),
        'after',
        'before',
        (a, b) => figure(a.run) - figure(b.run),
      );
    const all = (build: Build) => median(of.filter((r) => r.variant === build).map((r) => figure(r.run)));
    console.log(`  ${name}: ${ms(all('before'))} → ${ms(all('after'))} (${ms(diff(0))} / ${ms(diff(1))}, ${ms(diff())})`);
  }
}
