/**
 * Where rules come from, and which one wins: the user's own edit, then an imported pack, then the
 * built-in rule. The state is plain data, read from and written to storage by the worker in one
 * write (see packStateItems), so an import lands whole or not at all.
 */
import { checkRule, isPlainObject, problemLines, SITE_ID } from '../rule/check';
import { effectiveRule as ruleInForce, USER_RULES_KEY, type RuleSource } from '../rule/effective';
import type { SiteRule } from '../rule/fields';
import { SETTINGS_KEY, type Settings } from '../settings';
import { IMPORTED_RULES_KEY, LAST_IMPORT_KEY, SET_ASIDE_KEY } from './keys';
import type { BuiltInRules } from './pack-schema';

export { IMPORTED_RULES_KEY, LAST_IMPORT_KEY, SET_ASIDE_KEY };

export interface ImportedRule {
  rule: SiteRule;
  /** The title of the pack it came from. */
  pack: string;
  /** ISO date-time of the import. */
  importedAt: string;
}

/** Everything stored about one site that an import can change. */
export interface SiteSlot {
  user?: SiteRule;
  imported?: ImportedRule;
  disabled: boolean;
}

/** What the last import changed, site by site, so it can be undone exactly. */
export interface ImportUndo {
  pack: string;
  at: string;
  sites: { siteId: string; before: SiteSlot; after: SiteSlot }[];
  /** The import before it (one level only, so the record never grows with every import). */
  previous?: ImportUndo;
}

export interface PackState {
  userRules: Record<string, SiteRule>;
  importedRules: Record<string, ImportedRule>;
  /** Mirrors settings.disabledSites. */
  disabledSites: string[];
  lastImport?: ImportUndo;
  /**
   * Stored rules that no longer pass the checks (damaged, or valid under older checks), by storage
   * key and site: never used, never dropped — the next write moves them under SET_ASIDE_KEY, where
   * the content script does not look, as they were.
   */
  setAside?: Record<string, Record<string, unknown>>;
}

export type { RuleSource };

export function slotOf(state: PackState, siteId: string): SiteSlot {
  return {
    ...(Object.hasOwn(state.userRules, siteId) ? { user: state.userRules[siteId] } : {}),
    ...(Object.hasOwn(state.importedRules, siteId) ? { imported: state.importedRules[siteId] } : {}),
    disabled: state.disabledSites.includes(siteId),
  };
}

/** The rule in force for a site and where it comes from: user edit > imported pack > built-in. */
export function effectiveRule(state: PackState, builtIn: BuiltInRules, siteId: string): { rule: SiteRule; source: RuleSource } | undefined {
  return ruleInForce(state, siteId, Object.hasOwn(builtIn, siteId) ? builtIn[siteId] : undefined);
}

/** Every site's rule in force: the built-in sites, then the sites that only packs brought. */
export function effectiveRules(state: PackState, builtIn: BuiltInRules): SiteRule[] {
  const ids = [...Object.keys(builtIn), ...Object.keys(state.importedRules).filter((id) => !Object.hasOwn(builtIn, id))];
  return ids.map((id) => effectiveRule(state, builtIn, id)!.rule);
}

/**
 * The state from what storage holds. Stored rules are re-checked with the rule checker (storage
 * may be old or damaged, and a rule that was valid under older checks may not be now); one that
 * fails is left out and reported, never fatal.
 */
export function readPackState(
  stored: { userRules?: unknown; importedRules?: unknown; lastImport?: unknown; rulesSetAside?: unknown; disabledSites: string[] },
  builtIn: BuiltInRules,
): { state: PackState; problems: string[] } {
  const problems: string[] = [];
  const setAside: Record<string, Record<string, unknown>> = {};
  if (isPlainObject(stored.rulesSetAside)) {
    for (const [key, sites] of Object.entries(stored.rulesSetAside)) if (isPlainObject(sites)) setAside[key] = { ...sites };
  }
  const checked = (raw: unknown, siteId: string, where: string, entry: unknown): SiteRule | undefined => {
    const reading = checkRule(raw, { builtIn, siteId });
    for (const line of problemLines(reading.problems)) problems.push(`${where}.${siteId}: ${line}; set aside`);
    if (!reading.rule) (setAside[where] ??= {})[siteId] = entry;
    return reading.rule;
  };
  const importedRules: Record<string, ImportedRule> = {};
  if (isPlainObject(stored.importedRules)) {
    for (const [siteId, entry] of Object.entries(stored.importedRules)) {
      if (!SITE_ID.test(siteId) || !isPlainObject(entry) || typeof entry.pack !== 'string' || typeof entry.importedAt !== 'string') {
        problems.push(`${IMPORTED_RULES_KEY}.${siteId}: not a valid imported rule; left out`);
        continue;
      }
      const rule = checked(entry.rule, siteId, IMPORTED_RULES_KEY, entry);
      if (rule) importedRules[siteId] = { rule, pack: entry.pack, importedAt: entry.importedAt };
    }
  } else if (stored.importedRules !== undefined) problems.push(`${IMPORTED_RULES_KEY}: expected an object; left out`);
  const userRules: Record<string, SiteRule> = {};
  if (isPlainObject(stored.userRules)) {
    for (const [siteId, raw] of Object.entries(stored.userRules)) {
      const rule = SITE_ID.test(siteId) ? checked(raw, siteId, USER_RULES_KEY, raw) : undefined;
      if (rule) userRules[siteId] = rule;
    }
  } else if (stored.userRules !== undefined) problems.push(`${USER_RULES_KEY}: expected an object; left out`);
  const state: PackState = { userRules, importedRules, disabledSites: [...stored.disabledSites] };
  if (Object.keys(setAside).length) state.setAside = setAside;
  const last = stored.lastImport;
  if (isUndo(last)) state.lastImport = last;
  else if (last !== undefined && last !== null) problems.push(`${LAST_IMPORT_KEY}: not a valid undo record; left out`);
  return { state, problems };
}

/** An undo record as this module writes it; its site ids are checked because undo writes them as keys. */
function isUndo(value: unknown): value is ImportUndo {
  if (!isPlainObject(value) || typeof value.pack !== 'string' || typeof value.at !== 'string' || !Array.isArray(value.sites)) return false;
  const slotOk = (slot: unknown) => isPlainObject(slot) && typeof slot.disabled === 'boolean';
  const sitesOk = value.sites.every((site) => isPlainObject(site) && typeof site.siteId === 'string' && SITE_ID.test(site.siteId) && slotOk(site.before) && slotOk(site.after));
  return sitesOk && (value.previous === undefined || isUndo(value.previous));
}

/** The storage items for one storage.set call: rules, undo record and the settings' site choices together. */
export function packStateItems(state: PackState, settings: Settings): Record<string, unknown> {
  return {
    [USER_RULES_KEY]: state.userRules,
    [IMPORTED_RULES_KEY]: state.importedRules,
    ...(state.setAside ? { [SET_ASIDE_KEY]: state.setAside } : {}),
    [LAST_IMPORT_KEY]: state.lastImport ?? null,
    [SETTINGS_KEY]: { ...settings, disabledSites: state.disabledSites },
  };
}
