/**
 * In pseudonym mode a person's avatar is tinted their colour once, wherever it is drawn: CSS
 * filters compose down the tree, so a tint on an avatar box and again on the picture inside it
 * turns the colour by the nesting (X nests the picture of a post's avatar in two boxes, a
 * profile's in up to four: one person showed a different colour in each place). On every real
 * saved page of a built-in site (tests/fixtures), each picture the masker draws over has at most
 * one tint on it and its ancestors, and the pages with keyed avatars show tinted ones.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixtures } from '../../e2e/harness/fixtures';
import { builtInRuleFor, flush, loadSavedPage, startEngine, stopEngines } from './helpers';

const REAL = loadFixtures().filter((f) => / : .+ @ [0-9a-f]{7,}/.test(f.expected.source));
const TINT = '[style*="hue-rotate"]';

afterEach(() => {
  stopEngines();
  document.documentElement.innerHTML = '<head></head><body></body>';
});

/** The tints on `el` and its ancestors. */
function tintsOver(el: Element): number {
  let count = 0;
  for (let at = el.closest(TINT); at; at = at.parentElement?.closest(TINT) ?? null) count++;
  return count;
}

describe('a pseudonym’s avatar', () => {
  it('is tinted once, however deep the page nests its picture', { timeout: 120_000 }, async () => {
    const tinted: string[] = [];
    for (const fixture of REAL) {
      loadSavedPage(fixture);
      startEngine(builtInRuleFor(fixture.expected.url), document, { mode: 'pseudonym', salt: 'c0ffee' }, undefined, true).rescan();
      await flush();
      // What the masker drew over: pictures, and boxes that draw their own (painted by the site's sheet).
      const drawn = [...document.querySelectorAll('[data-momo^="avatar"]')].filter((el) => /^(img|image)$/.test(el.localName) || el.hasAttribute('data-momo-paint'));
      const page = fixture.dir.replace(/.*fixtures\//, '');
      expect(
        drawn.filter((el) => tintsOver(el) > 1).map((el) => `${page}: ${el.localName} under ${tintsOver(el)} tints`),
        page,
      ).toEqual([]);
      if (drawn.some((el) => tintsOver(el) === 1)) tinted.push(page);
      stopEngines();
    }
    // Sites whose avatars carry a profile key, drawn in several ways: an <img>, an SVG <image>, a painted box.
    for (const site of ['x/', 'bluesky/', 'facebook/', 'reddit/', 'stackexchange/', 'tiktok/']) expect(tinted.join(' ')).toContain(site);
  });
});
