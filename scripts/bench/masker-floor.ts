/**
 * `npx tsx scripts/bench/masker-floor.ts [site …]`: how low a masker's extra script can go on each
 * real-markup feed (site-feed.ts), to tell which of issue 17's targets a design can meet at all.
 * Side by side, in alternating order each round, 1,000 clones 20 per frame (staged: only the appends
 * and what they set off are measured), on a page with no extension:
 *   naive           the yardstick (tests/fixtures/bench/naive-masker.js): one query per mask kind per
 *                   added node, with the site rule's selectors, and a write per element found
 *   naive-queries   the same queries, no writes: what finding the elements costs that way
 *   detector        no queries: the style engine finds them (tests/fixtures/bench/animation-detector.js),
 *                   the naive masker's writes on each animationstart
 * and Momo Mask (the build `npm run bench` measures: lib.ts CHROME_DIST) in a browser of its own.
 * Reported per site, per 1,000 identities (Momo Mask's marks per clone): extra script, task and
 * style against the same page with no masker, medians of the paired differences. Not part of
 * `npm run bench`: a diagnosis, like build-pair.ts and layer-cost.ts.
 *   BENCH_ROUNDS=4 rounds (4 by default)
 */
import { FakeInternet } from '../../tests/e2e/harness/serve';
import { IDENTITY_MARKS } from './feed';
import { CHROME_DIST, collectGarbage, launch, median, metrics, openTab, Router, settle, type Metrics, type Session } from './lib';
import { loadSiteFeed, prepareSiteFeeds, SITE_BATCH, siteUrl, type SiteFeed, type SitePage } from './site-feed';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4));
const UNITS = 1000;
const MASKERS = ['naive', 'naive-queries', 'detector', 'momo mask'] as const;
type Masker = (typeof MASKERS)[number] | 'none';
const PAGE: Record<Masker, SitePage> = { none: 'plain', naive: 'naive', 'naive-queries': 'naive-queries', detector: 'detector', 'momo mask': 'plain' };
const FIGURES = { script: 'ScriptDuration', task: 'TaskDuration', style: 'RecalcStyleDuration' } as const;
type Figures = Record<keyof typeof FIGURES, number>;

type Bench = { __siteBench: { stage(n: number, batch: number): void; run(n: number, batch: number): Promise<unknown>; count(selector: string): number } };
// In the page (no named helpers inside: the TS loader would wrap them in a __name() the page does not have).
const stageInPage = ([n, batch]: readonly [number, number]) => (window as unknown as Bench).__siteBench.stage(n, batch);
const runInPage = ([n, batch]: readonly [number, number]) => (window as unknown as Bench).__siteBench.run(n, batch);
const countInPage = (selector: string) => (window as unknown as Bench).__siteBench.count(selector);

/** One page load: the figures of inserting UNITS clones, and the identities marked per clone (Momo Mask's only). */
async function round(session: Session, feed: SiteFeed, masker: Masker): Promise<{ figures: Figures; marked: number }> {
  const { page, cdp } = await openTab(session);
  try {
    await page.goto(siteUrl(feed, PAGE[masker]), { waitUntil: 'load', timeout: 120_000 });
    await settle(page, 200);
    await loadSiteFeed(page, feed, UNITS);
    await page.evaluate(stageInPage, [UNITS, SITE_BATCH] as const);
    await collectGarbage(cdp);
    const before = await metrics(cdp);
    await page.evaluate(runInPage, [UNITS, SITE_BATCH] as const);
    await settle(page, 100); // the detector's last events come a frame later
    const after = await metrics(cdp);
    const figures = Object.fromEntries(Object.entries(FIGURES).map(([key, metric]) => [key, (after[metric as keyof Metrics] - before[metric as keyof Metrics]) * 1000])) as Figures;
    const marked = masker === 'momo mask' ? (await page.evaluate(countInPage, IDENTITY_MARKS)) / UNITS : 0;
    return { figures, marked };
  } finally {
    await page.close();
  }
}

const router = new Router(new FakeInternet());
const { feeds } = prepareSiteFeeds(router, process.argv.length > 2 ? new Set(process.argv.slice(2)) : null);
const sessions = { plain: await launch('without', router), extension: await launch('with', router, CHROME_DIST) };
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');
const lines = [
  `Extra ms per 1,000 identities against no masker (medians of ${ROUNDS} paired rounds, ${UNITS} clones each): script / task / style`,
  '',
  `| site | identities per clone | ${MASKERS.join(' | ')} | half the naive masker's script |`,
  `|---|---:|${MASKERS.map(() => '---:').join('|')}|---:|`,
];
try {
  for (const feed of feeds) {
    const rounds = new Map<Masker, Figures[]>();
    let marked = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const order: Masker[] = ['none', ...MASKERS];
      for (const masker of r % 2 ? order.reverse() : order) {
        const result = await round(masker === 'momo mask' ? sessions.extension : sessions.plain, feed, masker);
        rounds.set(masker, [...(rounds.get(masker) ?? []), result.figures]);
        if (masker === 'momo mask') marked = result.marked;
      }
    }
    const none = rounds.get('none')!;
    const per1k = (masker: Masker, key: keyof Figures) => median(rounds.get(masker)!.map((f, i) => f[key] - none[i][key])) / (marked || 1);
    const cell = (masker: Masker) => (['script', 'task', 'style'] as const).map((key) => ms(per1k(masker, key))).join(' / ');
    lines.push(`| ${feed.id} | ${marked.toFixed(2)} | ${MASKERS.map(cell).join(' | ')} | ${ms(per1k('naive', 'script') / 2)} |`);
    console.log(lines.at(-1));
  }
} finally {
  for (const session of Object.values(sessions)) await session.close();
}
console.log(`\n${lines.join('\n')}`);
