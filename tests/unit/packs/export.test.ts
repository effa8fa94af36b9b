import { describe, expect, it } from 'vitest';
import { buildPack } from '../../../src/shared/packs/export';
import { validatePack } from '../../../src/shared/packs/pack-schema';
import { decodeShareCode, encodeShareCode } from '../../../src/shared/packs/share-code';
import { readSettings } from '../../../src/shared/settings';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { BUILT_IN, builtIn, NOW } from './helpers';

const settings = readSettings({
  version: 2,
  disabledSites: ['weibo', 'zhihu'],
  label: 'night-owl mo',
  mode: 'pseudonym',
  ownHandles: ['secret_handle', 'other_me'],
  salt: '00ff00ff00ff00ff',
}).settings;
const reddit: SiteRule = { ...builtIn('reddit'), names: ['.author-name'] };
const x: SiteRule = { ...builtIn('x'), handles: ['[data-testid="User-Name"] a[tabindex="-1"]'] };

describe('buildPack', () => {
  it("carries the user's own rules and switched-off sites, named and dated", () => {
    const pack = buildPack({ x, reddit }, settings, { title: ' My fixes ', author: 'mo', description: '' }, NOW);
    expect(pack).toEqual({
      format: 'momo-pack',
      version: 1,
      meta: { title: 'My fixes', author: 'mo', created: '2025-06-01T12:00:00.000Z' },
      sites: { reddit, x },
      disabledSites: ['weibo', 'zhihu'],
    });
  });

  it('never carries what identifies its author: own handles, pseudonym salt, label', async () => {
    const pack = buildPack({ reddit }, settings, { title: 'Mine' }, NOW);
    const text = JSON.stringify(pack);
    for (const secret of ['secret_handle', 'other_me', '00ff00ff00ff00ff', 'night-owl mo', '"ownHandles":', '"salt":', '"label":', '"mode":', 'pseudonym']) {
      expect(text).not.toContain(secret);
    }
    const decoded = await decodeShareCode(await encodeShareCode(pack), BUILT_IN);
    expect(JSON.stringify(decoded.pack)).not.toContain('secret_handle');
  });

  it('copies only rule fields, whatever else sits next to them in storage', () => {
    const stored = { ...reddit, note: 'my private note', ownHandles: ['me'] } as unknown as SiteRule;
    const pack = buildPack({ reddit: stored }, settings, { title: 'Mine' }, NOW);
    expect(pack.sites.reddit).toEqual(reddit);
    expect(pack.sites.reddit).not.toBe(stored);
  });

  it('makes a pack that reads back without a single problem', () => {
    const pack = buildPack({ x, reddit }, settings, { title: 'Mine', packVersion: '2' }, NOW);
    expect(validatePack(JSON.parse(JSON.stringify(pack)), BUILT_IN)).toEqual({ pack, problems: [] });
  });

  it('leaves out disabledSites when nothing is switched off', () => {
    expect(buildPack({}, readSettings(undefined).settings, { title: 'Empty' }, NOW)).not.toHaveProperty('disabledSites');
  });
});
