/**
 * The layers of evidence do not hang on one page's markup: on every real saved page of a built-in
 * site (tests/fixtures, provenance in each expected.json), the site's rule with every structural
 * selector removed — profile-picture addresses, profile links, learned names and place names
 * only — still masks at least 95 % of the avatars and 90 % of the names and handles the fixture
 * lists (written by hand from the page), and keeps at least 95 % of its content. And where a site
 * has more than one real page, the rule as written from its other pages (the structural selectors
 * that match there, with all the evidence beyond structure) masks each one to the same targets.
 * Counted in jsdom by element (the real-browser pixel count is tests/e2e/real-pages.*).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { SELECTOR_FIELDS } from '../../../src/shared/rule/fields';
import { loadFixtures } from '../../e2e/harness/fixtures';
import { findLeaks, type PageReading } from '../../e2e/harness/page-checks';
import { builtInRuleFor, flush, loadSavedPage, startEngine, stopEngines } from './helpers';

interface Floor {
  avatars?: number;
  names?: number;
  content?: number;
  /** What the layers cannot reach on this page yet, and why. */
  reason: string;
}

/**
 * Pages where the layers alone stay below the targets, with what they reach (measured; a lower
 * figure fails, so nothing gets worse unseen) and why. The site's structural selectors cover these
 * pages in full (tests/e2e/saved-pages.*, real-pages.*): a gap here is what a redesign would show.
 */
const BELOW_TARGET: Record<string, Floor> = {};

/** A page a site rendered itself: its provenance names a repository, a path and a commit. */
const REAL = loadFixtures().filter((f) => / : .+ @ [0-9a-f]{7,}/.test(f.expected.source));

/** The site's rule, less every structural selector: what is left outlives a redesign. */
function layersOnly(rule: SiteRule): SiteRule {
  const rest: Record<string, unknown> = { ...rule };
  for (const field of SELECTOR_FIELDS) delete rest[field];
  delete rest.attributes;
  return rest as SiteRule;
}

const isHidden = (el: Element | null): boolean => {
  for (let at = el; at; at = at.parentElement) if ((at as HTMLElement).style?.display === 'none' || at.hasAttribute('hidden')) return true;
  return false;
};

function readPage(): PageReading {
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript, template, textarea, [contenteditable="true"]') || isHidden(parent)) continue;
    texts.push(node.textContent ?? '');
  }
  const labels = [...document.querySelectorAll('[alt], [title], [aria-label]')].flatMap((el) =>
    ['alt', 'title', 'aria-label'].map((attr) => el.getAttribute(attr) ?? '').filter(Boolean),
  );
  return { visibleText: texts.join('\n'), labels, title: document.title };
}

/** The shown pictures whose address is one the fixture lists as an avatar's: read before masking, which rewrites an SVG image's address. */
function avatarPictures(urls: string[]): Element[] {
  return [...document.querySelectorAll('img, image, [style*="url("]')].filter((el) => {
    const address = ['src', 'srcset', 'href', 'xlink:href', 'style'].map((a) => el.getAttribute(a) ?? '').join(' ');
    return urls.some((url) => address.includes(url)) && !isHidden(el);
  });
}

const isMasked = (el: Element) => !!el.closest('[data-momo="avatar"], [data-momo="avatar-part"]');

afterEach(() => {
  stopEngines();
  document.documentElement.innerHTML = '<head></head><body></body>';
});

/** What `rule` masks on the page: the shares of avatars, names and handles masked and of the content kept, and a line saying so. */
async function score(fixture: (typeof REAL)[number], rule: SiteRule) {
  const { expected } = fixture;
  loadSavedPage(fixture);
  const before = readPage();
  const avatarUrls = expected.avatarUrls.filter((url) => !/banner|header/.test(url));
  const people = [...expected.names, ...expected.handles];
  // What the page shows unmasked: the fixture's lists, as found here (a name only in a script is not on the page).
  const shown = people.filter((who) => findLeaks(before, { ...expected, names: [who], handles: [], locations: [] }).length);
  const pictures = avatarPictures(avatarUrls);
  // As in a browser: masking from the first node, then the rescan at DOMContentLoaded (content/index.ts).
  startEngine(rule).rescan();
  await flush();
  const after = readPage();
  const leaked = new Set(findLeaks(after, { ...expected, locations: [] }).map((leak) => leak.replace(/^\w+: /, '')));
  const names = shown.length ? (shown.length - shown.filter((who) => leaked.has(who)).length) / shown.length : 1;
  const avatars = { all: pictures.length, masked: pictures.filter(isMasked).length };
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  const text = squash(after.visibleText);
  const kept = expected.content.filter((snippet) => text.includes(squash(snippet))).length / Math.max(1, expected.content.length);
  const keptBefore = expected.content.filter((snippet) => squash(before.visibleText).includes(squash(snippet))).length / Math.max(1, expected.content.length);
  return {
    avatars: avatars.all ? avatars.masked / avatars.all : 1,
    names,
    content: kept / Math.max(keptBefore, 1e-9),
    line: `avatars ${avatars.masked}/${avatars.all}, names ${shown.length - [...leaked].filter((w) => shown.includes(w)).length}/${shown.length}, content ${((kept / Math.max(keptBefore, 1e-9)) * 100).toFixed(0)} %; left: ${[...leaked].join(', ')}`,
  };
}

describe.each(REAL.map((f) => [f.id, f] as const))('%s, with the structural selectors removed', (_id, fixture) => {
  // jsdom takes seconds on the largest saved pages (a real browser: tests/e2e/saved-pages.*).
  it('masks ≥ 95 % of the avatars and ≥ 90 % of the names and handles, keeping ≥ 95 % of the content', { timeout: 60_000 }, async () => {
    const result = await score(fixture, layersOnly(builtInRuleFor(fixture.expected.url)));
    console.info(`${fixture.id}: ${result.line}`);
    const floor = BELOW_TARGET[fixture.id];
    expect(result.avatars).toBeGreaterThanOrEqual(floor?.avatars ?? 0.95);
    expect(result.names).toBeGreaterThanOrEqual(floor?.names ?? 0.9);
    expect(result.content).toBeGreaterThanOrEqual(floor?.content ?? 0.95);
  });
});

/**
 * The rule as its author would have written it from these pages alone: its structural selectors
 * that match something on one of them, and all its evidence beyond structure (addresses, shapes).
 */
/** The rule's structural selectors that match something on a page, by page (each large page is loaded once). */
const matchedOn = new Map<string, Set<string>>();
function matching(page: (typeof REAL)[number], selectors: string[]): Set<string> {
  let found = matchedOn.get(page.id);
  if (!found) {
    found = new Set();
    loadSavedPage(page);
    for (const selector of selectors) {
      try {
        // Not one with :has(): jsdom reads it alone but matches nothing with a list that holds one (its
        // nwsapi), and the engine queries lists. Real browsers: tests/e2e/real-pages.*.
        if (!selector.includes(':has(') && document.querySelector(selector)) found.add(selector);
      } catch {
        // jsdom cannot read it: left out, as the author could not have tried it on these pages here
      }
    }
    matchedOn.set(page.id, found);
  }
  return found;
}

function writtenFrom(pages: (typeof REAL)[number][], rule: SiteRule): SiteRule {
  const selectors = [...SELECTOR_FIELDS.flatMap((field) => rule[field] ?? []), ...(rule.attributes ?? []).map((target) => target.selector)];
  const found = new Set(pages.flatMap((page) => [...matching(page, selectors)]));
  const written: Record<string, unknown> = { ...layersOnly(rule) };
  for (const field of SELECTOR_FIELDS) {
    const kept = (rule[field] ?? []).filter((selector) => found.has(selector));
    if (kept.length) written[field] = kept;
  }
  const attributes = (rule.attributes ?? []).filter((target) => found.has(target.selector));
  if (attributes.length) written.attributes = attributes;
  return written as SiteRule;
}

/**
 * Pages where the rule written from the site's other pages stays below target (measured floors, as
 * BELOW_TARGET), and why: a real gap the layers-only test cannot show, since it comes from a
 * structural selector that matches on the other page.
 */
const WRITTEN_FROM_BELOW: Record<string, Floor> = {};

/** Sites with more than one real page: each page, masked by the rule written from the site's other pages. */
const OTHERS = REAL.flatMap((fixture) => {
  const site = fixture.id.split('/')[0];
  const others = REAL.filter((f) => f !== fixture && f.id.split('/')[0] === site);
  return others.length ? [[fixture.id, fixture, others] as const] : [];
});

describe.each(OTHERS)('%s, with the rule written from the site’s other real pages', (_id, fixture, others) => {
  it('masks ≥ 95 % of the avatars and ≥ 90 % of the names and handles, keeping ≥ 95 % of the content', { timeout: 120_000 }, async () => {
    const rule = writtenFrom(others, builtInRuleFor(fixture.expected.url));
    const result = await score(fixture, rule);
    console.info(`${fixture.id} from ${others.map((f) => f.id.split('/')[1]).join(', ')}: ${result.line}`);
    const floor = WRITTEN_FROM_BELOW[fixture.id];
    expect(result.avatars).toBeGreaterThanOrEqual(floor?.avatars ?? 0.95);
    expect(result.names).toBeGreaterThanOrEqual(floor?.names ?? 0.9);
    expect(result.content).toBeGreaterThanOrEqual(floor?.content ?? 0.95);
  });
});

it('finds the real pages, and lists below target only pages that are', () => {
  expect(REAL.length).toBeGreaterThanOrEqual(20);
  expect(OTHERS.length).toBeGreaterThanOrEqual(10); // X, Reddit, TikTok and Xiaohongshu have two or more each
  expect(Object.keys(WRITTEN_FROM_BELOW).filter((id) => !OTHERS.some(([other]) => other === id))).toEqual([]);
  expect(Object.keys(BELOW_TARGET).filter((id) => !REAL.some((f) => f.id === id))).toEqual([]);
});
