/**
 * What the user chose, as stored under the "settings" key of storage.local. The worker is its only
 * writer. Reading migrates older versions, then repairs field by field: a bad field falls back to
 * its default and is reported, the rest of what the user had is kept. No zod here: the content
 * script reads this too.
 */
import { CATEGORIES, type Category } from './rule/fields';

export const SETTINGS_VERSION = 3;
export const SETTINGS_KEY = 'settings';
export const MAX_LABEL_LENGTH = 24;
export const MAX_OWN_HANDLES = 20;

export type Mode = 'crowd' | 'pseudonym';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Masking on everywhere. */
  enabled: boolean;
  /** Rule ids of sites where the user switched masking off. */
  disabledSites: string[];
  /** The user's label variant, worn by their own identity. */
  label: string;
  /** Everyone is "momo", or each person a stable "momo·xxxx". */
  mode: Mode;
  categories: Record<Category, boolean>;
  /** Handles the user says are theirs (without "@"), for sites where the rules cannot spot them. */
  ownHandles: string[];
  /** Per-install secret for pseudonyms; "" until the worker has made one. Never exported. */
  salt: string;
}

const OFF_BY_DEFAULT: readonly Category[] = ['textNames', 'badges'];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  enabled: true,
  disabledSites: [],
  label: 'momo',
  mode: 'crowd',
  categories: Object.freeze(Object.fromEntries(CATEGORIES.map((c) => [c, !OFF_BY_DEFAULT.includes(c)])) as Record<Category, boolean>),
  ownHandles: [],
  salt: '',
}) as Settings;

export interface SettingsReading {
  settings: Settings;
  /** One line per field that could not be read, saying what and where. */
  problems: string[];
  /** The version the stored value had, when it was migrated. */
  migratedFrom?: number;
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Each step takes the stored shape of one version to the next. Version 1 (the first release) had
 * enabled, disabledSites, label and six categories; version 2 added mode, ownHandles, the salt and
 * the textNames category (off); version 3 the badges category (off).
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  1: (old) => ({
    ...old,
    version: 2,
    mode: 'crowd',
    ownHandles: [],
    salt: '',
    ...(isRecord(old.categories) ? { categories: { ...old.categories, textNames: false } } : {}),
  }),
  2: (old) => ({ ...old, version: 3, ...(isRecord(old.categories) ? { categories: { ...old.categories, badges: false } } : {}) }),
};

/** The stored value at this version: older ones migrated step by step; one with no version, or a newer one, read as it is. */
function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  let value = raw;
  // A version no release had (0, 1.5: damaged storage) has no step: read as it is, not a throw in every page.
  if (typeof raw.version === 'number') for (let version = raw.version; version < SETTINGS_VERSION && MIGRATIONS[version]; version++) value = MIGRATIONS[version](value);
  return value;
}

/**
 * What a field that could not be read had to be, by its path (readSettings' problem lines). Kept
 * apart from the reading: the content script reads settings with settingsOf and carries none of it.
 */
const EXPECTED: Record<string, string> = {
  enabled: 'true or false',
  disabledSites: 'a list of site ids',
  label: `1–${MAX_LABEL_LENGTH} characters`,
  mode: '"crowd" or "pseudonym"',
  ownHandles: `a list of up to ${MAX_OWN_HANDLES} handles`,
  salt: 'hexadecimal text',
  categories: 'an object',
};

/**
 * The settings in a stored object, and the paths of the fields that could not be read (left at their
 * defaults). The object is migrated (readSettings) or read as it is (settingsOf, see there).
 */
function parse(value: Record<string, unknown>): { settings: Settings; unread: string[] } {
  const settings = cloneDefaults();
  const unread: string[] = [];
  const field = (name: string, ok: boolean, apply: () => void) => {
    if (ok) apply();
    else if (name in value) unread.push(name);
  };

  field('enabled', typeof value.enabled === 'boolean', () => (settings.enabled = value.enabled as boolean));
  field('disabledSites', isStringList(value.disabledSites, 200), () => (settings.disabledSites = [...new Set(value.disabledSites as string[])]));
  field('label', isLabel(value.label), () => (settings.label = (value.label as string).trim()));
  field('mode', value.mode === 'crowd' || value.mode === 'pseudonym', () => (settings.mode = value.mode as Mode));
  field('ownHandles', isStringList(value.ownHandles, MAX_OWN_HANDLES), () => {
    settings.ownHandles = [...new Set((value.ownHandles as string[]).map(normalizeHandle).filter(Boolean))];
  });
  field('salt', typeof value.salt === 'string' && /^[0-9a-f]{0,64}$/.test(value.salt), () => (settings.salt = value.salt as string));
  if (isRecord(value.categories)) {
    for (const category of CATEGORIES) {
      const flag = value.categories[category];
      if (typeof flag === 'boolean') settings.categories[category] = flag;
      else if (flag !== undefined) unread.push(`categories.${category}`);
    }
  } else if ('categories' in value) unread.push('categories');
  return { settings, unread };
}

/**
 * The settings a stored value holds, repaired as readSettings repairs them, without saying what was
 * wrong. Without the migrations (the content script reads this, and is size-bound): each so far only
 * adds fields at their defaults, which parse fills in anyway, and the worker writes the migrated
 * value back. The snapshot of every version is read both ways in migrations.test.ts.
 */
export function settingsOf(raw: unknown): Settings {
  return isRecord(raw) ? parse(raw).settings : cloneDefaults();
}

export function readSettings(raw: unknown): SettingsReading {
  const problems: string[] = [];
  if (raw === undefined) return { settings: cloneDefaults(), problems };
  if (!isRecord(raw)) return { settings: cloneDefaults(), problems: [`settings: expected an object, found ${Array.isArray(raw) ? 'a list' : typeof raw}`] };
  const from = typeof raw.version === 'number' ? raw.version : undefined;
  if (from === undefined) problems.push(`settings.version: missing; read as version ${SETTINGS_VERSION}`);
  else if (from > SETTINGS_VERSION) problems.push(`settings.version: ${from} is newer than this extension (${SETTINGS_VERSION}); reading what it can`);
  const { settings, unread } = parse(migrate(raw));
  for (const path of unread) problems.push(`settings.${path}: expected ${EXPECTED[path] ?? 'true or false'}`);
  return { settings, problems, ...(from !== undefined && from < SETTINGS_VERSION ? { migratedFrom: from } : {}) };
}

export function cloneDefaults(): Settings {
  return { ...DEFAULT_SETTINGS, disabledSites: [], ownHandles: [], categories: { ...DEFAULT_SETTINGS.categories } };
}

/** Whether masking runs on the site with this rule id. */
export function isMaskingOn(settings: Settings, siteId: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteId);
}

/** "@Someone " → "someone": how handles are compared. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

/** 1–24 characters (counted as people count them: an emoji is one), no markup or control characters. */
export function isLabel(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const length = [...value.trim()].length;
  return length > 0 && length <= MAX_LABEL_LENGTH && !/[<>\u0000-\u001f]/.test(value);
}

function isStringList(value: unknown, max: number): value is string[] {
  return Array.isArray(value) && value.length <= max && value.every((item) => typeof item === 'string' && item.length <= 64);
}
