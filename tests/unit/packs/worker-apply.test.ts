/**
 * The worker decides what weakens masking, not the page: PackService.apply previews the pack again
 * against what is stored and applies a weakening part only when the page's choice for it says
 * "apply". A page that leaves choices out, or sends them for other keys, weakens nothing.
 */
import { describe, expect, it } from 'vitest';
import { PackService } from '../../../src/background/packs';
import { SettingsStore } from '../../../src/background/settings-store';
import { BUILT_IN_RULES } from '../../../src/rules';
import type { ImportChoice } from '../../../src/shared/packs/merge';
import { readSettings, SETTINGS_KEY } from '../../../src/shared/settings';
import { builtIn, makePack } from './helpers';

class MemoryStorage {
  data: Record<string, unknown> = {};
  async get(keys: string | string[]) {
    const list = typeof keys === 'string' ? [keys] : keys;
    return Object.fromEntries(list.filter((key) => key in this.data).map((key) => [key, structuredClone(this.data[key])]));
  }
  getMany = (keys: string[]) => this.get(keys);
  async set(items: Record<string, unknown>) {
    Object.assign(this.data, structuredClone(items));
  }
}

async function worker() {
  const storage = new MemoryStorage();
  await storage.set({ [SETTINGS_KEY]: { ...readSettings({}).settings, salt: '0123456789abcdef' } });
  return { storage, packs: new PackService(storage, new SettingsStore(storage), BUILT_IN_RULES) };
}

const x = builtIn('x');
const everySite = BUILT_IN_RULES.map((rule) => rule.id);
const weakening = JSON.stringify(makePack({ x: { ...x, names: [] }, reddit: { names: [builtIn('reddit').names![0]] } }, { disabledSites: everySite }));

describe('the worker enforces the defaults for weakening parts', () => {
  it('writes nothing for a pack that only weakens, whatever the page leaves out', async () => {
    const pageChoices: Record<string, ImportChoice>[] = [{}, { x: 'skip' }, { reddit: 'skip', weibo: 'skip' }];
    for (const choices of pageChoices) {
      const { storage, packs } = await worker();
      const before = structuredClone(storage.data);
      const result = await packs.apply(weakening, choices);
      expect(result).toMatchObject({ ok: true, applied: [] });
      expect(storage.data).toEqual(before);
    }
  });

  it('applies a weakening part the page explicitly chose, and only that one', async () => {
    const { storage, packs } = await worker();
    const result = await packs.apply(weakening, { x: 'apply', weibo: 'apply' });
    expect(result.ok && result.applied).toEqual(['x', 'weibo']);
    const settings = storage.data[SETTINGS_KEY] as { disabledSites: string[] };
    expect(settings.disabledSites).toEqual(['weibo']);
    expect(storage.data.importedRules).toEqual({ x: expect.objectContaining({ rule: { ...x, names: [] } }) });
  });

  it('takes its preview from what is stored, not from the page: a preview the page edits changes nothing', async () => {
    const { storage, packs } = await worker();
    const preview = await packs.preview(weakening);
    expect(preview.sites.find((site) => site.siteId === 'x')?.drops).toEqual([{ field: 'names', items: x.names }]);
    // The page can only send text and choices; the worker re-reads the pack and re-decides.
    const result = await packs.apply(weakening, {});
    expect(result.ok && result.applied).toEqual([]);
    expect(storage.data.importedRules).toBeUndefined();
  });
});
