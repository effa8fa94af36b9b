import { describe, expect, it } from 'vitest';
import { applyImport, partsOf, previewImport, switchOffKey, undoImport, type ImportChoice } from '../../../src/shared/packs/merge';
import { validatePack } from '../../../src/shared/packs/pack-schema';
import { effectiveRule, effectiveRules, packStateItems, readPackState, type PackState } from '../../../src/shared/packs/state';
import { cloneDefaults } from '../../../src/shared/settings';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { BUILT_IN, builtIn, FORUM, makePack, NOW } from './helpers';

const LATER = new Date('2025-06-02T09:00:00.000Z');
const myReddit: SiteRule = { ...builtIn('reddit'), names: ['.my-name'] };
const theirReddit: SiteRule = { ...builtIn('reddit'), names: ['.their-name'] };
/** The pack's X rule adds a name selector and keeps every other item: it strengthens masking. */
const theirX: SiteRule = { ...builtIn('x'), names: [...(builtIn('x').names ?? []), '.x-name'] };
const oldForum = {
  rule: { id: 'old-forum', name: 'Old forum', hosts: ['old-forum.example.net'], names: ['.poster'] },
  pack: 'Earlier pack',
  importedAt: '2025-01-01T00:00:00.000Z',
};

function startState(): PackState {
  return { userRules: { reddit: myReddit }, importedRules: { 'old-forum': oldForum }, disabledSites: ['bilibili'] };
}

const friendPack = () =>
  validatePack(makePack({ forum: FORUM, x: theirX, reddit: theirReddit, demo: builtIn('demo'), zhihu: { names: ['*'] } }, { disabledSites: ['weibo', 'bilibili'] }), BUILT_IN);

describe('effectiveRule: the user over packs over built-in', () => {
  const state: PackState = {
    userRules: { reddit: myReddit },
    importedRules: {
      reddit: { rule: theirReddit, pack: 'P', importedAt: 'T' },
      x: { rule: theirX, pack: 'P', importedAt: 'T' },
      forum: { rule: FORUM, pack: 'P', importedAt: 'T' },
    },
    disabledSites: [],
  };
  it('answers with the rule and its source', () => {
    expect(effectiveRule(state, BUILT_IN, 'reddit')).toEqual({ rule: myReddit, source: 'user' });
    expect(effectiveRule(state, BUILT_IN, 'x')).toEqual({ rule: theirX, source: 'pack' });
    expect(effectiveRule(state, BUILT_IN, 'weibo')).toEqual({ rule: BUILT_IN.weibo, source: 'built-in' });
    expect(effectiveRule(state, BUILT_IN, 'forum')).toEqual({ rule: FORUM, source: 'pack' });
    expect(effectiveRule(state, BUILT_IN, 'nowhere')).toBeUndefined();
    expect(effectiveRule(state, BUILT_IN, 'constructor')).toBeUndefined();
  });
  it('lists every rule in force, sites only packs brought last', () => {
    const rules = effectiveRules(state, BUILT_IN);
    expect(rules.map((rule) => rule.id)).toEqual([...Object.keys(BUILT_IN), 'forum']);
    expect(rules.find((rule) => rule.id === 'reddit')).toBe(myReddit);
  });
});

describe('previewImport', () => {
  it('says site by site what is added, changed, unchanged, invalid, or in conflict with an edit', () => {
    const preview = previewImport(startState(), BUILT_IN, friendPack());
    expect(preview.meta?.title).toBe('Friend pack');
    const bySite = Object.fromEntries(preview.sites.map((item) => [item.siteId, item]));
    expect(preview.sites.map((item) => [item.siteId, item.status])).toEqual([
      ['zhihu', 'invalid'],
      ['forum', 'added'],
      ['x', 'changed'],
      ['reddit', 'conflict'],
      ['demo', 'unchanged'],
      ['weibo', 'changed'],
      ['bilibili', 'unchanged'],
    ]);
    expect(bySite.zhihu.reasons).toEqual([
      'sites.zhihu.names[0]: could match the page itself (<html>, <body> or <head>); its last part needs a tag, or a test on an attribute those do not carry',
    ]);
    expect(bySite.forum).toMatchObject({ after: FORUM });
    expect(bySite.x).toMatchObject({ before: BUILT_IN.x, after: theirX });
    expect(bySite.reddit).toMatchObject({ before: myReddit, after: theirReddit });
    expect(bySite.weibo).toMatchObject({ switchOff: true });
    expect(bySite.weibo.after).toBeUndefined();
    // bilibili is off already: the pack changes nothing there.
    expect(bySite.bilibili.switchOff).toBeUndefined();
  });

  it('shows nothing to apply for a refused pack', () => {
    const preview = previewImport(startState(), BUILT_IN, validatePack({ format: 'other' }, BUILT_IN));
    expect(preview).toEqual({ problems: [{ severity: 'error', where: 'format', message: 'expected "momo-pack"; this is not a Momo Mask rule pack' }], sites: [] });
  });

  it('holds back a new site on a host that a site from an earlier pack already covers', () => {
    const reading = validatePack(makePack({ 'forum-two': { ...FORUM, id: 'forum-two', hosts: ['www.old-forum.example.net'] } }), BUILT_IN);
    expect(previewImport(startState(), BUILT_IN, reading).sites).toEqual([
      {
        siteId: 'forum-two',
        status: 'invalid',
        reasons: ['sites.forum-two.hosts[0]: "www.old-forum.example.net" is already covered by the imported site "old-forum"; remove that site first'],
        slot: { disabled: false },
      },
    ]);
  });

  it('finds no conflict when the pack carries exactly what the user wrote', () => {
    const reading = validatePack(makePack({ reddit: myReddit }), BUILT_IN);
    expect(previewImport(startState(), BUILT_IN, reading).sites.map((item) => item.status)).toEqual(['unchanged']);
  });
});

describe('applyImport', () => {
  it('applies added and changed sites and keeps the user edit by default, and switches no site off', () => {
    const state = startState();
    const result = applyImport(state, previewImport(state, BUILT_IN, friendPack()), {}, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.applied).toEqual(['forum', 'x']);
    expect(result.nextState.userRules).toEqual({ reddit: myReddit });
    expect(result.nextState.importedRules).toEqual({
      'old-forum': oldForum,
      forum: { rule: FORUM, pack: 'Friend pack', importedAt: NOW.toISOString() },
      x: { rule: theirX, pack: 'Friend pack', importedAt: NOW.toISOString() },
    });
    expect(result.nextState.disabledSites).toEqual(['bilibili']);
    expect(effectiveRule(result.nextState, BUILT_IN, 'reddit')?.source).toBe('user');
    expect(state).toEqual(startState());
  });

  it("takes the pack's version of an edited site only when the user says so", () => {
    const state = startState();
    const preview = previewImport(state, BUILT_IN, friendPack());
    const result = applyImport(state, preview, { reddit: 'take-theirs', x: 'skip', forum: 'skip', weibo: 'skip' }, NOW);
    expect(result.ok && result.applied).toEqual(['reddit']);
    expect(result.nextState.userRules).toEqual({});
    expect(effectiveRule(result.nextState, BUILT_IN, 'reddit')).toEqual({ rule: theirReddit, source: 'pack' });
    const kept = applyImport(state, preview, { reddit: 'keep-mine', x: 'skip', forum: 'skip', weibo: 'skip' }, NOW);
    expect(kept).toEqual({ ok: true, nextState: state, applied: [] });
  });

  it('refuses the whole import, touching nothing, for any choice it cannot honour', () => {
    const state = startState();
    const preview = previewImport(state, BUILT_IN, friendPack());
    const cases: [Record<string, ImportChoice>, string[]][] = [
      [{ zhihu: 'apply' }, ['zhihu: is invalid and cannot be applied']],
      [{ reddit: 'apply' }, ['reddit: "apply" is not a choice for a site that is conflict']],
      [{ x: 'take-theirs', ghost: 'apply' }, ['ghost: not in this pack', 'x: "take-theirs" is not a choice for a site that is changed']],
    ];
    for (const [choices, problems] of cases) {
      expect(applyImport(state, preview, choices, NOW)).toEqual({ ok: false, nextState: state, problems });
    }
    expect(JSON.parse('{"__proto__": "apply"}')).toHaveProperty('__proto__');
    expect(applyImport(state, preview, JSON.parse('{"__proto__": "apply"}'), NOW)).toEqual({ ok: false, nextState: state, problems: ['__proto__: not in this pack'] });
    expect(state).toEqual(startState());
  });

  it('refuses a stale preview: the site changed between preview and apply', () => {
    const state = startState();
    const preview = previewImport(state, BUILT_IN, friendPack());
    const edited: PackState = { ...state, userRules: { ...state.userRules, x: { ...builtIn('x'), names: ['.mine-now'] } } };
    expect(applyImport(edited, preview, {}, NOW)).toEqual({ ok: false, nextState: edited, problems: ['x: changed since the preview; preview the import again'] });
  });

  it('changes nothing, and keeps the last undo, when nothing is applied', () => {
    const state = { ...startState(), lastImport: { pack: 'P', at: 'T', sites: [] } };
    const reading = validatePack(makePack({ demo: builtIn('demo') }), BUILT_IN);
    expect(applyImport(state, previewImport(state, BUILT_IN, reading), {}, NOW)).toEqual({ ok: true, nextState: state, applied: [] });
  });
});

describe('applyImport: a part that weakens masking is written only when its choice says "apply"', () => {
  const x = builtIn('x');
  const state = (): PackState => ({ userRules: {}, importedRules: {}, disabledSites: [] });
  // x: a stronger rule and a switch-off; demo: a rule that drops its handles; weibo: a switch-off only.
  const stronger: SiteRule = { ...x, names: [...(x.names ?? []), '.x-extra'] };
  const thinner: SiteRule = { ...builtIn('demo'), handles: [] };
  const reading = () => validatePack(makePack({ x: stronger, demo: thinner }, { disabledSites: ['x', 'weibo'] }), BUILT_IN);

  it('previews what each part weakens', () => {
    const bySite = Object.fromEntries(previewImport(state(), BUILT_IN, reading()).sites.map((item) => [item.siteId, item]));
    expect(bySite.x).toMatchObject({ status: 'changed', switchOff: true });
    expect(bySite.x.drops).toBeUndefined();
    expect(bySite.demo.drops).toEqual([{ field: 'handles', items: ['[data-role="handle"]'] }]);
    expect(bySite.weibo).toMatchObject({ status: 'changed', switchOff: true });
    expect(partsOf(bySite.x).map((part) => [part.key, part.weakens])).toEqual([
      ['x', false],
      [switchOffKey('x'), true],
    ]);
    expect(partsOf(bySite.demo).map((part) => [part.key, part.weakens])).toEqual([['demo', true]]);
    expect(partsOf(bySite.weibo).map((part) => [part.key, part.weakens])).toEqual([['weibo', true]]);
  });

  it('applies only what strengthens when no choice is given, and skips what weakens', () => {
    const start = state();
    const result = applyImport(start, previewImport(start, BUILT_IN, reading()), {}, NOW);
    expect(result.ok && result.applied).toEqual(['x']);
    expect(result.nextState.disabledSites).toEqual([]);
    expect(result.nextState.importedRules.x.rule).toEqual(stronger);
    expect(result.nextState.importedRules.demo).toBeUndefined();
  });

  it('applies each weakening part on an explicit "apply", under its own key', () => {
    const start = state();
    const preview = previewImport(start, BUILT_IN, reading());
    const result = applyImport(start, preview, { 'x:off': 'apply', demo: 'apply', weibo: 'apply' }, NOW);
    expect(result.ok && result.applied).toEqual(['x', 'demo', 'weibo']);
    expect(result.nextState.disabledSites).toEqual(['x', 'weibo']);
    expect(result.nextState.importedRules.demo.rule).toEqual(thinner);
    // "apply" under the site's id is its rule only: x stays on.
    const ruleOnly = applyImport(start, preview, { x: 'apply' }, NOW);
    expect(ruleOnly.nextState.disabledSites).toEqual([]);
    // The switch-off alone, the stronger rule skipped.
    const offOnly = applyImport(start, preview, { x: 'skip', 'x:off': 'apply' }, NOW);
    expect(offOnly.ok && offOnly.applied).toEqual(['x']);
    expect(offOnly.nextState).toMatchObject({ disabledSites: ['x'], importedRules: {} });
  });

  it('refuses choices that name no part or are not choices for a switch-off', () => {
    const start = state();
    const preview = previewImport(start, BUILT_IN, reading());
    expect(applyImport(start, preview, { 'weibo:off': 'apply', 'demo:off': 'apply' }, NOW)).toEqual({
      ok: false,
      nextState: start,
      problems: ['weibo:off: not in this pack', 'demo:off: not in this pack'],
    });
    expect(applyImport(start, preview, { 'x:off': 'take-theirs' }, NOW)).toEqual({
      ok: false,
      nextState: start,
      problems: ['x:off: "take-theirs" is not a choice for switching a site off'],
    });
  });

  it('keeps the user’s rule and switches the site off when the conflict keeps mine and the switch-off is chosen', () => {
    const mine: SiteRule = { ...x, names: ['.mine'] };
    const start: PackState = { userRules: { x: mine }, importedRules: {}, disabledSites: [] };
    const preview = previewImport(start, BUILT_IN, reading());
    expect(preview.sites[0]).toMatchObject({ siteId: 'x', status: 'conflict', switchOff: true });
    const result = applyImport(start, preview, { x: 'keep-mine', 'x:off': 'apply' }, NOW);
    expect(result.nextState.userRules).toEqual({ x: mine });
    expect(result.nextState.importedRules.x).toBeUndefined();
    expect(result.nextState.disabledSites).toEqual(['x']);
  });
});

describe('undoImport', () => {
  it('restores the exact state before the import', () => {
    const before = startState();
    const applied = applyImport(before, previewImport(before, BUILT_IN, friendPack()), { reddit: 'take-theirs', weibo: 'apply' }, NOW);
    expect(applied.ok).toBe(true);
    expect(applied.nextState.lastImport?.sites.map((site) => site.siteId)).toEqual(['forum', 'x', 'reddit', 'weibo']);
    const undone = undoImport(applied.nextState);
    expect(undone).toEqual({ ok: true, nextState: before, problems: [] });
    expect(undone.nextState).toStrictEqual(before);
  });

  it('undoes two imports in turn, each back to the exact state before it', () => {
    const s0 = startState();
    const s1 = applyImport(s0, previewImport(s0, BUILT_IN, friendPack()), {}, NOW).nextState;
    const second = validatePack(makePack({ x: { names: ['.second'] }, forum: { ...FORUM, names: ['.second'] } }), BUILT_IN);
    // Both replace a rule with one that drops its items: applied only because the choices say so.
    const s2 = applyImport(s1, previewImport(s1, BUILT_IN, second), { x: 'apply', forum: 'apply' }, LATER).nextState;
    expect(effectiveRule(s2, BUILT_IN, 'x')?.rule.names).toEqual(['.second']);
    const back1 = undoImport(s2).nextState;
    expect(back1).toStrictEqual(s1);
    expect(undoImport(back1).nextState).toStrictEqual(s0);
    expect(undoImport(s0)).toEqual({ ok: false, nextState: s0, problems: ['there is no import to undo'] });
  });

  it('keeps what the user changed after the import, and says so', () => {
    const s0 = startState();
    const s1 = applyImport(s0, previewImport(s0, BUILT_IN, friendPack()), {}, NOW).nextState;
    const edited: PackState = { ...s1, userRules: { ...s1.userRules, x: { ...builtIn('x'), names: ['.my-fix'] } } };
    const undone = undoImport(edited);
    expect(undone.problems).toEqual(['x: changed since the import; kept as it is now']);
    expect(undone.nextState.userRules.x.names).toEqual(['.my-fix']);
    expect(undone.nextState.importedRules).toEqual({ 'old-forum': oldForum, x: s1.importedRules.x });
    expect(undone.nextState.disabledSites).toEqual(['bilibili']);
  });
});

describe('readPackState', () => {
  it('reads stored state, setting aside rules that no longer pass the checks, never dropping them', () => {
    const bad = { rule: { id: 'bad', hosts: [] }, pack: 'P', importedAt: 'T' };
    // A selector an older version accepted and the checker now refuses: the rule is not used, but kept.
    const oldReddit = { ...myReddit, names: ['div'] };
    const { state, problems } = readPackState(
      {
        userRules: { reddit: oldReddit, x: myReddit },
        importedRules: { forum: { rule: FORUM, pack: 'P', importedAt: 'T' }, bad },
        lastImport: { pack: 'P', at: 'T', sites: [{ siteId: '__proto__', before: { disabled: false }, after: { disabled: true } }] },
        disabledSites: ['x'],
      },
      BUILT_IN,
    );
    expect(state.userRules).toEqual({});
    expect(state.importedRules).toEqual({ forum: { rule: FORUM, pack: 'P', importedAt: 'T' } });
    expect(state.setAside).toEqual({ userRules: { reddit: oldReddit, x: myReddit }, importedRules: { bad } });
    expect(problems).toContain('userRules.reddit: names[0]: would match most of the page; add an attribute, class or id that picks out identities; set aside');
    expect(problems).toContain('importedRules.bad: hosts: needs at least one host; set aside');
    expect(problems).toContain('lastImport: not a valid undo record; left out');
    // The next write moves them under their own key, where the content script does not look.
    const items = packStateItems(state, cloneDefaults());
    expect(items.userRules).toEqual({});
    expect(items.rulesSetAside).toEqual(state.setAside);
    expect(readPackState({ rulesSetAside: items.rulesSetAside, disabledSites: [] }, BUILT_IN).state.setAside).toEqual(state.setAside);
  });

  it('starts empty from empty storage', () => {
    expect(readPackState({ disabledSites: [] }, BUILT_IN)).toEqual({ state: { userRules: {}, importedRules: {}, disabledSites: [] }, problems: [] });
  });
});
