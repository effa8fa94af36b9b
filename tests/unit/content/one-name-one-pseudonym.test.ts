/**
 * A name with no link or key attribute to key it by was keyed by its text, the same name where it
 * has one by that key: one person, two pseudonyms. Weibo's status page writes its author's name in
 * the top bar and the side card with no link, and in the post with usercard="1618051664": keyed
 * "头条新闻" in two places and "1618051664" in the other, two pseudonyms. On every real saved Weibo page, in pseudonym mode, each
 * name the rule masks is shown as one pseudonym.
 */
import { describe, expect, it } from 'vitest';
import type { MaskEngine } from '../../../src/content/mask-engine';
import { loadFixtures } from '../../e2e/harness/fixtures';
import { builtInRuleFor, flush, loadSavedPage, startEngine, onSavedPages } from './helpers';

const WEIBO = loadFixtures().filter((f) => f.dir.includes('/weibo/'));

/** Each masked name that is shown as more than one pseudonym, with what it is shown as. */
function namesShownTwoWays(engine: MaskEngine): string[] {
  const shown = new Map<string, Set<string>>();
  for (const el of document.querySelectorAll('[data-momo="name"]')) {
    const name = engine.masker.originalIdentityText(el).trim();
    if (name) shown.set(name, (shown.get(name) ?? new Set()).add(el.textContent!.trim()));
  }
  return [...shown].filter(([, as]) => as.size > 1).map(([name, as]) => `${name}: ${[...as].join(', ')}`);
}

onSavedPages();

describe.each(WEIBO.map((fixture) => ({ fixture, page: fixture.dir.replace(/.*fixtures\//, '') })))('$page', ({ fixture }) => {
  it('shows each name as one pseudonym, linked or not', async () => {
    loadSavedPage(fixture);
    const engine = startEngine(builtInRuleFor(fixture.expected.url), document, { mode: 'pseudonym', salt: 'x', site: 'weibo' }, undefined, true);
    engine.rescan();
    await flush();
    // Read before the engine stops: stopping restores the page.
    const masked = document.querySelectorAll('[data-momo="name"]').length;
    expect(masked).toBeGreaterThanOrEqual(3);
    expect(namesShownTwoWays(engine)).toEqual([]);
  });
});

it('has a real Weibo page to check', () => expect(WEIBO.length).toBeGreaterThan(0));
