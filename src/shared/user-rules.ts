/**
 * Rules the user edited, stored under "userRules" as { [siteId]: SiteRule }. The user's version of a
 * site's rule wins over the built-in one. Checked with the rule schema by the worker when saved; the
 * content script, which has no schema library, re-checks only the shape it relies on.
 */
import { findRuleForHost } from './host-match';
import type { SiteRule } from './site-rule';

export const USER_RULES_KEY = 'userRules';

const isList = (value: unknown) => value === undefined || (Array.isArray(value) && value.every((s) => typeof s === 'string'));

/** The user's rule for a site, if stored and shaped like a rule; anything else is ignored. */
export function userRuleFor(stored: unknown, siteId: string): SiteRule | undefined {
  if (typeof stored !== 'object' || stored === null || !Object.hasOwn(stored, siteId)) return undefined;
  return ruleShaped((stored as Record<string, unknown>)[siteId], siteId);
}

/** The rule an imported pack brought for a site ("importedRules": { [siteId]: { rule, pack, importedAt } }). */
export function importedRuleFor(stored: unknown, siteId: string): SiteRule | undefined {
  if (typeof stored !== 'object' || stored === null || !Object.hasOwn(stored, siteId)) return undefined;
  const entry = (stored as Record<string, unknown>)[siteId];
  return typeof entry === 'object' && entry !== null ? ruleShaped((entry as { rule?: unknown }).rule, siteId) : undefined;
}

/**
 * The rule an imported pack brought for a site that is not built in (a friend's forum), by the
 * page's host: it masks that site once the user has added it (given the permission).
 */
export function importedRuleForHost(stored: unknown, hostname: string): SiteRule | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const rules = Object.keys(stored).flatMap((siteId) => importedRuleFor(stored, siteId) ?? []);
  return findRuleForHost(rules, hostname);
}

function ruleShaped(value: unknown, siteId: string): SiteRule | undefined {
  const rule = value as SiteRule;
  if (typeof rule !== 'object' || rule === null || rule.id !== siteId || !Array.isArray(rule.hosts)) return undefined;
  const lists = [rule.avatars, rule.names, rule.handles, rule.mentions, rule.locations, rule.locationText, rule.shadowHosts, rule.self, rule.titles];
  return lists.every(isList) ? rule : undefined;
}
