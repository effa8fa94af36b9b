/**
 * Which rule a site runs: the user's own edit wins, then an imported pack's rule, then the built-in
 * one. This order is written here only; the worker (pack previews, the picker, the rule editor) and
 * the content script both ask this module. Stored values are read defensively (storage may be old
 * or damaged): the worker re-checks stored rules with checkRule when it starts (background/
 * stored-rules.ts), and the content script, which has no checker, keeps only what is rule-shaped.
 */
import { findRuleForHost } from '../host-match';
import { isRecord } from '../settings';
import { SELECTOR_FIELDS, type SiteRule } from '../rule/fields';

export const USER_RULES_KEY = 'userRules';

export type RuleSource = 'user' | 'pack' | 'built-in';

/** The stored rule sources, as storage.local holds them (unchecked). */
export interface StoredRules {
  /** { [siteId]: SiteRule } */
  userRules?: unknown;
  /** { [siteId]: { rule, pack, importedAt } } */
  importedRules?: unknown;
}

const isTextList = (value: unknown) => value === undefined || (Array.isArray(value) && value.every((s) => typeof s === 'string'));

/** A value shaped like a rule for `siteId`, or undefined: the lists the engine reads are lists of text. */
function ruleShaped(value: unknown, siteId: string): SiteRule | undefined {
  if (!isRecord(value) || value.id !== siteId || !Array.isArray(value.hosts)) return undefined;
  const lists = [...SELECTOR_FIELDS.map((field) => value[field]), value.titles, value.textShapes];
  return lists.every(isTextList) ? (value as unknown as SiteRule) : undefined;
}

export function userRuleFor(stored: unknown, siteId: string): SiteRule | undefined {
  return isRecord(stored) && Object.hasOwn(stored, siteId) ? ruleShaped(stored[siteId], siteId) : undefined;
}

export function importedRuleFor(stored: unknown, siteId: string): SiteRule | undefined {
  if (!isRecord(stored) || !Object.hasOwn(stored, siteId)) return undefined;
  const entry = stored[siteId];
  return isRecord(entry) ? ruleShaped(entry.rule, siteId) : undefined;
}

/** The rule an imported pack brought for a site that is not built in (a friend's forum), by the page's host. */
export function importedRuleForHost(stored: unknown, hostname: string): SiteRule | undefined {
  if (!isRecord(stored)) return undefined;
  const rules = Object.keys(stored).flatMap((siteId) => importedRuleFor(stored, siteId) ?? []);
  return findRuleForHost(rules, hostname);
}

/** The rule in force for a site and where it comes from: own edit > imported pack > built-in. */
export function effectiveRule(stored: StoredRules, siteId: string, builtIn: SiteRule | undefined): { rule: SiteRule; source: RuleSource } | undefined {
  const user = userRuleFor(stored.userRules, siteId);
  if (user) return { rule: user, source: 'user' };
  const imported = importedRuleFor(stored.importedRules, siteId);
  if (imported) return { rule: imported, source: 'pack' };
  return builtIn && { rule: builtIn, source: 'built-in' };
}
