/**
 * What a subscribed pack's new version does to the stored state: additions apply by themselves,
 * the user's own edits are merged into and never overwritten, and whatever masks less (a dropped
 * selector, a dropped site, a site switched off) or meets the user's edit waits for a click.
 */
import { describe, expect, it } from 'vitest';
import { buildPack } from '../../../src/shared/packs/export';
import { validatePack } from '../../../src/shared/packs/pack-schema';
import type { PackState } from '../../../src/shared/packs/state';
import type { Subscription } from '../../../src/shared/packs/subscription';
import { planUpdate, refusalOf, resolveWaiting, unsubscribeState } from '../../../src/shared/packs/subscription-update';
import type { MomoPack } from '../../../src/shared/packs/types';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { cloneDefaults } from '../../../src/shared/settings';
import { BUILT_IN, builtIn, FORUM, makePack, NOW } from './helpers';

const URL = 'https://packs.example.org/demo.momo.json';
const LATER = new Date('2025-06-02T09:00:00.000Z');
const demo = builtIn('demo');
const withNames = (rule: SiteRule, ...names: string[]): SiteRule => ({ ...rule, names: [...(rule.names ?? []), ...names] });
const V1 = withNames(demo, '.byline');

function pack(sites: Record<string, unknown>, extra: Record<string, unknown> = {}): MomoPack {
  const reading = validatePack(
    makePack(sites, { ...extra, meta: { title: 'Demo fixes', created: '2025-05-01T08:00:00.000Z', packVersion: '2', changelog: 'adds .poster' } }),
    BUILT_IN,
  );
  if (!reading.pack) throw new Error(JSON.stringify(reading.problems));
  return reading.pack;
}
const empty = (): PackState => ({ userRules: {}, importedRules: {}, disabledSites: [] });

/** The state and subscription after subscribing to a pack with `sites` (all applied). */
function subscribed(sites: Record<string, SiteRule>, state = empty()) {
  const result = planUpdate(state, BUILT_IN, undefined, URL, pack(sites), NOW, { etag: '"v1"' });
  expect(result.subscription.waiting).toEqual([]);
  return result;
}

describe('planUpdate: the first fetch', () => {
  it('puts a pack rule that adds to the one in force in the pack layer, and records it as the base', () => {
    const { state, subscription } = subscribed({ demo: V1 });
    expect(state.importedRules.demo).toEqual({ rule: V1, pack: 'Demo fixes', importedAt: NOW.toISOString() });
    expect(subscription).toMatchObject({ url: URL, title: 'Demo fixes', packVersion: '2', changelog: 'adds .poster', etag: '"v1"', base: { demo: V1 }, waiting: [] });
    expect(subscription.lastCheck).toEqual({ at: NOW.toISOString(), outcome: 'updated' });
    expect(subscription.lastUpdate?.changes).toEqual([{ siteId: 'demo', kind: 'changed', before: demo, after: V1 }]);
  });

  it('brings a new site as added', () => {
    const { state, subscription } = subscribed({ forum: FORUM });
    expect(state.importedRules.forum.rule).toEqual(FORUM);
    expect(subscription.lastUpdate?.changes).toEqual([{ siteId: 'forum', kind: 'added', after: FORUM }]);
  });

  it('holds back a rule that masks less than the built-in one, and writes nothing for it', () => {
    const thin = { ...demo, avatars: [] as string[] };
    const start = empty();
    const { state, subscription } = planUpdate(start, BUILT_IN, undefined, URL, pack({ demo: thin }), NOW);
    expect(state).toEqual(start);
    expect(subscription.base).toEqual({});
    expect(subscription.waiting).toEqual([expect.objectContaining({ siteId: 'demo', kind: 'weakens', drops: [{ field: 'avatars', items: demo.avatars }] })]);
  });

  it('keeps the user’s own rule in force, with the pack’s under it', () => {
    const mine = withNames(demo, '.mine');
    const { state, subscription } = subscribed({ demo: V1 }, { ...empty(), userRules: { demo: mine } });
    expect(state.userRules.demo).toEqual(mine);
    expect(state.importedRules.demo.rule).toEqual(V1);
    expect(subscription.lastUpdate?.changes).toEqual([{ siteId: 'demo', kind: 'kept-mine', before: mine, after: V1 }]);
  });
});

describe('planUpdate: a new version', () => {
  it('that adds a selector applies by itself, and says what changed', () => {
    const first = subscribed({ demo: V1 });
    const v2 = withNames(V1, '.poster');
    const { state, subscription } = planUpdate(first.state, BUILT_IN, first.subscription, URL, pack({ demo: v2 }), LATER, { etag: '"v2"' });
    expect(state.importedRules.demo.rule).toEqual(v2);
    expect(subscription).toMatchObject({ base: { demo: v2 }, waiting: [], etag: '"v2"', addedAt: NOW.toISOString() });
    expect(subscription.lastUpdate).toEqual({
      at: LATER.toISOString(),
      packVersion: '2',
      changelog: 'adds .poster',
      changes: [{ siteId: 'demo', kind: 'changed', before: V1, after: v2 }],
    });
  });

  it('that drops a selector waits, with what it drops; the state and the base stay', () => {
    const first = subscribed({ demo: V1 });
    const { state, subscription } = planUpdate(first.state, BUILT_IN, first.subscription, URL, pack({ demo: demo }), LATER);
    expect(state).toEqual(first.state);
    expect(subscription.base).toEqual({ demo: V1 });
    expect(subscription.waiting).toEqual([{ siteId: 'demo', kind: 'weakens', theirs: demo, drops: [{ field: 'names', items: ['.byline'] }] }]);
    expect(subscription.lastUpdate).toEqual(first.subscription.lastUpdate);
    expect(subscription.lastCheck?.outcome).toBe('updated');
  });

  it('that is the same as the base changes nothing', () => {
    const first = subscribed({ demo: V1 });
    const again = planUpdate(first.state, BUILT_IN, first.subscription, URL, pack({ demo: V1 }), LATER, { etag: '"v1"' });
    expect(again.state).toEqual(first.state);
    expect(again.subscription).toEqual({ ...first.subscription, lastCheck: { at: LATER.toISOString(), outcome: 'unchanged' } });
  });

  it('that goes back to the base clears what waited for the version between', () => {
    const first = subscribed({ demo: V1 });
    const waitingOne = planUpdate(first.state, BUILT_IN, first.subscription, URL, pack({ demo: demo }), LATER);
    const again = planUpdate(waitingOne.state, BUILT_IN, waitingOne.subscription, URL, pack({ demo: V1 }), LATER);
    expect(again.state).toEqual(first.state);
    expect(again.subscription.waiting).toEqual([]);
    expect(again.subscription.lastCheck?.outcome).toBe('updated');
  });

  it('is merged into the user’s own rule when it does not touch the user’s edit', () => {
    const first = subscribed({ demo: V1 });
    const mine = withNames(V1, '.mine');
    const v2: SiteRule = { ...V1, handles: [...(V1.handles ?? []), '.at'] };
    const { state, subscription } = planUpdate({ ...first.state, userRules: { demo: mine } }, BUILT_IN, first.subscription, URL, pack({ demo: v2 }), LATER);
    const expected = { ...mine, handles: v2.handles };
    expect(state.userRules.demo).toEqual(expected);
    expect(state.importedRules.demo.rule).toEqual(v2);
    expect(subscription.base.demo).toEqual(v2);
    expect(subscription.lastUpdate?.changes).toEqual([{ siteId: 'demo', kind: 'merged', before: mine, after: expected }]);
  });

  it('that conflicts with the user’s edit waits with both sides; the user’s rule stays', () => {
    const first = subscribed({ demo: V1 });
    const mine: SiteRule = { ...V1, names: [demo.names![0], 'span.byline'] };
    const theirs: SiteRule = { ...V1, names: [demo.names![0], '[data-testid="byline"]'] };
    const start = { ...first.state, userRules: { demo: mine } };
    const { state, subscription } = planUpdate(start, BUILT_IN, first.subscription, URL, pack({ demo: theirs }), LATER);
    expect(state).toEqual(start);
    expect(subscription.waiting).toEqual([
      { siteId: 'demo', kind: 'conflict', theirs, mine, conflicts: [{ unit: 'names', base: V1.names, mine: mine.names, theirs: theirs.names }] },
    ]);
  });

  it('whose merge into the user’s rule drops something waits as masking less', () => {
    const first = subscribed({ demo: V1 });
    const mine = withNames(V1, '.mine');
    const { state, subscription } = planUpdate({ ...first.state, userRules: { demo: mine } }, BUILT_IN, first.subscription, URL, pack({ demo: demo }), LATER);
    expect(state.userRules.demo).toEqual(mine);
    expect(subscription.waiting).toEqual([expect.objectContaining({ siteId: 'demo', kind: 'weakens', mine, drops: [{ field: 'names', items: ['.byline'] }] })]);
  });

  it('without a site it brought: waits when that masks less, applies when the user’s own rule is in force', () => {
    const first = subscribed({ demo: V1, forum: FORUM });
    const dropped = planUpdate(first.state, BUILT_IN, first.subscription, URL, pack({ demo: V1 }), LATER);
    expect(dropped.state.importedRules.forum.rule).toEqual(FORUM);
    expect(dropped.subscription.waiting).toEqual([expect.objectContaining({ siteId: 'forum', kind: 'removed' })]);
    const mine = withNames(V1, '.mine');
    const withMine = planUpdate({ ...first.state, userRules: { demo: mine } }, BUILT_IN, first.subscription, URL, pack({ forum: FORUM }), LATER);
    expect(withMine.state.importedRules).not.toHaveProperty('demo');
    expect(withMine.state.userRules.demo).toEqual(mine);
    expect(withMine.subscription.base).not.toHaveProperty('demo');
    expect(withMine.subscription.lastUpdate?.changes).toEqual([{ siteId: 'demo', kind: 'removed', before: V1 }]);
  });

  it('without a site whose pack rule equals the built-in one: removed by itself (nothing is masked less)', () => {
    const first = subscribed({ demo: demo, forum: FORUM });
    const { state, subscription } = planUpdate(first.state, BUILT_IN, first.subscription, URL, pack({ forum: FORUM }), LATER);
    expect(state.importedRules).not.toHaveProperty('demo');
    expect(subscription.waiting).toEqual([]);
  });

  it('that switches a site off waits; one the user already switched off, or the pack did before, is left alone', () => {
    const first = subscribed({ demo: V1 });
    const offs = planUpdate({ ...first.state, disabledSites: ['x'] }, BUILT_IN, first.subscription, URL, pack({ demo: V1 }, { disabledSites: ['weibo', 'x', 'nowhere'] }), LATER);
    expect(offs.state.disabledSites).toEqual(['x']);
    expect(offs.subscription.waiting).toEqual([{ siteId: 'weibo', kind: 'switch-off' }]);
    expect(offs.subscription.baseDisabled).toEqual(['x']);
  });
});

describe('refusalOf: the import’s checks on a fetched pack', () => {
  it('refuses a pack with any invalid part, whole, with every reason', async () => {
    const reading = validatePack(makePack({ demo: { names: ['body'] }, forum: FORUM }), BUILT_IN);
    expect(refusalOf(empty(), BUILT_IN, reading)).toEqual([expect.stringMatching(/^sites\.demo\.names\[0\]: would match the whole page/)]);
    expect(refusalOf(empty(), BUILT_IN, validatePack({ format: 'nope' }, BUILT_IN))).toEqual([expect.stringMatching(/^format: /)]);
  });

  it('refuses a new site on a host another pack already brought', () => {
    const state: PackState = { ...empty(), importedRules: { other: { rule: { ...FORUM, id: 'other' }, pack: 'Other', importedAt: 'T' } } };
    expect(refusalOf(state, BUILT_IN, validatePack(makePack({ forum: FORUM }), BUILT_IN))).toEqual([expect.stringContaining('already covered by the imported site "other"')]);
  });

  it('passes a clean pack', () => {
    expect(refusalOf(empty(), BUILT_IN, validatePack(makePack({ demo: V1 }), BUILT_IN))).toEqual([]);
  });
});

describe('resolveWaiting: the user’s click', () => {
  const waitingOn = (start: PackState, theirs: Record<string, SiteRule>, extra: Record<string, unknown> = {}) => {
    const first = subscribed({ demo: V1, forum: FORUM }, start);
    return planUpdate(first.state, BUILT_IN, first.subscription, URL, pack(theirs, extra), LATER);
  };
  const resolve = (r: { state: PackState; subscription: Subscription }, key: string, choice: Parameters<typeof resolveWaiting>[4]) => {
    const answer = resolveWaiting(r.state, BUILT_IN, r.subscription, key, choice, LATER);
    if (!answer.ok) throw new Error(answer.problem);
    return answer.result;
  };

  it('apply on a part that masks less writes it; skip keeps masking and takes the version as the base', () => {
    const r = waitingOn(empty(), { demo: demo, forum: FORUM });
    const applied = resolve(r, 'demo', 'apply');
    expect(applied.state.importedRules.demo.rule).toEqual(demo);
    expect(applied.subscription).toMatchObject({ waiting: [], base: { demo } });
    expect(applied.subscription.lastUpdate?.changes).toEqual([{ siteId: 'demo', kind: 'changed', before: V1, after: demo }]);
    const skipped = resolve(r, 'demo', 'skip');
    expect(skipped.state).toEqual(r.state);
    expect(skipped.subscription).toMatchObject({ waiting: [], base: { demo } });
  });

  it('a dropped site: apply removes its rule, skip keeps it (no longer the subscription’s)', () => {
    const r = waitingOn(empty(), { demo: V1 });
    expect(resolve(r, 'forum', 'apply').state.importedRules).not.toHaveProperty('forum');
    const kept = resolve(r, 'forum', 'skip');
    expect(kept.state.importedRules.forum.rule).toEqual(FORUM);
    expect(kept.subscription.base).not.toHaveProperty('forum');
  });

  it('a switch-off: apply switches the site off, skip leaves it on; neither asks again', () => {
    const r = waitingOn(empty(), { demo: V1, forum: FORUM }, { disabledSites: ['weibo'] });
    const off = resolve(r, 'weibo:off', 'apply');
    expect(off.state.disabledSites).toEqual(['weibo']);
    expect(off.subscription.baseDisabled).toEqual(['weibo']);
    const on = resolve(r, 'weibo:off', 'skip');
    expect(on.state.disabledSites).toEqual([]);
    expect(on.subscription.baseDisabled).toEqual(['weibo']);
  });

  it('a conflict: keep mine keeps the user’s rule; take theirs settles the conflict the pack’s way and keeps the user’s other edits', () => {
    const mine: SiteRule = { ...V1, names: [demo.names![0], 'span.byline'], handles: [...(V1.handles ?? []), '.my-at'] };
    const theirs: SiteRule = { ...V1, names: [demo.names![0], '[data-testid="byline"]'] };
    const first = subscribed({ demo: V1 });
    const r = planUpdate({ ...first.state, userRules: { demo: mine } }, BUILT_IN, first.subscription, URL, pack({ demo: theirs }), LATER);
    const kept = resolve(r, 'demo', 'keep-mine');
    expect(kept.state.userRules.demo).toEqual(mine);
    expect(kept.state.importedRules.demo.rule).toEqual(theirs);
    expect(kept.subscription).toMatchObject({ waiting: [], base: { demo: theirs } });
    const taken = resolve(r, 'demo', 'take-theirs');
    expect(taken.state.userRules.demo).toEqual({ ...mine, names: theirs.names });
  });

  it('refuses an answer to nothing, a choice that does not fit, and a conflict whose user rule changed since', () => {
    const mine: SiteRule = { ...V1, names: [demo.names![0], 'span.byline'] };
    const first = subscribed({ demo: V1 });
    const r = planUpdate({ ...first.state, userRules: { demo: mine } }, BUILT_IN, first.subscription, URL, pack({ demo: { ...V1, names: [demo.names![0], 'b.byline'] } }), LATER);
    expect(resolveWaiting(r.state, BUILT_IN, r.subscription, 'x', 'apply', LATER)).toMatchObject({ ok: false, problem: expect.stringContaining('nothing waits') });
    expect(resolveWaiting(r.state, BUILT_IN, r.subscription, 'demo', 'apply', LATER)).toMatchObject({ ok: false, problem: expect.stringContaining('not a choice') });
    const edited = { ...r.state, userRules: { demo: withNames(mine, '.later') } };
    expect(resolveWaiting(edited, BUILT_IN, r.subscription, 'demo', 'take-theirs', LATER)).toMatchObject({ ok: false, problem: expect.stringContaining('changed since') });
  });
});

describe('unsubscribeState', () => {
  it('removes the pack rules the subscription put there, and nothing else', () => {
    const mine = withNames(V1, '.mine');
    const first = subscribed({ demo: V1, forum: FORUM }, { ...empty(), userRules: { demo: mine }, importedRules: { x: { rule: builtIn('x'), pack: 'Import', importedAt: 'T' } } });
    // Another import replaced the forum's rule since: it is no longer the subscription's.
    const replaced = { ...first.state, importedRules: { ...first.state.importedRules, forum: { rule: { ...FORUM, names: ['.other'] }, pack: 'Other', importedAt: 'T' } } };
    const next = unsubscribeState(replaced, first.subscription);
    expect(Object.keys(next.importedRules).sort()).toEqual(['forum', 'x']);
    expect(next.userRules).toEqual({ demo: mine });
  });
});

describe('a pack ready to host', () => {
  it('carries its version and a changelog line through the export and the import’s reading', () => {
    const built = buildPack({ demo: V1 }, cloneDefaults(), { title: 'Demo fixes', packVersion: ' 3 ', changelog: ' adds the byline ' }, NOW);
    expect(built.meta).toEqual({ title: 'Demo fixes', created: NOW.toISOString(), packVersion: '3', changelog: 'adds the byline' });
    expect(validatePack(JSON.parse(JSON.stringify(built)), BUILT_IN).pack?.meta).toEqual(built.meta);
  });

  it('refuses a changelog that is not one short line, and reads the rest of the pack', () => {
    const reading = validatePack(makePack({ demo: V1 }, { meta: { title: 'T', created: '2025-05-01', changelog: 'two\nlines' } }), BUILT_IN);
    expect(reading.problems).toEqual([{ severity: 'error', where: 'meta.changelog', message: 'contains control characters' }]);
    expect(reading.pack?.sites.demo).toEqual(V1);
  });
});
