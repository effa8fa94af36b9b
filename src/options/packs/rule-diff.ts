/**
 * What an import changes in one site's rule, field by field: the items it adds and removes, as a
 * compact diff of the rule's lists ("names: + .byline"). Pure, for unit tests.
 */
import type { SiteRule } from '../../shared/rule/fields';
import { FIND_LISTS, SHAPE_LISTS } from '../rule-form';

/** The parts of a rule a diff shows, in the order the rule editor shows them. */
export const DIFF_FIELDS = ['name', 'hosts', ...FIND_LISTS, 'attributes', ...SHAPE_LISTS, 'identity.attribute'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export interface FieldDiff {
  field: DiffField;
  added: string[];
  removed: string[];
  /** Items in both. */
  kept: number;
  /** Same items, another order (nothing added or removed). */
  reordered: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((item): item is string => typeof item === 'string') : []);

/** A field's items as text; read defensively (the rule crossed a message boundary). */
export function fieldItems(rule: SiteRule | undefined, field: DiffField): string[] {
  const r: Record<string, unknown> = isObject(rule) ? rule : {};
  const identity = isObject(r.identity) ? r.identity : {};
  switch (field) {
    case 'name':
      return typeof r.name === 'string' && r.name ? [r.name] : [];
    case 'attributes':
      return (Array.isArray(r.attributes) ? r.attributes : []).filter(isObject).map((a) => `${typeof a.selector === 'string' ? a.selector : ''} [${strings(a.names).join(', ')}]`);
    case 'identity.hrefPaths':
      return strings(identity.hrefPaths);
    case 'identity.notKeys':
      return strings(identity.notKeys);
    case 'identity.attribute':
      return typeof identity.attribute === 'string' && identity.attribute ? [identity.attribute] : [];
    default:
      return strings(r[field]);
  }
}

/** `from` without one copy of each item of `take` (a multiset difference, order kept). */
function without(from: string[], take: string[]): string[] {
  const left = new Map<string, number>();
  for (const item of take) left.set(item, (left.get(item) ?? 0) + 1);
  return from.filter((item) => {
    const n = left.get(item) ?? 0;
    if (n > 0) left.set(item, n - 1);
    return n === 0;
  });
}

/** The fields that differ between the rule in force (undefined for a new site) and the pack's. */
export function ruleDiff(before: SiteRule | undefined, after: SiteRule | undefined): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const field of DIFF_FIELDS) {
    const was = fieldItems(before, field);
    const will = fieldItems(after, field);
    const added = without(will, was);
    const removed = without(was, will);
    const reordered = !added.length && !removed.length && was.some((item, i) => item !== will[i]);
    if (added.length || removed.length || reordered) diffs.push({ field, added, removed, kept: will.length - added.length, reordered });
  }
  return diffs;
}
