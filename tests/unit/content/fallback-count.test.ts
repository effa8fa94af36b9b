/**
 * On every real saved page of a built-in site (tests/fixtures, provenance in each expected.json),
 * the site's own rule as shipped leaves nothing to the fallback layers: each identity a layer alone
 * catches there makes the popup say "this site may have changed", which would be a false alarm on
 * a page the rule covers, and each is a text or picture the rule did not mean to touch (Instagram's
 * "Search" button, Stack Overflow's "Sign up", YouTube's game art were). A count above 0 here is
 * either a structural miss (fix the rule) or a layer taking what is no identity (fix the layer).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { loadFixtures } from '../../e2e/harness/fixtures';
import { builtInRuleFor, flush, loadSavedPage, startEngine, stopEngines } from './helpers';

/** A page a site rendered itself: its provenance names a repository, a path and a commit. */
const REAL = loadFixtures().filter((f) => / : .+ @ [0-9a-f]{7,}/.test(f.expected.source));

afterEach(() => {
  stopEngines();
  document.documentElement.innerHTML = '<head></head><body></body>';
});

/** What the layers alone caught on `fixture` under `rule`, each as its kind and its text or address before masking. */
async function caughtByLayers(fixture: (typeof REAL)[number], rule: SiteRule): Promise<string[]> {
  loadSavedPage(fixture);
  const elements = [...document.body.querySelectorAll('*')];
  const before = elements.map((el) => el.textContent?.trim().slice(0, 60) || (el.getAttribute('src') ?? el.getAttribute('style') ?? '').slice(0, 80));
  const engine = startEngine(rule);
  engine.rescan();
  await flush();
  const found = [...document.querySelectorAll('[data-momo-layer]')].map((el) => `${el.getAttribute('data-momo')}: ${before[elements.indexOf(el)]}`);
  expect(engine.countFallback()).toBe(found.length);
  return found;
}

describe.each(REAL.map((f) => [f.id, f] as const))('%s, with its own rule as shipped', (_id, fixture) => {
  it('leaves nothing to the fallback layers', { timeout: 60_000 }, async () => {
    expect(await caughtByLayers(fixture, builtInRuleFor(fixture.expected.url))).toEqual([]);
  });
});

it('counts what the layers catch when the rule misses it (the check can fail)', { timeout: 60_000 }, async () => {
  const fixture = REAL.find((f) => f.id === 'x/twitter-status-with-replies-2023')!;
  const { names: _names, handles: _handles, ...rule } = builtInRuleFor(fixture.expected.url);
  expect((await caughtByLayers(fixture, rule)).length).toBeGreaterThan(5);
});
