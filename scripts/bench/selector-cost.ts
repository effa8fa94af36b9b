/**
 * `npx tsx scripts/bench/selector-cost.ts x`: what each of a site's selectors costs on its real-markup
 * feed (site-feed.ts), to find the ones worth rewriting. 1,000 clones inserted with no extension, then
 * in the page, for every selector of the rule (and the engine's query of them all and of each kind, the first compounds'
 * query and the query they leave for a unit (content/anchors.ts), and the layers' queries),
 * the time of `querySelectorAll` over every unit, warm (second of two runs), and what it matched.
 * A descendant combinator whose rightmost part is common (`div[dir]`) walks every ancestor of every
 * candidate up to the root: Chromium's querySelectorAll has no ancestor filter.
 */
import { JSDOM } from 'jsdom';
import { FakeInternet } from '../../tests/e2e/harness/serve';
import { queryFor } from '../../src/content/anchors';
import { compileRule } from '../../src/content/compile-rule';
import { cloneDefaults } from '../../src/shared/settings';
import { avatarUrlEngineSelectors } from '../../src/shared/rule/avatar-urls';
import { MASKED_FIELDS } from '../../src/shared/rule/fields';
import { launch, openTab, Router, settle } from './lib';
import { HEADLINE_UNITS, insertSiteUnits, loadSiteFeed, prepareSiteFeeds, siteUrl } from './site-feed';

const site = process.argv[2] ?? 'x';
const router = new Router(new FakeInternet());
const [feed] = prepareSiteFeeds(router, new Set([site])).feeds;
if (!feed) throw new Error(`${site}: no real-markup feed (scripts/bench/sites.ts)`);

const selectors: { field: string; selector: string }[] = [];
for (const field of MASKED_FIELDS) for (const selector of (feed.rule[field.key] as string[] | undefined) ?? []) selectors.push({ field: field.key, selector });
for (const selector of avatarUrlEngineSelectors(feed.rule.avatarUrls)) selectors.push({ field: 'avatarUrls', selector });
for (const { selector } of feed.rule.attributes ?? []) selectors.push({ field: 'attributes', selector });
// The engine's own query and its parts (one list per kind, avatar boxes' pictures included), compiled as the content script does.
globalThis.document ??= new JSDOM('').window.document;
const compiled = compileRule(feed.rule, cloneDefaults().categories);
const queries = [
  ...selectors,
  ...compiled.parts.map((part) => ({ field: `(${part.kind}${part.fallback ? ', layer' : ''})`, selector: part.selector })),
  { field: '(all)', selector: compiled.any },
  { field: '(anchors)', selector: compiled.anchors.all },
  { field: '(layer)', selector: 'a[href]' },
  { field: '(layer)', selector: '[alt], [title], [aria-label]' },
  { field: '(walk)', selector: '*' },
];

// A string, not a function: the TS loader would wrap named helpers in a __name() the page does not have.
const timeInPage = () => `(([queries, unit]) => {
  const units = [...document.querySelectorAll(unit)];
  const time = (selector) => { const started = performance.now(); let n = 0; for (const u of units) n += u.querySelectorAll(selector).length; return [performance.now() - started, n]; };
  return { units: units.length, times: queries.map(({ selector }) => (time(selector), time(selector))) };
})(${JSON.stringify([queries, feed.unit])})`;

const session = await launch('without', router);
try {
  const { page } = await openTab(session);
  await page.goto(siteUrl(feed, 'plain'), { waitUntil: 'load', timeout: 120_000 });
  await settle(page, 200);
  await loadSiteFeed(page, feed, HEADLINE_UNITS);
  await insertSiteUnits(page, HEADLINE_UNITS);
  // What the engine queries a unit with: the selectors its first compounds allow there (content/anchors.ts), read off the page as it stands.
  const dom = new JSDOM(await page.content());
  const unit = dom.window.document.querySelector(feed.unit);
  if (unit) queries.push({ field: '(gated)', selector: queryFor(compiled, unit).any });
  const { units, times } = (await page.evaluate(timeInPage())) as { units: number; times: [number, number][] };
  console.log(`${site}: ${units} units; ms over all units, matches, field, selector (slowest first)`);
  const rows = queries.map((q, i) => ({ ...q, ms: times[i][0], matches: times[i][1] })).sort((a, b) => b.ms - a.ms);
  for (const r of rows)
    console.log(
      `${r.ms.toFixed(1).padStart(7)} ${String(r.matches).padStart(7)}  ${r.field.padEnd(11)} ${r.field.startsWith('(') && r.field !== '(layer)' && r.field !== '(walk)' ? `(${r.selector.split(', ').length} joined)` : r.selector}`,
    );
} finally {
  await session.close();
}
