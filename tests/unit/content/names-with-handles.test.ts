/**
 * A display name that carries a handle ("Jane Doe @janedoe", "Bob | @bob@mastodon.social": common
 * on X and Bluesky) is masked whole. On X every link to a profile is also a mention, the name's link
 * among them: its mention pass wrote the name's text back with the handle swapped ("Jane Doe @momo").
 * On every real saved page of a built-in site (tests/fixtures) with the site's rule, each name the
 * fixture lists that the rule masks as it is, given a handle after it, shows neither the name nor
 * the handle. Counted in jsdom (the real-browser check of the pages as saved: tests/e2e/real-pages.*).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, loadFixtures } from '../../e2e/harness/fixtures';
import { findLeaks, type PageReading } from '../../e2e/harness/page-checks';
import { builtInRuleFor, flush, loadSavedPage, startEngine, stopEngines } from './helpers';

/** Pages a site rendered itself (their provenance names a commit) that list names. */
const REAL = loadFixtures().filter((f) => / : .+ @ [0-9a-f]{7,}/.test(f.expected.source) && f.expected.names.length);
const OWN_HANDLE = 'elsewhere_acct';

function readPage(): PageReading {
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript, template, textarea, [contenteditable="true"], [style*="display: none"]')) continue;
    texts.push(node.textContent ?? '');
  }
  return { visibleText: texts.join('\n'), labels: [], title: '' };
}

/** The text nodes that are exactly one of `names`, each with the name it holds. */
function nameTexts(names: string[]): [Text, string][] {
  const found: [Text, string][] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const name = names.find((who) => node.textContent!.trim() === who);
    if (name && !node.parentElement?.closest('script, style, textarea, [contenteditable="true"]')) found.push([node as Text, name]);
  }
  return found;
}

/** Which of `names` the page shows (one reading, all names at once: a page has hundreds). */
const shownOf = (names: string[], reading: PageReading, fixture: Fixture): string[] => [
  ...new Set(findLeaks(reading, { ...fixture.expected, names, handles: [], locations: [] }).map((leak) => leak.replace(/^\w+: /, ''))),
];

afterEach(() => {
  stopEngines();
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe.each(REAL.map((fixture) => ({ fixture, dir: fixture.dir.replace(/.*fixtures\//, '') })))('$dir', { timeout: 60_000 }, ({ fixture }) => {
  it('masks a name with a handle in it whole, as it masks the name alone', async () => {
    const rule = builtInRuleFor(fixture.expected.url);
    const names = fixture.expected.names.filter((name) => !name.includes('@'));
    // The names this rule masks on the page as saved: a gap of the rule itself is another test's.
    loadSavedPage(fixture);
    const shownBefore = shownOf(names, readPage(), fixture);
    startEngine(rule).rescan();
    await flush();
    const shownAfter = new Set(shownOf(shownBefore, readPage(), fixture));
    const masked = shownBefore.filter((who) => !shownAfter.has(who));
    stopEngines();

    loadSavedPage(fixture);
    const texts = nameTexts(masked);
    for (const [node, name] of texts) node.data = `${name} @${OWN_HANDLE}`;
    startEngine(rule).rescan();
    await flush();
    const reading = readPage();
    expect(texts.length, 'names written as one text on the page').toBeGreaterThan(0);
    expect(shownOf([...new Set(texts.map(([, name]) => name)), OWN_HANDLE], reading, fixture)).toEqual([]);
  });
});
