/**
 * Rule packs in the worker: export the user's rules as a pack and a share code, preview an import
 * site by site, apply it atomically (one storage write), undo the last one. The checks and the merge
 * are pure (src/shared/packs/); here they meet storage, inside the one write chain.
 */
import { buildPack } from '../shared/packs/export';
import { applyImport, previewImport, undoImport, type ImportChoice, type ImportPreview } from '../shared/packs/merge';
import { readPackInput } from '../shared/packs/pack-input';
import { rulesById } from '../shared/packs/pack-schema';
import { encodeShareCode } from '../shared/packs/share-code';
import { IMPORTED_RULES_KEY, LAST_IMPORT_KEY, SET_ASIDE_KEY, packStateItems, readPackState, type PackState } from '../shared/packs/state';
import type { PackMeta, PackReading } from '../shared/packs/types';
import type { PackSite } from '../shared/messages';
import type { SiteRule } from '../shared/rule/fields';
import { USER_RULES_KEY } from '../shared/rule/effective';
import { serialised, type SettingsStore, type StorageArea } from './settings-store';

export class PackService {
  constructor(
    private readonly storage: StorageArea & { getMany(keys: string[]): Promise<Record<string, unknown>> },
    private readonly settings: SettingsStore,
    private readonly builtIn: readonly SiteRule[],
  ) {}

  async export(meta: Omit<PackMeta, 'created'>) {
    const [settings, { state }] = await Promise.all([this.settings.read(), this.state()]);
    const pack = buildPack(state.userRules, settings, meta, new Date());
    return { pack, code: await encodeShareCode(pack) };
  }

  async preview(text: string): Promise<ImportPreview> {
    return previewImport((await this.state()).state, rulesById(this.builtIn), await this.read(text));
  }

  /**
   * All or nothing: the next state is written in one storage.set, or nothing is written. The
   * preview is made again here from what is stored: what weakens masking, and so waits for an
   * explicit "apply", is decided by the worker, never taken from the page.
   */
  apply(text: string, choices: Record<string, ImportChoice>) {
    return serialised(async () => {
      const { state } = await this.state();
      const preview = previewImport(state, rulesById(this.builtIn), await this.read(text));
      const result = applyImport(state, preview, choices, new Date());
      // Nothing chosen changes anything (every weakening part skipped): nothing is written.
      if (result.ok && result.nextState !== state) await this.write(result.nextState);
      return result;
    });
  }

  undo() {
    return serialised(async () => {
      const result = undoImport((await this.state()).state);
      if (result.ok) await this.write(result.nextState);
      return result;
    });
  }

  /**
   * The sites that packs brought and that are not built in (a friend's forum), with their hosts:
   * they mask once the user adds each host (the browser's permission for that one site).
   */
  async packSites(): Promise<PackSite[]> {
    const { state } = await this.state();
    return Object.entries(state.importedRules)
      .filter(([siteId]) => !this.builtIn.some((rule) => rule.id === siteId))
      .map(([siteId, entry]) => ({ siteId, name: entry.rule.name, pack: entry.pack, hosts: entry.rule.hosts }));
  }

  private read(text: string): Promise<PackReading> {
    return readPackInput(text, rulesById(this.builtIn));
  }

  private async state(): Promise<{ state: PackState; problems: string[] }> {
    const settings = await this.settings.read();
    const stored = await this.storage.getMany([USER_RULES_KEY, IMPORTED_RULES_KEY, LAST_IMPORT_KEY, SET_ASIDE_KEY]);
    return readPackState({ ...stored, disabledSites: settings.disabledSites }, rulesById(this.builtIn));
  }

  private async write(next: PackState): Promise<void> {
    await this.storage.set(packStateItems(next, await this.settings.read()));
  }
}
