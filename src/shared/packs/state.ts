/**
 * Where rules come from, and which one wins: the user's own edit, then an imported pack, then the
 * built-in rule. The state is plain data, read from and written to storage by the worker in one
 * write (see packStateItems), so an import lands whole or not at all.
 */
import { SiteRuleSchema } from '../rule-schema';
import { SETTINGS_KEY, type Settings } from '../settings';
import type { SiteRule } from '../site-rule';
import { USER_RULES_KEY } from '../user-rules';
import type { BuiltInRules } from './pack-schema';
import { isPlainObject } from './rule-check';

const SITE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

import { IMPORTED_RULES_KEY, LAST_IMPORT_KEY } from './keys';

export { IMPORTED_RULES_KEY, LAST_IMPORT_KEY };

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
}

export type RuleSource = 'user' | 'pack' | 'built-in';

export function slotOf(state: PackState, siteId: string): SiteSlot {
  return {
    ...(Object.hasOwn(state.userRules, siteId) ? { user: state.userRules[siteId] } : {}),
    ...(Object.hasOwn(state.importedRules, siteId) ? { imported: state.importedRules[siteId] } : {}),
    disabled: state.disabledSites.includes(siteId),
  };
}

/** The rule in force for a site and where it comes from: user edit > imported pack > built-in. */
export function effectiveRule(state: PackState, builtIn: BuiltInRules, siteId: string): { rule: SiteRule; source: RuleSource } | undefined {
  if (Object.hasOwn(state.userRules, siteId)) return { rule: state.userRules[siteId], source: 'user' };
  if (Object.hasOwn(state.importedRules, siteId)) return { rule: state.importedRules[siteId].rule, source: 'pack' };
  if (Object.hasOwn(builtIn, siteId)) return { rule: builtIn[siteId], source: 'built-in' };
  return undefined;
}

/** Every site's rule in force: the built-in sites, then the sites that only packs brought. */
export function effectiveRules(state: PackState, builtIn: BuiltInRules): SiteRule[] {
  const ids = [...Object.keys(builtIn), ...Object.keys(state.importedRules).filter((id) => !Object.hasOwn(builtIn, id))];
  return ids.map((id) => effectiveRule(state, builtIn, id)!.rule);
}

/**
 * The state from what storage holds. Imported rules are re-checked with the rule schema (storage
 * may be old or damaged); one that fails is left out and reported, never fatal.
 */
export function readPackState(stored: { userRules?: unknown; importedRules?: unknown; lastImport?: unknown; disabledSites: string[] }): {
  state: PackState;
  problems: string[];
} {
  const problems: string[] = [];
  const importedRules: Record<string, ImportedRule> = {};
  if (isPlainObject(stored.importedRules)) {
    for (const [siteId, entry] of Object.entries(stored.importedRules)) {
      const rule = isPlainObject(entry) ? SiteRuleSchema.safeParse(entry.rule) : undefined;
      if (rule?.success && rule.data.id === siteId && isPlainObject(entry) && typeof entry.pack === 'string' && typeof entry.importedAt === 'string') {
        importedRules[siteId] = { rule: rule.data, pack: entry.pack, importedAt: entry.importedAt };
      } else problems.push(`${IMPORTED_RULES_KEY}.${siteId}: not a valid imported rule; left out`);
    }
  } else if (stored.importedRules !== undefined) problems.push(`${IMPORTED_RULES_KEY}: expected an object; left out`);
  const state: PackState = {
    userRules: isPlainObject(stored.userRules) ? (stored.userRules as Record<string, SiteRule>) : {},
    importedRules,
    disabledSites: [...stored.disabledSites],
  };
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
    [LAST_IMPORT_KEY]: state.lastImport ?? null,
    [SETTINGS_KEY]: { ...settings, disabledSites: state.disabledSites },
  };
}
