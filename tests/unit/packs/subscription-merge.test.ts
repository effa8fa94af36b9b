/**
 * The three-way merge of one site's rule (base: the pack as last merged, mine: the user's own
 * edit, theirs: the pack's new version), unit by unit: every case of who changed what.
 */
import { describe, expect, it } from 'vitest';
import { RULE_FIELDS, type SiteRule } from '../../../src/shared/rule/fields';
import { MERGE_UNITS, mergeRule, mergeTakingTheirs } from '../../../src/shared/packs/subscription-merge';

const BASE: SiteRule = {
  id: 'forum',
  name: 'Forum',
  hosts: ['forum.example.org'],
  avatars: ['img.avatar'],
  names: ['.author', '.byline'],
  handles: ['.handle'],
  attributes: [{ selector: 'x-card[author]', names: ['author'] }],
  identity: { hrefPaths: ['/u/{key}'], attribute: 'data-user' },
};
const rule = (change: Partial<SiteRule>): SiteRule => ({ ...structuredClone(BASE), ...change });
const merged = (base: SiteRule, mine: SiteRule, theirs: SiteRule) => {
  const result = mergeRule(base, mine, theirs);
  if (!result.ok) throw new Error(`conflicts: ${JSON.stringify(result.conflicts)}`);
  return result.rule;
};

describe('the merge units', () => {
  it('are every field of the rule table but the id, with identity split into its parts', () => {
    const fields = RULE_FIELDS.map((field) => field.key).filter((key) => key !== 'id' && key !== 'identity');
    expect(MERGE_UNITS.map((u) => u.unit).filter((u) => !u.startsWith('identity.'))).toEqual(fields);
    expect(MERGE_UNITS.filter((u) => u.unit.startsWith('identity.')).map((u) => u.unit)).toEqual(['identity.hrefPaths', 'identity.notKeys', 'identity.attribute']);
    expect(MERGE_UNITS.filter((u) => !u.list).map((u) => u.unit)).toEqual(['name', 'identity.attribute']);
  });
});

describe('mergeRule, one list unit', () => {
  it('nobody changed anything: mine', () => {
    expect(merged(BASE, BASE, BASE)).toEqual(BASE);
  });

  it('only the pack changed it: theirs (an added selector)', () => {
    const theirs = rule({ names: ['.author', '.byline', '.poster'] });
    expect(merged(BASE, BASE, theirs).names).toEqual(['.author', '.byline', '.poster']);
  });

  it('only the pack changed it: theirs (a dropped selector)', () => {
    expect(merged(BASE, BASE, rule({ names: ['.author'] })).names).toEqual(['.author']);
  });

  it('only the user changed it: mine, whatever the pack did elsewhere', () => {
    const mine = rule({ names: ['.author', '.byline', '.mine'] });
    const theirs = rule({ handles: ['.handle', '.at'] });
    expect(merged(BASE, mine, theirs)).toEqual(rule({ names: ['.author', '.byline', '.mine'], handles: ['.handle', '.at'] }));
  });

  it('both made the same change: agreement, no conflict', () => {
    const same = rule({ names: ['.author', '.poster'] });
    expect(merged(BASE, same, structuredClone(same)).names).toEqual(['.author', '.poster']);
  });

  it('both changed it, the same items in another order: mine', () => {
    expect(merged(BASE, rule({ names: ['.byline', '.author', '.x'] }), rule({ names: ['.x', '.author', '.byline'] })).names).toEqual(['.byline', '.author', '.x']);
  });

  it('both added, different items: both kept, mine first', () => {
    expect(merged(BASE, rule({ names: ['.author', '.byline', '.mine'] }), rule({ names: ['.author', '.byline', '.theirs'] })).names).toEqual([
      '.author',
      '.byline',
      '.mine',
      '.theirs',
    ]);
  });

  it('the user added, the pack removed another item: both changes land', () => {
    expect(merged(BASE, rule({ names: ['.author', '.byline', '.mine'] }), rule({ names: ['.author'] })).names).toEqual(['.author', '.mine']);
  });

  it('the user removed, the pack added another item: both changes land', () => {
    expect(merged(BASE, rule({ names: ['.author'] }), rule({ names: ['.author', '.byline', '.theirs'] })).names).toEqual(['.author', '.theirs']);
  });

  it('both removed the same item, one also added: a conflict (a replacement cannot be told from an unrelated addition)', () => {
    expect(mergeRule(BASE, rule({ names: ['.author', '.mine'] }), rule({ names: ['.author'] }))).toMatchObject({ ok: false, conflicts: [{ unit: 'names' }] });
    expect(mergeRule(BASE, rule({ names: ['.author'] }), rule({ names: ['.author', '.theirs'] }))).toMatchObject({ ok: false, conflicts: [{ unit: 'names' }] });
  });

  it('both replaced the same item differently: a conflict with both sides and the base', () => {
    const mine = rule({ names: ['.author', 'span.byline'] });
    const theirs = rule({ names: ['.author', '[data-testid="byline"]'] });
    expect(mergeRule(BASE, mine, theirs)).toEqual({
      ok: false,
      conflicts: [{ unit: 'names', base: ['.author', '.byline'], mine: ['.author', 'span.byline'], theirs: ['.author', '[data-testid="byline"]'] }],
    });
  });

  it('the user replaced an item the pack removed: a conflict (the user wants it, changed; the pack wants it gone)', () => {
    const result = mergeRule(BASE, rule({ names: ['.author', 'span.byline'] }), rule({ names: ['.author'] }));
    expect(result.ok).toBe(false);
  });

  it('an item the user removed stays removed when the pack keeps it', () => {
    expect(merged(BASE, rule({ names: ['.byline'] }), rule({ names: ['.author', '.byline', '.new'] })).names).toEqual(['.byline', '.new']);
  });

  it('a list the pack empties goes from the rule; a list only the pack starts is taken', () => {
    const { handles: _h, ...noHandles } = BASE;
    expect(merged(BASE, BASE, noHandles as SiteRule)).not.toHaveProperty('handles');
    expect(merged(BASE, BASE, rule({ locations: ['.where'] })).locations).toEqual(['.where']);
  });

  it('attribute targets are compared as whole targets', () => {
    const theirs = rule({
      attributes: [
        { selector: 'x-card[author]', names: ['author'] },
        { selector: '[title]', names: ['title'] },
      ],
    });
    const mine = rule({ attributes: [{ names: ['author'], selector: 'x-card[author]' } as never] });
    expect(merged(BASE, mine, theirs).attributes).toEqual(theirs.attributes);
    const mineChanged = rule({ attributes: [{ selector: 'x-card[author]', names: ['author', 'aria-label'] }] });
    const theirsChanged = rule({ attributes: [{ selector: 'x-card[author]', names: ['author', 'title'] }] });
    expect(mergeRule(BASE, mineChanged, theirsChanged)).toMatchObject({ ok: false, conflicts: [{ unit: 'attributes' }] });
  });
});

describe('mergeRule, a single value (the name, the identity attribute)', () => {
  it('only the pack changed it: theirs; only the user: mine; both the same: that', () => {
    expect(merged(BASE, BASE, rule({ name: 'Forum 2' })).name).toBe('Forum 2');
    expect(merged(BASE, rule({ name: 'My forum' }), rule({ handles: ['.h2'] })).name).toBe('My forum');
    expect(merged(BASE, rule({ name: 'Same' }), rule({ name: 'Same' })).name).toBe('Same');
  });

  it('both changed it differently: a conflict', () => {
    expect(mergeRule(BASE, rule({ name: 'Mine' }), rule({ name: 'Theirs' }))).toEqual({ ok: false, conflicts: [{ unit: 'name', base: 'Forum', mine: 'Mine', theirs: 'Theirs' }] });
  });

  it('inside identity: each part merges on its own, and an emptied identity goes', () => {
    const theirs = rule({ identity: { hrefPaths: ['/u/{key}', '/member/{key}'], attribute: 'data-user' } });
    const mine = rule({ identity: { hrefPaths: ['/u/{key}'], attribute: 'data-uid' } });
    expect(merged(BASE, mine, theirs).identity).toEqual({ hrefPaths: ['/u/{key}', '/member/{key}'], attribute: 'data-uid' });
    const { identity: _i, ...none } = BASE;
    expect(merged(BASE, BASE, none as SiteRule)).not.toHaveProperty('identity');
    expect(mergeRule(BASE, mine, rule({ identity: { hrefPaths: ['/u/{key}'], attribute: 'data-id' } }))).toMatchObject({ ok: false, conflicts: [{ unit: 'identity.attribute' }] });
  });
});

describe('mergeRule, several units', () => {
  it('reports every conflicting unit at once, and merges nothing while any conflicts', () => {
    const mine = rule({ name: 'Mine', names: ['.author', 'span.byline'] });
    const theirs = rule({ name: 'Theirs', names: ['.author', 'b.byline'], handles: ['.handle', '.new'] });
    const result = mergeRule(BASE, mine, theirs);
    expect(result.ok ? [] : result.conflicts.map((c) => c.unit)).toEqual(['name', 'names']);
  });

  it('writes the rule in canonical key order, without mutating its inputs', () => {
    const inputs = [BASE, rule({ names: ['.author', '.byline', '.mine'] }), rule({ avatars: ['img.avatar', 'img.pfp'] })] as const;
    const copies = structuredClone(inputs);
    const result = merged(...inputs);
    expect(Object.keys(result)).toEqual(['id', 'name', 'hosts', 'avatars', 'names', 'handles', 'attributes', 'identity']);
    expect(inputs).toEqual(copies);
  });
});

describe('mergeTakingTheirs', () => {
  it('settles each conflicting unit the pack’s way and merges the rest', () => {
    const mine = rule({ name: 'Mine', names: ['.author', 'span.byline'], avatars: ['img.avatar', 'img.mine'] });
    const theirs = rule({ name: 'Theirs', names: ['.author', 'b.byline'], handles: ['.handle', '.new'] });
    expect(mergeTakingTheirs(BASE, mine, theirs)).toEqual(
      rule({ name: 'Theirs', names: ['.author', 'b.byline'], avatars: ['img.avatar', 'img.mine'], handles: ['.handle', '.new'] }),
    );
  });

  it('is the plain merge when nothing conflicts', () => {
    const mine = rule({ names: ['.author', '.byline', '.mine'] });
    const theirs = rule({ handles: ['.handle', '.new'] });
    expect(mergeTakingTheirs(BASE, mine, theirs)).toEqual(merged(BASE, mine, theirs));
  });
});
