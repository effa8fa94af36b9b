/**
 * Three things that hold wherever a page puts a person, checked on every real saved page of a
 * built-in site (tests/fixtures) with the site's rule, in pseudonym mode. Counted in jsdom (the
 * real-browser check of the pages as saved: tests/e2e/real-pages.*).
 * - A display name that carries a handle ("Jane Doe @janedoe", "Bob | @bob@mastodon.social":
 *   common on X and Bluesky) is masked whole. On X every link to a profile is also a mention, the
 *   name's link among them: its mention pass wrote the name back with the handle swapped ("Jane Doe
 *   @momo"). Each place the page writes a listed name as one text, and the rule masks it there,
 *   given a handle after it, shows neither the name nor the handle.
 * - A person may call themselves what the page's buttons say ("Follow", "Reply", "关注"): once their
 *   name is learned, the layer that masks it wherever it stands alone made every such button read
 *   "momo". Each control reading the commonest word of the page's controls keeps it; so does each
 *   control labelled with the commonest one-word label ("More", "Save", "反对": screen readers read
 *   "momo" for every such button).
 * - A person's avatar is tinted their colour once: CSS filters compose down the tree, so a tint on
 *   an avatar box and again on the picture inside it turned the colour with the nesting (X nests a
 *   post's picture in two boxes, a profile's in up to four: one person, a different colour in each
 *   place). Each picture drawn over has at most one tint on it and its ancestors.
 * - A person may call themselves "momo": the name is learned, and was found again inside every
 *   pseudonym written into a text that names several people ("@momo·s9rn" in a YouTube label read
 *   "@momo·p1s3·s9rn"; a profile's title "momo·ftgf·ftgf (@momo·ftgf·ftgf) / X"). Where one person
 *   is called "momo", no text, label or title on the page shows a pseudonym run into another.
 * - A profile's header names its person with no link to key them by: keyed by the name's text, they
 *   were another pseudonym than in the title, keyed by the handle there (X: "momo·aezk" in the
 *   header, "momo·ftgf (@momo·ftgf) / X"). Where the title's person is masked by name, the name
 *   shows the title's pseudonym.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadFixtures } from '../../e2e/harness/fixtures';
import { builtInRuleFor, flush, loadSavedPage, startEngine, stopEngines } from './helpers';

/** Pages a site rendered itself: their provenance names a commit. */
const REAL = loadFixtures().filter((f) => / : .+ @ [0-9a-f]{7,}/.test(f.expected.source));
const OWN_HANDLE = 'elsewhere_acct';
const TINT = '[style*="hue-rotate"]';

/** The text nodes that are exactly one of `names`, in document order, each with the name it is. */
function nameTexts(names: ReadonlySet<string>): [Text, string][] {
  const found: [Text, string][] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const name = node.data.trim();
    if (names.has(name) && !node.parentElement!.closest('script, style, textarea, [contenteditable="true"]')) found.push([node, name]);
  }
  return found;
}

/** A pseudonym run into another: what a learned "momo" made of the pseudonyms written after it. */
const RUN_INTO = /momo·[0-9a-z]{4}·/;

/** The page's texts, labels and title that show a pseudonym run into another. */
function runInto(): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (RUN_INTO.test((node as Text).data)) found.push((node as Text).data);
  for (const el of document.querySelectorAll('[alt], [title], [aria-label]')) {
    for (const attr of ['alt', 'title', 'aria-label']) if (RUN_INTO.test(el.getAttribute(attr) ?? '')) found.push(`${attr}: ${el.getAttribute(attr)}`);
  }
  return found;
}

/** What a page's controls are (fallback-layers.ts leaves their text to the page). */
const CONTROL = 'button, select, option, [role="button"], [role="tab"], [role="menuitem"]';

/** The text most of the page's controls read, one short word that is no listed name ("Follow", "Reply", "关注"). */
function commonestControlWord(names: ReadonlySet<string>): string | undefined {
  const counts = new Map<string, number>();
  for (const el of document.querySelectorAll(CONTROL)) {
    const text = el.textContent!.trim();
    if (/^(\p{L}{3,12}|\p{Script=Han}{2,4})$/u.test(text) && !names.has(text)) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The one-word label (aria-label or title, whole) most of the page's controls carry, no listed name ("More", "Save", "反对"). */
function commonestControlLabel(names: ReadonlySet<string>): string | undefined {
  const counts = new Map<string, number>();
  for (const el of document.querySelectorAll(CONTROL)) {
    for (const label of [el.getAttribute('aria-label'), el.getAttribute('title')]) {
      const word = label?.trim() ?? '';
      if (/^(\p{L}{3,12}|\p{Script=Han}{2,4})$/u.test(word) && !names.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Each control's label that reads `word` whole. */
const labelsReading = (word: string) =>
  [...document.querySelectorAll(CONTROL)].flatMap((el) => ['aria-label', 'title'].filter((attr) => el.getAttribute(attr)?.trim() === word).map((attr) => ({ el, attr })));

/** The tints on `el` and its ancestors. */
function tintsOver(el: Element): number {
  let count = 0;
  for (let at = el.closest(TINT); at; at = at.parentElement?.closest(TINT) ?? null) count++;
  return count;
}

/** Masks the loaded page as a browser does: from the first node, then the pass at DOMContentLoaded. */
async function mask(url: string): Promise<void> {
  startEngine(builtInRuleFor(url), document, { mode: 'pseudonym', salt: 'c0ffee' }, undefined, true).rescan();
  await flush();
}

/** The pages where each check found something to check: names given a handle, controls named after, tinted avatars. */
const named: string[] = [];
const withControls: string[] = [];
const withLabels: string[] = [];
const tinted: string[] = [];
const calledMomo: string[] = [];
const keyedAsTitle: string[] = [];

// Weibo's rule keys people by an attribute, read with CSS.escape, which jsdom lacks.
beforeAll(() => {
  if (!globalThis.CSS?.escape) vi.stubGlobal('CSS', { escape: (value: string) => value });
});

afterEach(() => {
  stopEngines();
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe.each(REAL.map((fixture) => ({ fixture, page: fixture.dir.replace(/.*fixtures\//, '') })))('$page', { timeout: 60_000 }, ({ fixture, page }) => {
  it('masks a name with a handle in it whole, leaves controls reading a name alone, tints each avatar picture once, and keeps "momo" one person', async () => {
    // Every place the page writes a listed name as one text, the name given a handle of its own;
    // where there are more, the last one's person named after the commonest word on the page's controls.
    loadSavedPage(fixture);
    const names = new Set(fixture.expected.names);
    const found = nameTexts(new Set([...names].filter((name) => !name.includes('@'))));
    // The person called "momo": the one the title names, else the first of three places or more. In
    // the title, and in their first place where two are left for the checks below.
    const title = document.querySelector('title')?.firstChild as Text | null;
    const momo = found.find(([, name]) => title?.data.includes(name))?.[1] ?? (found.length > 2 ? found[0][1] : undefined);
    const inTitle = momo !== undefined && title?.data.includes(momo) === true;
    if (inTitle) title!.data = title!.data.replace(momo!, 'momo');
    const first = found.length > 2 ? found.findIndex(([, name]) => name === momo) : -1;
    const momoPlace = first >= 0 ? found.splice(first, 1)[0][0] : undefined;
    if (momoPlace) momoPlace.data = 'momo';
    const places = found.map(([node, name]) => {
      node.data = `${name} @${OWN_HANDLE}`;
      return { node, name };
    });
    const renamed = places.length > 1 ? places.pop() : undefined;
    const renamedAsLabel = places.length > 1 ? places.pop() : undefined;
    const labelWord = commonestControlLabel(names);
    const labels = labelWord ? labelsReading(labelWord) : [];
    if (renamedAsLabel && labelWord) renamedAsLabel.node.data = labelWord;
    const word = commonestControlWord(names);
    const controls = word ? [...document.querySelectorAll(CONTROL)].filter((el) => el.textContent!.trim() === word) : [];
    if (renamed && word) renamed.node.data = word;
    await mask(fixture.expected.url);
    if (renamed?.node.parentElement?.closest('[data-momo="name"]') && controls.length) {
      withControls.push(page);
      expect(controls.filter((el) => el.textContent!.trim() !== word).map((el) => `${el.localName}: ${el.textContent!.trim()}`)).toEqual([]);
    }
    // A control holding what was masked (an avatar button) names its person: its label is the masker's.
    const pageLabels = labels.filter(({ el }) => !el.querySelector('[data-momo]'));
    if (renamedAsLabel?.node.parentElement?.closest('[data-momo="name"]') && pageLabels.length) {
      withLabels.push(page);
      const changed = pageLabels.filter(({ el, attr }) => el.getAttribute(attr)!.trim() !== labelWord);
      expect(changed.map(({ el, attr }) => `${el.localName} ${attr}: ${el.getAttribute(attr)}`)).toEqual([]);
    }
    // Where the rule masks a name or a handle (elsewhere the name is left to other tests: a gap of the rule itself).
    const inIdentity = places.filter(({ node }) => node.parentElement?.closest('[data-momo="name"], [data-momo="handle"]'));
    if (inIdentity.length) named.push(page);
    const shown = inIdentity.filter(({ node, name }) => node.data.includes(name) || node.data.includes(OWN_HANDLE));
    expect(shown.map(({ node }) => node.parentElement!.closest('[data-momo]')!.textContent!.trim())).toEqual([]);
    // What the masker drew over: pictures, and boxes that draw their own (painted by the site's sheet).
    const drawn = [...document.querySelectorAll('[data-momo^="avatar"]')].filter((el) => /^(img|image)$/.test(el.localName) || el.hasAttribute('data-momo-paint'));
    expect(drawn.filter((el) => tintsOver(el) > 1).map((el) => `${el.localName} under ${tintsOver(el)} tints`)).toEqual([]);
    if (drawn.some((el) => tintsOver(el) === 1)) tinted.push(page);
    if (momo) {
      calledMomo.push(page);
      expect(runInto()).toEqual([]);
    }
    // The title's person, where their name is masked with no link to key it by, is the title's pseudonym.
    const titled = inTitle && title!.data.match(/momo·[0-9a-z]{4}/)?.[0];
    if (titled && momoPlace?.parentElement?.closest('[data-momo="name"]')) {
      keyedAsTitle.push(page);
      expect(momoPlace.data.trim()).toBe(titled);
    }
  });
});

afterAll(() => {
  vi.unstubAllGlobals();
  // Most sites write a name as one text; some list handles only (Hacker News, GitHub, Reddit).
  expect(named.length).toBeGreaterThanOrEqual(12);
  for (const site of ['x/', 'bluesky/', 'facebook/', 'weibo/', 'zhihu/']) expect(named.join(' ')).toContain(site);
  expect(withControls.length).toBeGreaterThanOrEqual(10);
  console.log(`labels checked on ${withLabels.length} pages: ${withLabels.join(', ')}`);
  // Sites whose avatars carry a profile key, drawn in several ways: an <img>, an SVG <image>, a painted box.
  for (const site of ['x/', 'bluesky/', 'facebook/', 'reddit/', 'stackexchange/', 'tiktok/']) expect(tinted.join(' ')).toContain(site);
  // Profiles whose title names their person, a feed whose labels hold "@handle" mentions.
  for (const page of ['x/profile', 'tiktok/profile', 'instagram/profile', 'youtube/home']) expect(calledMomo.join(' ')).toContain(page);
  expect(keyedAsTitle.join(' ')).toContain('x/profile');
});
