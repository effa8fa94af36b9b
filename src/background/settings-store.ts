/**
 * The only writer of the settings. Every write goes through one promise chain, reads the stored
 * value afresh (the worker may have been stopped and woken since), and lands in storage before it
 * is acknowledged, so a killed worker loses nothing it confirmed.
 */
import { readSettings, SETTINGS_KEY, type Settings } from '../shared/settings';

export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export class SettingsStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: StorageArea) {}

  async read(): Promise<Settings> {
    const stored = await this.storage.get(SETTINGS_KEY);
    const raw = stored[SETTINGS_KEY];
    const { settings, problems } = readSettings(raw);
    if (problems.length) {
      // Keep what could not be read beside the repaired settings, so nothing the user had is lost for good.
      await this.storage.set({ [SETTINGS_KEY]: settings, [`${SETTINGS_KEY}.unreadable`]: { at: new Date().toISOString(), raw, problems } });
    }
    return settings;
  }

  update(change: (current: Settings) => Settings): Promise<Settings> {
    const next = this.queue.then(async () => {
      const updated = change(await this.read());
      await this.storage.set({ [SETTINGS_KEY]: updated });
      return updated;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
