/**
 * What replacing the rule in force with a pack's rule would take away from masking. A rule's items
 * add up: each host, selector, address part, attribute target, title shape and profile path widens
 * what is masked, so a rule that keeps every item of the rule in force masks at least as much, and
 * one that drops any item may mask less. A changed item counts as dropped, whatever replaces it:
 * whether ".name" and ".name.x" match the same elements is not something a preview can know.
 * The keys that profile links must not be taken for (identity.notKeys) and the role marks a name
 * keeps (roles) work the other way: each one the pack adds is a profile link no longer masked, or
 * text inside a name left as it is. Pure; the worker and the page both ask it.
 */
import { RULE_FIELDS, type SiteRule } from '../rule/fields';

/** Kinds of field whose every item widens masking. */
const WIDENING_KINDS = ['hosts', 'selectors', 'urlParts', 'attributes', 'titles'] as const;
type WideningKind = (typeof WIDENING_KINDS)[number];
type WideningKey = Exclude<Extract<(typeof RULE_FIELDS)[number], { kind: WideningKind }>['key'], 'self'>;

/**
 * The fields checked, in the rule's order. Not `self`: it only decides whose label a match wears
 * (the user's own or a persona), masked either way.
 */
export const WEAKENING_FIELDS: readonly (WideningKey | 'identity.hrefPaths' | 'identity.notKeys')[] = [
  ...RULE_FIELDS.filter((field): field is Extract<(typeof RULE_FIELDS)[number], { kind: WideningKind; key: WideningKey }> => {
    return (WIDENING_KINDS as readonly string[]).includes(field.kind) && field.key !== 'self';
  }).map((field) => field.key),
  'identity.hrefPaths',
  'identity.notKeys',
];
export type WeakeningField = (typeof WEAKENING_FIELDS)[number];

/** The fields whose every item narrows masking: what the pack adds to them is lost. */
export const NARROWING_FIELDS: ReadonlySet<WeakeningField> = new Set(['identity.notKeys', 'roles']);

/**
 * One field's loss: the items of the rule in force that the pack's rule drops (NARROWING_FIELDS:
 * the items it adds, each a profile link no longer masked or a role mark a name keeps).
 */
export interface RuleDrop {
  field: WeakeningField;
  items: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** A field's items as text, one per thing it masks: an attribute target gives one item per attribute name. */
function items(rule: SiteRule, field: WeakeningField): string[] {
  const r = rule as unknown as Record<string, unknown>;
  if (field === 'identity.hrefPaths' || field === 'identity.notKeys') {
    const identity = isObject(r.identity) ? r.identity : {};
    const list = strings(identity[field.slice('identity.'.length)]);
    // The profile-link layer compares keys in lower case (content/compile-rule.ts).
    return field === 'identity.notKeys' ? list.map((key) => key.toLowerCase()) : list;
  }
  if (field === 'attributes') {
    const targets = Array.isArray(r.attributes) ? r.attributes.filter(isObject) : [];
    return targets.flatMap((target) => strings(target.names).map((name) => `${typeof target.selector === 'string' ? target.selector : ''} [${name}]`));
  }
  return strings(r[field]);
}

/** What the pack's rule (`after`) drops of the rule in force (`before`), field by field; empty when it drops nothing. */
export function ruleDrops(before: SiteRule, after: SiteRule): RuleDrop[] {
  const drops: RuleDrop[] = [];
  for (const field of WEAKENING_FIELDS) {
    const [from, to] = NARROWING_FIELDS.has(field) ? [items(after, field), new Set(items(before, field))] : [items(before, field), new Set(items(after, field))];
    const lost = [...new Set(from)].filter((item) => !to.has(item));
    if (lost.length) drops.push({ field, items: lost });
  }
  return drops;
}
