/**
 * What the user chose, as stored under the "settings" key of storage.local. The worker is its only
 * writer. Reading repairs field by field: a bad field falls back to its default and is reported,
 * the rest of what the user had is kept. No zod here: the content script reads this too.
 */
import { CATEGORIES, type Category } from './site-rule';

export const SETTINGS_VERSION = 1;
export const SETTINGS_KEY = 'settings';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Masking on everywhere. */
  enabled: boolean;
  /** Rule ids of sites where the user switched masking off. */
  disabledSites: string[];
  /** The user's label variant, worn by their own identity. */
  label: string;
  categories: Record<Category, boolean>;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  version: SETTINGS_VERSION,
  enabled: true,
  disabledSites: [],
  label: 'momo',
  categories: Object.freeze(Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>),
}) as Settings;

export const MAX_LABEL_LENGTH = 24;

export interface SettingsReading {
  settings: Settings;
  /** One line per field that could not be read, saying what and where. */
  problems: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function readSettings(raw: unknown): SettingsReading {
  const problems: string[] = [];
  if (raw === undefined) return { settings: cloneDefaults(), problems };
  if (!isRecord(raw)) return { settings: cloneDefaults(), problems: [`settings: expected an object, found ${typeof raw}`] };
  const settings = cloneDefaults();
  if (raw.version !== SETTINGS_VERSION) problems.push(`settings.version: expected ${SETTINGS_VERSION}, found ${JSON.stringify(raw.version)}`);

  if (typeof raw.enabled === 'boolean') settings.enabled = raw.enabled;
  else if ('enabled' in raw) problems.push('settings.enabled: expected true or false');

  if (Array.isArray(raw.disabledSites) && raw.disabledSites.every((id) => typeof id === 'string')) {
    settings.disabledSites = [...new Set(raw.disabledSites as string[])];
  } else if ('disabledSites' in raw) problems.push('settings.disabledSites: expected a list of site ids');

  if (typeof raw.label === 'string' && raw.label.trim() && raw.label.length <= MAX_LABEL_LENGTH) settings.label = raw.label.trim();
  else if ('label' in raw) problems.push(`settings.label: expected 1–${MAX_LABEL_LENGTH} characters`);

  if (isRecord(raw.categories)) {
    for (const category of CATEGORIES) {
      const value = raw.categories[category];
      if (typeof value === 'boolean') settings.categories[category] = value;
      else if (value !== undefined) problems.push(`settings.categories.${category}: expected true or false`);
    }
  } else if ('categories' in raw) problems.push('settings.categories: expected an object');
  return { settings, problems };
}

export function cloneDefaults(): Settings {
  return { ...DEFAULT_SETTINGS, disabledSites: [], categories: { ...DEFAULT_SETTINGS.categories } };
}

/** Whether masking runs on the site with this rule id. */
export function isMaskingOn(settings: Settings, siteId: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteId);
}
