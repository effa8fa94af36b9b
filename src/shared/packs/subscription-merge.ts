/**
 * The three-way merge of one site's rule when a subscribed pack changes: base is the pack's rule as
 * last merged, theirs the pack's new rule, mine the user's own edit. The rule is cut into units
 * derived from the field table (shared/rule/fields.ts): each list field (and each list inside
 * `identity`) and each single value. Per unit, a side that did not change it leaves it to the other;
 * both changing it the same way is agreement. Lists merge item by item: the pack's additions and
 * removals land on the user's list, except where both replaced the same entry differently (both
 * removed it, and did not add the same things): a conflict, which waits for the user with both
 * sides. A single value both changed differently is a conflict too. Pure, for unit tests.
 */
import { RULE_FIELDS, type SiteRule } from '../rule/fields';
import { canonicalRule } from '../rule/format';
import { sameData } from './same-data';

type Kind = (typeof RULE_FIELDS)[number]['kind'];
const LIST_KINDS: readonly Kind[] = ['hosts', 'selectors', 'urlParts', 'titles', 'attributes'];

/** The merge units of a rule, in the rule's order: "names", "attributes", "identity.hrefPaths"… */
export const MERGE_UNITS: readonly { unit: string; list: boolean }[] = RULE_FIELDS.flatMap((field) => {
  if (field.kind === 'id') return [];
  if (field.kind === 'identity')
    return [
      { unit: 'identity.hrefPaths', list: true },
      { unit: 'identity.notKeys', list: true },
      { unit: 'identity.attribute', list: false },
    ];
  return [{ unit: field.key, list: LIST_KINDS.includes(field.kind) }];
});

export interface UnitConflict {
  unit: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export type RuleMerge = { ok: true; rule: SiteRule } | { ok: false; conflicts: UnitConflict[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function read(rule: SiteRule, unit: string): unknown {
  const r = rule as unknown as Record<string, unknown>;
  if (!unit.startsWith('identity.')) return r[unit];
  return isObject(r.identity) ? r.identity[unit.slice('identity.'.length)] : undefined;
}

function write(rule: Record<string, unknown>, unit: string, value: unknown): void {
  const empty = value === undefined || (Array.isArray(value) && value.length === 0);
  if (!unit.startsWith('identity.')) {
    if (empty) delete rule[unit];
    else rule[unit] = value;
    return;
  }
  const identity = isObject(rule.identity) ? { ...rule.identity } : {};
  const key = unit.slice('identity.'.length);
  if (empty) delete identity[key];
  else identity[key] = value;
  if (Object.keys(identity).length) rule.identity = identity;
  else delete rule.identity;
}

/** A list item as a key (attribute targets are objects): the same item is the same key. */
const keyOf = (item: unknown): string => JSON.stringify(isObject(item) ? canonicalTarget(item) : item);
const canonicalTarget = (target: Record<string, unknown>) => ({ selector: target.selector, names: target.names });
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const keys = (value: unknown): Set<string> => new Set(list(value).map(keyOf));
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((key) => b.has(key));
const minus = (a: Set<string>, b: Set<string>) => new Set([...a].filter((key) => !b.has(key)));

/** One list unit: the merged list, or undefined for a conflict. */
function mergeList(base: unknown, mine: unknown, theirs: unknown): { value: unknown } | undefined {
  const [b, m, t] = [keys(base), keys(mine), keys(theirs)];
  if (sameSet(t, b) || sameSet(m, t)) return { value: mine };
  if (sameSet(m, b)) return { value: theirs };
  const removedMine = minus(b, m);
  const removedTheirs = minus(b, t);
  const replacedBoth = [...removedMine].some((key) => removedTheirs.has(key));
  if (replacedBoth && !sameSet(minus(m, b), minus(t, b))) return undefined;
  // The user's list in its order, less what the pack removed, then what the pack added.
  const kept = list(mine).filter((item) => !removedTheirs.has(keyOf(item)));
  const have = new Set(kept.map(keyOf));
  const added = list(theirs).filter((item) => !b.has(keyOf(item)) && !have.has(keyOf(item)) && have.add(keyOf(item)));
  return { value: [...kept, ...added] };
}

function mergeValue(base: unknown, mine: unknown, theirs: unknown): { value: unknown } | undefined {
  if (sameData(theirs, base) || sameData(mine, theirs)) return { value: mine };
  if (sameData(mine, base)) return { value: theirs };
  return undefined;
}

/** Every unit merged; a conflicting unit keeps mine, or takes theirs when `settle` says so. */
function mergeUnits(base: SiteRule, mine: SiteRule, theirs: SiteRule, settle: 'mine' | 'theirs'): { rule: SiteRule; conflicts: UnitConflict[] } {
  const merged = structuredClone(mine) as unknown as Record<string, unknown>;
  const conflicts: UnitConflict[] = [];
  for (const { unit, list: isList } of MERGE_UNITS) {
    const [b, m, t] = [read(base, unit), read(mine, unit), read(theirs, unit)];
    const result = isList ? mergeList(b, m, t) : mergeValue(b, m, t);
    if (!result) conflicts.push({ unit, base: b, mine: m, theirs: t });
    write(merged, unit, structuredClone(result ? result.value : settle === 'theirs' ? t : m));
  }
  return { rule: canonicalRule(merged as unknown as SiteRule), conflicts };
}

/** Merges the pack's change (base → theirs) into the user's rule (mine): the merged rule, or every conflicting unit. */
export function mergeRule(base: SiteRule, mine: SiteRule, theirs: SiteRule): RuleMerge {
  const { rule, conflicts } = mergeUnits(base, mine, theirs, 'mine');
  return conflicts.length ? { ok: false, conflicts } : { ok: true, rule };
}

/** The merge with every conflict settled the pack's way (the user chose "take theirs"); other units merged as usual. */
export const mergeTakingTheirs = (base: SiteRule, mine: SiteRule, theirs: SiteRule): SiteRule => mergeUnits(base, mine, theirs, 'theirs').rule;
