/**
 * The only writer of the settings. Every write goes through one promise chain, reads the stored
 * value afresh (the worker may have been stopped and woken since), and lands in storage before it
 * is acknowledged, so a killed worker loses nothing it confirmed.
 */
import { newSalt } from '../shared/persona';
import type { SiteRule } from '../shared/rule/fields';
import { ADDED_SITES_KEY, type AddedSite } from '../shared/added-sites';
import { USER_RULES_KEY } from '../shared/rule/effective';
import type { SlowSelectorReport } from '../shared/messages';
import { readSettings, SETTINGS_KEY, type Settings } from '../shared/settings';

export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** One promise chain for every write of this worker, whatever the key: writes never interleave. */
let queue: Promise<unknown> = Promise.resolve();

export function serialised<T>(write: () => Promise<T>): Promise<T> {
  const next = queue.then(write);
  queue = next.catch(() => undefined);
  return next;
}

export class SettingsStore {
  constructor(
    private readonly storage: StorageArea,
    private readonly makeSalt: () => string = () => newSalt(),
  ) {}

  /**
   * The settings, migrated and repaired. What changed in reading is written back at once: a
   * migration, a repair (with a copy of what could not be read, so nothing is lost for good), or
   * the install's pseudonym salt, made the first time it is needed.
   */
  async read(): Promise<Settings> {
    const stored = await this.storage.get(SETTINGS_KEY);
    const raw = stored[SETTINGS_KEY];
    const { settings, problems, migratedFrom } = readSettings(raw);
    const items: Record<string, unknown> = {};
    if (!settings.salt) settings.salt = this.makeSalt();
    if (problems.length) items[`${SETTINGS_KEY}.unreadable`] = { at: new Date().toISOString(), raw, problems };
    if (raw === undefined || migratedFrom !== undefined || problems.length || settings.salt !== (raw as { salt?: unknown })?.salt) {
      items[SETTINGS_KEY] = settings;
      await this.storage.set(items);
    }
    return settings;
  }

  update(change: (current: Settings) => Settings): Promise<Settings> {
    return serialised(async () => {
      const updated = change(await this.read());
      await this.storage.set({ [SETTINGS_KEY]: updated });
      return updated;
    });
  }
}

/** The rules the user edited, { [siteId]: SiteRule }, already checked by the schema when saved. */
export class UserRulesStore {
  constructor(private readonly storage: StorageArea) {}

  async read(): Promise<Record<string, SiteRule>> {
    const stored = (await this.storage.get(USER_RULES_KEY))[USER_RULES_KEY];
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, SiteRule>) : {};
  }

  update(change: (current: Record<string, SiteRule>) => Record<string, SiteRule>): Promise<void> {
    return serialised(async () => this.storage.set({ [USER_RULES_KEY]: change(await this.read()) }));
  }
}

export const SLOW_SELECTORS_KEY = 'slowSelectors';

/** Selectors switched off as too slow on a page, { [siteId]: SlowSelectorReport[] }: the newest 20 per site. */
export class SlowSelectorsStore {
  constructor(private readonly storage: StorageArea) {}

  async read(): Promise<Record<string, SlowSelectorReport[]>> {
    const stored = (await this.storage.get(SLOW_SELECTORS_KEY))[SLOW_SELECTORS_KEY];
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, SlowSelectorReport[]>) : {};
  }

  record(siteId: string, found: Omit<SlowSelectorReport, 'at'>[], at: Date): Promise<void> {
    return serialised(async () => {
      const all = await this.read();
      const known = Array.isArray(all[siteId]) ? all[siteId] : [];
      const fresh = found.map((s) => ({ ...s, at: at.toISOString() }));
      const kept = known.filter((k) => !fresh.some((s) => s.field === k.field && s.selector === k.selector));
      await this.storage.set({ [SLOW_SELECTORS_KEY]: { ...all, [siteId]: [...fresh, ...kept].slice(0, 20) } });
    });
  }
}

/** The sites the user added, { [host]: AddedSite }. */
export class AddedSitesStore {
  constructor(private readonly storage: StorageArea) {}

  async read(): Promise<Record<string, AddedSite>> {
    const stored = (await this.storage.get(ADDED_SITES_KEY))[ADDED_SITES_KEY];
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, AddedSite>) : {};
  }

  update(change: (current: Record<string, AddedSite>) => Record<string, AddedSite>): Promise<Record<string, AddedSite>> {
    return serialised(async () => {
      const next = change(await this.read());
      await this.storage.set({ [ADDED_SITES_KEY]: next });
      return next;
    });
  }
}
