/**
 * Badges and counts, and roles, on the saved pages of the built-in sites (tests/fixtures), with the
 * site's built-in rule. Badges: every badge or count the fixture lists (expected.json "badges",
 * written by hand from the page, never from the rule) is hidden with the category on, and shown
 * with it off (the default), as it was before masking. Roles: in pseudonym mode, every role mark
 * the fixture lists ("Op" on Reddit) is still there, right after the pseudonym of the person it
 * names. Counted in jsdom (the real-browser check: tests/e2e/real-pages.*).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { pseudonymFor } from '../../../src/shared/persona';
import { cloneDefaults } from '../../../src/shared/settings';
import { badgesShown } from '../../e2e/harness/badges';
import { loadFixtures } from '../../e2e/harness/fixtures';
import { builtInRuleFor, flush, loadSavedPage, startEngine, stopEngines } from './helpers';

const FIXTURES = loadFixtures();
const WITH_BADGES = FIXTURES.filter((f) => f.expected.badges?.length);
const WITH_ROLES = FIXTURES.filter((f) => f.expected.roles?.length);
const SALT = 'c0ffee';

afterEach(() => {
  stopEngines();
  document.documentElement.innerHTML = '<head></head><body></body>';
});

it('has badges written down for X, Weibo, Bilibili and Zhihu at least, and a saved thread with roles', () => {
  const sites = new Set(WITH_BADGES.map((f) => f.id.split('/')[0]));
  for (const site of ['x', 'weibo', 'bilibili', 'zhihu']) expect(sites).toContain(site);
  expect(WITH_ROLES.length).toBeGreaterThan(0);
});

describe.each(WITH_BADGES.map((f) => [f.id, f] as const))('%s', (_id, fixture) => {
  // jsdom takes seconds on the largest saved pages.
  it('hides every badge and count with the category on, none with it off', { timeout: 60_000 }, async () => {
    const badges = fixture.expected.badges!;
    const rule = builtInRuleFor(fixture.expected.url);
    loadSavedPage(fixture);
    expect(badgesShown([badges, false]), 'as the site rendered it, every badge listed shows').toEqual(badges);

    startEngine(rule);
    await flush();
    expect(badgesShown([badges, false]), 'the category is off by default: badges stay').toEqual(badges);
    stopEngines();

    startEngine(rule, document, {}, { ...cloneDefaults().categories, badges: true });
    await flush();
    expect(badgesShown([badges, false]), 'with the category on, no badge shows').toEqual([]);
    stopEngines();
    expect(badgesShown([badges, false]), 'switching off shows them again').toEqual(badges);
  });
});

/** The text just before `node` in document order that is not blank: what a reader sees right before it. */
function textBefore(node: Node): string {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  walker.currentNode = node;
  for (let at = walker.previousNode(); at; at = walker.previousNode()) {
    const text = (at as Text).data.trim();
    if (text && !at.parentElement?.closest('script, style')) return text;
  }
  return '';
}

/** The text nodes that are a role mark, and the text right before each. */
function marks(mark: string): { node: Text; before: string }[] {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found: { node: Text; before: string }[] = [];
  for (let at = walker.nextNode(); at; at = walker.nextNode()) if ((at as Text).data.trim() === mark) found.push({ node: at as Text, before: textBefore(at) });
  return found;
}

describe.each(WITH_ROLES.map((f) => [f.id, f] as const))('%s', (_id, fixture) => {
  // jsdom takes about 10 s to mask this thread once: one page load, three passes.
  it("keeps each role mark right after its person's pseudonym, also inside a byline masked whole; in the crowd it goes with the name", { timeout: 90_000 }, async () => {
    const rule = builtInRuleFor(fixture.expected.url);
    const pseudonym = { mode: 'pseudonym' as const, salt: SALT, site: rule.id };
    const roles = fixture.expected.roles!;
    const pseudonymOf = (of: string) => pseudonymFor(SALT, of, rule.id).name;
    loadSavedPage(fixture);
    const before = roles.map(({ mark }) => marks(mark).length);
    expect(Math.min(...before), 'every mark listed is on the page').toBeGreaterThan(0);

    startEngine(rule, document, pseudonym);
    await flush();
    roles.forEach(({ mark, of }, i) => {
      expect(
        marks(mark).map((m) => m.before),
        `every "${mark}" stays, beside the pseudonym of ${of}`,
      ).toEqual(Array(before[i]).fill(pseudonymOf(of)));
    });
    stopEngines();

    // A name selector may take a whole byline (a pick of the line does): the mark inside it is the
    // rule's roles' to keep. The line is found from the hand-listed mark and person, not by the rule:
    // the closest box around the mark that holds the person's name too.
    const byline = (node: Node, of: string) => {
      let box = node.parentElement!;
      while (!box.textContent!.toLowerCase().includes(of.toLowerCase())) box = box.parentElement!;
      return box;
    };
    for (const { mark, of } of roles) for (const { node } of marks(mark)) byline(node, of).setAttribute('data-test-byline', '');
    const bylines: SiteRule = { ...rule, handles: [...(rule.handles ?? []), '[data-test-byline]'] };
    startEngine(bylines, document, pseudonym);
    await flush();
    roles.forEach(({ mark, of }, i) => {
      expect(
        marks(mark).map((m) => m.before),
        `every "${mark}" stays in its masked byline`,
      ).toEqual(Array(before[i]).fill(pseudonymOf(of)));
    });
    stopEngines();

    startEngine(bylines, document, { ...pseudonym, mode: 'crowd' });
    await flush();
    for (const { mark } of roles) expect(marks(mark), `in the crowd, "${mark}" goes with the byline`).toEqual([]);
  });
});
