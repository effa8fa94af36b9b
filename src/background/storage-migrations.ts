/**
 * A version and migrations for every stored key besides the settings (which carry their own version
 * inside: shared/settings.ts). The versions live under STORAGE_VERSIONS_KEY, beside the values the
 * content script reads as they are. The worker migrates at install and at every browser start, on
 * the one write chain (settings-store.ts serialised), and writes values and versions in one set: a
 * worker killed midway leaves the old values with the old versions, and the next start migrates again.
 * Committed snapshots of every version: tests/fixtures/storage/.
 */
import { ADDED_SITES_KEY } from '../shared/added-sites';
import { IMPORTED_RULES_KEY, LAST_IMPORT_KEY, SET_ASIDE_KEY } from '../shared/packs/keys';
import { SUBSCRIPTIONS_KEY } from '../shared/packs/subscription';
import { checkRule, isPlainObject, problemLines, type RuleContext } from '../shared/rule/check';
import { USER_RULES_KEY } from '../shared/rule/effective';
import type { SiteRule } from '../shared/rule/fields';
import type { StorageArea } from './settings-store';

export const STORAGE_VERSIONS_KEY = 'storageVersions';

/** What a step returns: the key's next value, and stored rules it set aside (kept under SET_ASIDE_KEY, never used). */
interface StepResult {
  value: unknown;
  aside?: Record<string, unknown>;
  problems?: string[];
}
type Step = (value: unknown, context: RuleContext) => StepResult;

/**
 * Version 2 (December 2026): every rule is held to the one checker (shared/rule/check.ts), which is
 * stricter than the shape checks version 1 was written under: a rule that fails it is set aside,
 * as it was, and the site falls back (to the pack's or built-in rule, or generic mode).
 */
const recheck =
  (key: string, ruleOf: (entry: unknown) => unknown, withRule: (entry: unknown, rule: SiteRule | undefined) => unknown | undefined): Step =>
  (value, context) => {
    if (!isPlainObject(value)) return { value };
    const next: Record<string, unknown> = {};
    const aside: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const [id, entry] of Object.entries(value)) {
      const raw = ruleOf(entry);
      if (raw === undefined) {
        next[id] = entry;
        continue;
      }
      // An added site's rule is its own (a Mastodon instance wears the Mastodon rule's id on its host).
      const reading = key === ADDED_SITES_KEY ? checkRule(raw, { builtIn: {} }) : checkRule(raw, { builtIn: context.builtIn, siteId: id });
      if (reading.rule) next[id] = withRule(entry, reading.rule);
      else {
        aside[id] = entry;
        problems.push(...problemLines(reading.problems).map((line) => `${key}.${id}: ${line}; set aside`));
        const kept = withRule(entry, undefined);
        if (kept !== undefined) next[id] = kept;
      }
    }
    return { value: next, aside, problems };
  };

const recheckUserRules = recheck(
  USER_RULES_KEY,
  (entry) => entry,
  (_entry, rule) => rule,
);
const recheckImportedRules = recheck(
  IMPORTED_RULES_KEY,
  (entry) => (isPlainObject(entry) ? entry.rule : entry),
  (entry, rule) => (rule && isPlainObject(entry) ? { ...entry, rule } : undefined),
);
// An added site keeps its place (and its permission) without a rule of its own: generic mode.
const recheckAddedSites = recheck(
  ADDED_SITES_KEY,
  (entry) => (isPlainObject(entry) ? entry.rule : undefined),
  (entry, rule) => {
    if (!isPlainObject(entry)) return entry;
    const { rule: _old, ...site } = entry;
    return rule ? { ...site, rule } : site;
  },
);

/**
 * Version 3 (December 2026): the checker refuses pseudo-classes that count siblings (:nth-child and
 * kin), whose cost grows with a feed (shared/packs/selector-check.ts): every stored rule is checked again.
 */
const MIGRATIONS = {
  [USER_RULES_KEY]: [recheckUserRules, recheckUserRules],
  [IMPORTED_RULES_KEY]: [recheckImportedRules, recheckImportedRules],
  [ADDED_SITES_KEY]: [recheckAddedSites, recheckAddedSites],
  [LAST_IMPORT_KEY]: [],
  [SET_ASIDE_KEY]: [],
  // Subscribed packs (shared/packs/subscription.ts): version 1 is the first shape stored.
  [SUBSCRIPTIONS_KEY]: [],
} satisfies Record<string, Step[]>;

type VersionedKey = keyof typeof MIGRATIONS;
const KEYS = Object.keys(MIGRATIONS) as VersionedKey[];

/** Each key's current version: one more than its steps (version 1 is the first shape stored). */
export const STORAGE_VERSIONS = Object.fromEntries(KEYS.map((key) => [key, MIGRATIONS[key].length + 1])) as Record<VersionedKey, number>;

/** Brings every stored key to its current version; says what it did. Nothing stored is dropped. */
export async function migrateStorage(
  storage: StorageArea & { getMany(keys: string[]): Promise<Record<string, unknown>> },
  builtIn: readonly SiteRule[],
): Promise<{ migrated: string[]; problems: string[] }> {
  const stored = await storage.getMany([...KEYS, STORAGE_VERSIONS_KEY]);
  const versions: Record<string, unknown> = isPlainObject(stored[STORAGE_VERSIONS_KEY]) ? { ...stored[STORAGE_VERSIONS_KEY] } : {};
  const context: RuleContext = { builtIn: Object.fromEntries(builtIn.map((rule) => [rule.id, rule])) };
  const items: Record<string, unknown> = {};
  const migrated: string[] = [];
  const problems: string[] = [];
  const aside: Record<string, Record<string, unknown>> = isPlainObject(stored[SET_ASIDE_KEY]) ? { ...(stored[SET_ASIDE_KEY] as Record<string, Record<string, unknown>>) } : {};
  let setAside = false;
  for (const key of KEYS) {
    const current = STORAGE_VERSIONS[key];
    // What earlier versions of the extension wrote carried no version: version 1.
    const from = typeof versions[key] === 'number' ? (versions[key] as number) : 1;
    if (from > current) {
      problems.push(`${key}: version ${from} is newer than this extension (${current}); left as it is`);
      continue;
    }
    if (from === current && versions[key] === current) continue;
    let value = stored[key];
    if (value !== undefined) {
      for (let version = from; version < current; version++) {
        const step = MIGRATIONS[key][version - 1](value, context);
        value = step.value;
        problems.push(...(step.problems ?? []));
        if (step.aside && Object.keys(step.aside).length) {
          aside[key] = { ...aside[key], ...step.aside };
          setAside = true;
        }
      }
      items[key] = value;
      if (from < current) migrated.push(`${key} ${from} → ${current}`);
    }
    versions[key] = current;
  }
  if (setAside) items[SET_ASIDE_KEY] = aside;
  items[STORAGE_VERSIONS_KEY] = versions;
  if (migrated.length || JSON.stringify(versions) !== JSON.stringify(stored[STORAGE_VERSIONS_KEY])) await storage.set(items);
  return { migrated, problems };
}
