/**
 * Every stored shape this extension ever wrote (tests/fixtures/storage/v<N>.json, one committed
 * snapshot per version) reads into today's settings with nothing the user chose lost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src/background/settings-store';
import { readSettings, SETTINGS_KEY, SETTINGS_VERSION, settingsOf } from '../../../src/shared/settings';

const DIR = resolve(__dirname, '../../fixtures/storage');
const snapshot = (version: number) => JSON.parse(readFileSync(join(DIR, `v${version}.json`), 'utf8'))[SETTINGS_KEY];

describe('storage snapshots', () => {
  it('there is a snapshot for every version up to the current one', () => {
    // v<N>.json: the settings; keys-v<N>.json: the other keys (background/storage-migrations.test.ts).
    const versions = readdirSync(DIR)
      .flatMap((f) => /^v(\d+)\.json$/.exec(f)?.[1] ?? [])
      .map(Number)
      .sort();
    expect(versions).toEqual(Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1));
  });

  it("the content script's reading (no migrations) gives what the worker's gives, from every version", () => {
    // settingsOf leaves the migrations out: a step that changed a value, not only added a default, fails here.
    for (let version = 1; version <= SETTINGS_VERSION; version++) {
      const stored = snapshot(version);
      expect(settingsOf(stored), `v${version}`).toEqual(readSettings(stored).settings);
      // With every category flipped: a step that sets a category the user had would show.
      const flipped = { ...stored, categories: Object.fromEntries(Object.entries(stored.categories).map(([k, v]) => [k, !v])) };
      expect(settingsOf(flipped), `v${version}, flipped`).toEqual(readSettings(flipped).settings);
    }
  });

  it('version 1 migrates: choices kept, new fields at their defaults', () => {
    const { settings, problems, migratedFrom } = readSettings(snapshot(1));
    expect(problems).toEqual([]);
    expect(migratedFrom).toBe(1);
    expect(settings).toEqual({
      version: 3,
      enabled: true,
      disabledSites: ['weibo'],
      label: 'postgrad mo',
      mode: 'crowd',
      categories: { avatars: true, names: true, handles: false, mentions: true, locations: true, title: true, textNames: false, badges: false },
      ownHandles: [],
      salt: '',
    });
  });

  it('version 2 migrates: choices kept, the badges category off', () => {
    const { settings, problems, migratedFrom } = readSettings(snapshot(2));
    expect(problems).toEqual([]);
    expect(migratedFrom).toBe(2);
    expect(settings).toEqual({ ...snapshot(2), version: 3, categories: { ...snapshot(2).categories, badges: false } });
  });

  it('the current version reads as stored', () => {
    const { settings, problems, migratedFrom } = readSettings(snapshot(SETTINGS_VERSION));
    expect(problems).toEqual([]);
    expect(migratedFrom).toBeUndefined();
    expect(settings).toEqual(snapshot(SETTINGS_VERSION));
  });

  it('the worker writes the migrated settings back, with a salt of its own', async () => {
    const data: Record<string, unknown> = { [SETTINGS_KEY]: snapshot(1) };
    const store = new SettingsStore(
      { get: async (key) => (key in data ? { [key]: data[key] } : {}), set: async (items) => void Object.assign(data, items) },
      () => 'abcdef0123456789abcdef0123456789',
    );
    const settings = await store.read();
    expect(settings.salt).toBe('abcdef0123456789abcdef0123456789');
    expect(data[SETTINGS_KEY]).toEqual(settings);
    expect((await store.read()).salt).toBe(settings.salt); // made once, then kept
  });

  it('a version from the future is read as far as possible, and said so', () => {
    const { settings, problems } = readSettings({ ...snapshot(SETTINGS_VERSION), version: 9, newThing: 1 });
    expect(settings.label).toBe('奶茶mo');
    expect(problems).toEqual([`settings.version: 9 is newer than this extension (${SETTINGS_VERSION}); reading what it can`]);
  });
});
