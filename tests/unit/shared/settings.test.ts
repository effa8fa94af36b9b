import { describe, expect, it } from 'vitest';
import { cloneDefaults, DEFAULT_SETTINGS, isMaskingOn, readSettings, settingsOf } from '../../../src/shared/settings';

describe('readSettings', () => {
  it('gives the defaults for a fresh install, with nothing to report', () => {
    expect(readSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(DEFAULT_SETTINGS).toMatchObject({ enabled: true, disabledSites: [], label: 'momo', mode: 'crowd', ownHandles: [], salt: '' });
    // On by default: avatars, names, handles, mentions, locations, the title; names in post text and badges off.
    expect(DEFAULT_SETTINGS.categories).toEqual({ avatars: true, names: true, handles: true, mentions: true, locations: true, title: true, textNames: false, badges: false });
  });

  it('keeps every good field and repairs each bad one, saying which', () => {
    const { settings, problems } = readSettings({
      version: 2,
      enabled: 'yes',
      disabledSites: ['x', 'x', 'reddit'],
      label: 'milk-tea mo',
      categories: { avatars: false, names: 'no' },
    });
    expect(settings.enabled).toBe(true);
    expect(settings.disabledSites).toEqual(['x', 'reddit']);
    expect(settings.label).toBe('milk-tea mo');
    expect(settings.categories.avatars).toBe(false);
    expect(settings.categories.names).toBe(true);
    expect(problems).toEqual(['settings.enabled: expected true or false', 'settings.categories.names: expected true or false']);
  });

  it('falls back to defaults for storage that is not an object at all', () => {
    expect(readSettings('corrupt')).toEqual({ settings: DEFAULT_SETTINGS, problems: ['settings: expected an object, found string'] });
    expect(readSettings([1, 2]).problems).toEqual(['settings: expected an object, found a list']);
  });

  it('reads a version no release had as it stands, and the content script reads what the worker reads', () => {
    // Damaged storage: no migration step exists for 0 or 1.5, and a page's content script must not throw on it.
    for (const version of [0, 1.5, -3]) expect(readSettings({ version, enabled: false }).settings.enabled).toBe(false);
    for (const raw of [undefined, 'corrupt', { version: 1, enabled: false, categories: { names: 'no' } }, { version: 3, label: ' mo ', mode: 'pseudonym', ownHandles: ['@Me'] }]) {
      expect(settingsOf(raw)).toEqual(readSettings(raw).settings);
    }
  });

  it('refuses labels that are empty or too long', () => {
    expect(readSettings({ version: 2, label: '   ' }).settings.label).toBe('momo');
    expect(readSettings({ version: 2, label: 'x'.repeat(25) }).problems).toEqual(['settings.label: expected 1–24 characters']);
    expect(readSettings({ version: 2, label: '<b>mo</b>' }).settings.label).toBe('momo');
  });

  it('answers whether masking runs on a site', () => {
    const settings = cloneDefaults();
    expect(isMaskingOn(settings, 'x')).toBe(true);
    settings.disabledSites.push('x');
    expect(isMaskingOn(settings, 'x')).toBe(false);
    expect(isMaskingOn({ ...settings, enabled: false }, 'reddit')).toBe(false);
  });

  it('gives each caller its own copy of the defaults', () => {
    const a = cloneDefaults();
    a.disabledSites.push('x');
    a.categories.names = false;
    expect(cloneDefaults().disabledSites).toEqual([]);
    expect(cloneDefaults().categories.names).toBe(true);
  });
});
