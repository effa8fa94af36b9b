/**
 * `npx tsx scripts/bench/layer-cost.ts [site …]`: what the layers of evidence (fallback-layers.ts)
 * cost beside the structural selectors they back up, on each site's real-markup feed (site-feed.ts)
 * in Chromium. The engine is bundled into the page (layer-cost-page.ts) so its passes can be timed;
 * for each site, in interleaved rounds on fresh pages, 1,000 clones are inserted 20 per frame under
 * the rule as shipped and under its structural selectors alone. Reported, medians of the rounds, ms
 * per 1,000 clones: the observer callbacks with each rule, and the layers' own pass in the shipped one.
 * Needs a build (MOMO_DIST, as the bench) for the rules as shipped. Not part of `npm run bench`:
 * a diagnosis, like selector-cost.ts.
 */
import { rolldown } from 'rolldown';
import { LAYER } from '../../src/content/masker';
import { FakeInternet } from '../../tests/e2e/harness/serve';
import type { Variant } from './layer-cost-page';
import { launch, median, openTab, ROOT, Router, settle } from './lib';
import { HEADLINE_UNITS, insertSiteUnits, loadSiteFeed, prepareSiteFeeds, siteUrl } from './site-feed';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const VARIANTS: Variant[] = ['shipped', 'structure'];
const router = new Router(new FakeInternet());
const { feeds } = prepareSiteFeeds(router, process.argv.length > 2 ? new Set(process.argv.slice(2)) : null);

const build = await rolldown({ input: `${ROOT}/scripts/bench/layer-cost-page.ts`, logLevel: 'silent' });
const { output } = await build.generate({ format: 'iife' });
const engineSource = output[0].code;

type Spent = { callbacks: number; layers: number };
const results = new Map<string, Spent[]>();
const session = await launch('without', router);
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const feed of feeds) {
      for (const variant of round % 2 ? [...VARIANTS].reverse() : VARIANTS) {
        const { page } = await openTab(session);
        await page.goto(siteUrl(feed, 'plain'), { waitUntil: 'load', timeout: 120_000 });
        await loadSiteFeed(page, feed, HEADLINE_UNITS);
        await page.evaluate(engineSource);
        await page.evaluate(`__layerCost.start(${JSON.stringify(feed.rule)}, ${JSON.stringify(variant)}); __layerCost.take()`);
        await settle(page);
        await insertSiteUnits(page, HEADLINE_UNITS);
        await settle(page);
        const spent = (await page.evaluate('__layerCost.take()')) as Spent;
        // What the layers alone caught (the popup's fallback count): on the site's own markup, with its own rule, nothing should be.
        const fallback = (await page.evaluate(`document.querySelectorAll('[${LAYER}]').length`)) as number;
        const key = `${feed.id} ${variant}`;
        results.set(key, [...(results.get(key) ?? []), spent]);
        console.log(`round ${round + 1}, ${key}: callbacks ${spent.callbacks.toFixed(0)} ms, layers ${spent.layers.toFixed(0)} ms, caught by the layers alone ${fallback}`);
        await page.close();
      }
    }
  }
} finally {
  await session.close();
}

const per1000 = (ms: number) => ((ms * 1000) / HEADLINE_UNITS).toFixed(0).padStart(6);
console.log(`\nms per 1,000 clones, medians of ${ROUNDS} rounds: site, callbacks with the structural selectors alone, with the rule as shipped, the layers' pass in it`);
for (const feed of feeds) {
  const of = (variant: Variant, what: keyof Spent) => median((results.get(`${feed.id} ${variant}`) ?? []).map((spent) => spent[what]));
  console.log(`${feed.id.padEnd(14)} ${per1000(of('structure', 'callbacks'))} ${per1000(of('shipped', 'callbacks'))} ${per1000(of('shipped', 'layers'))}`);
}
