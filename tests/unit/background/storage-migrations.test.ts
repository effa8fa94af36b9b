/**
 * Every stored key has a version and migrations from every earlier one, tested on committed
 * snapshots (tests/fixtures/storage/keys-v<N>.json): nothing the user had is dropped; a rule today's
 * checker refuses is set aside, kept as it was, and its site falls back.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateStorage, STORAGE_VERSIONS, STORAGE_VERSIONS_KEY } from '../../../src/background/storage-migrations';
import { BUILT_IN_RULES } from '../../../src/rules';
import { effectiveRule } from '../../../src/shared/rule/effective';

const DIR = resolve(__dirname, '../../fixtures/storage');
const snapshot = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, name), 'utf8'));

function memory(data: Record<string, unknown>) {
  let writes = 0;
  return {
    data,
    writes: () => writes,
    get: async (key: string) => (key in data ? { [key]: data[key] } : {}),
    getMany: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])),
    set: async (items: Record<string, unknown>) => {
      writes++;
      Object.assign(data, structuredClone(items));
    },
  };
}

describe('storage migrations', () => {
  it('take version 1 (no versions stored) to the current versions: the committed version 3 snapshot', async () => {
    const storage = memory(snapshot('keys-v1.json'));
    const { migrated, problems } = await migrateStorage(storage, BUILT_IN_RULES);
    expect(migrated).toEqual(['userRules 1 → 3', 'importedRules 1 → 3', 'addedSites 1 → 3']);
    expect(problems).toEqual([
      'userRules.x: names[0]: would match most of the page; add an attribute, class or id that picks out identities; set aside',
      expect.stringMatching(/^importedRules\.weibo: locations\[0\]: .+; set aside$/),
      'addedSites.picked.example.org: names[0]: would match most of the page; add an attribute, class or id that picks out identities; set aside',
    ]);
    expect(storage.data).toEqual(snapshot('keys-v3.json'));
  });

  it('take version 2 to 3: a rule with a selector that counts siblings is set aside, the rest kept', async () => {
    const v2 = snapshot('keys-v2.json') as Record<string, Record<string, unknown>>;
    const counting = { id: 'github', name: 'GitHub', hosts: ['github.com'], names: ['.timeline > .item:nth-child(2) .author'] };
    const storage = memory({ ...v2, userRules: { ...v2.userRules, github: counting } });
    const { migrated, problems } = await migrateStorage(storage, BUILT_IN_RULES);
    expect(migrated).toEqual(['userRules 2 → 3', 'importedRules 2 → 3', 'addedSites 2 → 3']);
    expect(problems).toEqual([expect.stringMatching(/^userRules\.github: names\[0\]: uses :nth-child, which counts the element's siblings.+; set aside$/)]);
    expect(storage.data.userRules).toEqual(v2.userRules);
    expect((storage.data.rulesSetAside as Record<string, Record<string, unknown>>).userRules.github).toEqual(counting);
  });

  it('keep what passes, set aside what does not, and let the site fall back', async () => {
    const storage = memory(snapshot('keys-v1.json'));
    await migrateStorage(storage, BUILT_IN_RULES);
    const { data } = storage;
    // The user's own X rule held "div" as a name (it would have blanked every div): not used, kept.
    expect(
      effectiveRule(
        data,
        'x',
        BUILT_IN_RULES.find((r) => r.id === 'x'),
      )?.source,
    ).toBe('built-in');
    expect(effectiveRule(data, 'reddit', undefined)?.rule.names).toEqual(['.my-name']);
    const before = snapshot('keys-v1.json') as Record<string, Record<string, unknown>>;
    const aside = data.rulesSetAside as Record<string, Record<string, unknown>>;
    expect(aside.userRules.x).toEqual(before.userRules.x);
    expect(aside.importedRules.weibo).toEqual(before.importedRules.weibo);
    expect(aside.addedSites['picked.example.org']).toEqual(before.addedSites['picked.example.org']);
    // An added site whose picked rule fails keeps its place (and permission), in generic mode; a Mastodon instance keeps its rule.
    const sites = data.addedSites as Record<string, { rule?: unknown }>;
    expect(Object.keys(sites)).toEqual(['forum.example.net', 'picked.example.org', 'social.example']);
    expect(sites['picked.example.org'].rule).toBeUndefined();
    expect(sites['social.example'].rule).toMatchObject({ id: 'mastodon' });
  });

  it('do nothing on storage already current, and nothing to a key from a newer version', async () => {
    const current = memory(snapshot('keys-v3.json'));
    expect(await migrateStorage(current, BUILT_IN_RULES)).toEqual({ migrated: [], problems: [] });
    expect(current.writes()).toBe(0);
    const future = memory({ ...snapshot('keys-v3.json'), [STORAGE_VERSIONS_KEY]: { ...STORAGE_VERSIONS, userRules: 9 } });
    const { problems } = await migrateStorage(future, BUILT_IN_RULES);
    expect(problems).toEqual([`userRules: version 9 is newer than this extension (${STORAGE_VERSIONS.userRules}); left as it is`]);
    expect(future.data.userRules).toEqual(snapshot('keys-v3.json').userRules);
  });

  it('version every stored key and start a fresh install at the current versions', async () => {
    const fresh = memory({});
    await migrateStorage(fresh, BUILT_IN_RULES);
    expect(fresh.data).toEqual({ [STORAGE_VERSIONS_KEY]: STORAGE_VERSIONS });
    expect(Object.keys(STORAGE_VERSIONS).sort()).toEqual(['addedSites', 'importedRules', 'lastImport', 'rulesSetAside', 'subscriptions', 'userRules']);
  });

  it('take subscriptions stored without a version (none existed before them) to version 1, as they were', async () => {
    const subscriptions = {
      'https://packs.example.org/p.momo.json': {
        url: 'https://packs.example.org/p.momo.json',
        title: 'P',
        addedAt: '2026-12-01T00:00:00.000Z',
        base: {},
        baseDisabled: [],
        waiting: [],
      },
    };
    const storage = memory({ ...snapshot('keys-v1.json'), subscriptions: structuredClone(subscriptions) });
    await migrateStorage(storage, BUILT_IN_RULES);
    expect(storage.data.subscriptions).toEqual(subscriptions);
    expect((storage.data[STORAGE_VERSIONS_KEY] as Record<string, number>).subscriptions).toBe(1);
  });
});
