/**
 * Facebook's group pages link each member as "/groups/<group>/user/<id>/". The rule's first path
 * shape "/{key}" fits those too, with the key "groups": in pseudonym mode every member of a group was
 * one pseudonym (166 names on the saved group page, one "momo·…"). Checked on the real saved page:
 * each member is one pseudonym, and no two members share one.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { loadFixtures } from '../../e2e/harness/fixtures';
import { builtInRuleFor, flush, loadSavedPage, startEngine, stopEngines } from './helpers';

afterEach(() => {
  stopEngines();
  vi.unstubAllGlobals();
});

it('shows each member of a Facebook group as one pseudonym of their own (the saved group page)', async () => {
  if (!globalThis.CSS?.escape) vi.stubGlobal('CSS', { escape: (value: string) => value });
  const fixture = loadFixtures().find((f) => f.dir.endsWith('facebook/group-feed-desktop-2024'))!;
  loadSavedPage(fixture);
  startEngine(builtInRuleFor(fixture.expected.url), document, { mode: 'pseudonym', salt: 'c0ffee' }, undefined, true).rescan();
  await flush();
  const pseudonymsOf = new Map<string, Set<string>>();
  for (const name of document.querySelectorAll('[data-momo="name"]')) {
    const member = /\/groups\/\d+\/user\/(\d+)\//.exec(name.closest('a[href]')?.getAttribute('href') ?? '')?.[1];
    const shown = name.textContent!.trim();
    if (member && shown) pseudonymsOf.set(member, new Set([...(pseudonymsOf.get(member) ?? []), shown]));
  }
  const members = [...pseudonymsOf.values()];
  expect(members.length).toBeGreaterThan(50);
  expect(members.filter((shown) => shown.size > 1)).toEqual([]);
  // One pseudonym each, and as many pseudonyms as members.
  expect(new Set(members.map((shown) => [...shown][0])).size).toBe(members.length);
});
