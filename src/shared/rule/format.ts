/**
 * The canonical text of a rule file: keys in the order of RULE_FIELDS, two-space JSON, a trailing
 * newline. Built-in files are stored this way (tests check it) so diffs stay readable; the export
 * copies a rule the same way, so whatever else storage holds next to a rule stays out.
 */
import { RULE_KEYS, type SiteRule } from '../rule/fields';

/** Only the rule's own fields, in canonical order, deep-copied. */
export function canonicalRule(rule: SiteRule): SiteRule {
  const ordered: Record<string, unknown> = {};
  for (const key of RULE_KEYS) if (rule[key] !== undefined) ordered[key] = structuredClone(rule[key]);
  return ordered as SiteRule;
}

export function formatRule(rule: SiteRule): string {
  return `${JSON.stringify(canonicalRule(rule), null, 2)}\n`;
}
