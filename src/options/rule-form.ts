/**
 * A site rule as the editor holds it: every list a list of text rows (one input each), so that an
 * error the worker reports at "names[1]" can be shown next to the second names row. Pure, for unit tests.
 */
import { RULE_FIELDS, SELECTOR_FIELDS } from '../shared/rule/fields';

export { SELECTOR_FIELDS };

/** The kinds of rule field that are lists of text: the form shows one row per item. */
const TEXT_LISTS = ['hosts', 'selectors', 'urlParts', 'titles'] as const;
type TextListKind = (typeof TEXT_LISTS)[number];
const isTextList = (kind: string): kind is TextListKind => (TEXT_LISTS as readonly string[]).includes(kind);

/** A rule field the form shows as text rows: a list of text, or one of identity's lists. */
type ListFieldOf<F> = F extends { kind: TextListKind; key: infer K } ? K : never;
export type ListField = ListFieldOf<(typeof RULE_FIELDS)[number]> | 'identity.hrefPaths' | 'identity.notKeys';
const IDENTITY_LISTS = ['hrefPaths', 'notKeys'] as const;

/** The text-row lists of the form in the order of the rule's fields, by the rule key they are saved under. */
export const LIST_FIELDS: readonly ListField[] = RULE_FIELDS.flatMap((field): ListField[] => {
  if (isTextList(field.kind)) return [field.key as ListField];
  return field.kind === 'identity' ? IDENTITY_LISTS.map((key) => `identity.${key}` as const) : [];
});

const kindOf = (field: ListField) => (field.startsWith('identity.') ? 'identity' : RULE_FIELDS.find((f) => f.key === field)?.kind);

/**
 * Where the editor shows each text-row list, in the rule's field order: the lists of what to find
 * on a page (selectors, picture addresses), then the lists of shapes and profile-link keys. Hosts
 * come first, by themselves. A list field added to the table shows up in its group.
 */
export const FIND_LISTS = LIST_FIELDS.filter((field) => kindOf(field) === 'selectors' || kindOf(field) === 'urlParts');
export const SHAPE_LISTS = LIST_FIELDS.filter((field) => kindOf(field) === 'titles' || kindOf(field) === 'identity');

export interface AttributeRow {
  selector: string;
  /** Attribute names as typed: "author, aria-label". */
  names: string;
}

export interface RuleForm {
  id: string;
  name: string;
  lists: Record<ListField, string[]>;
  attributes: AttributeRow[];
  /** identity.attribute: an attribute carrying a stable per-person key. */
  keyAttribute: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) : []);

/** The editor's rows for a rule (as the worker sent it: already valid, but read defensively). */
export function formFromRule(rule: unknown): RuleForm {
  const r = isObject(rule) ? rule : {};
  const identity = isObject(r.identity) ? r.identity : {};
  const lists = Object.fromEntries(
    LIST_FIELDS.map((field) => [field, field.startsWith('identity.') ? strings(identity[field.slice('identity.'.length)]) : strings(r[field])]),
  ) as Record<ListField, string[]>;
  return {
    id: typeof r.id === 'string' ? r.id : '',
    name: typeof r.name === 'string' ? r.name : '',
    lists,
    attributes: (Array.isArray(r.attributes) ? r.attributes : []).map((a) => ({
      selector: isObject(a) && typeof a.selector === 'string' ? a.selector : '',
      names: isObject(a) ? strings(a.names).join(', ') : '',
    })),
    keyAttribute: typeof identity.attribute === 'string' ? identity.attribute : '',
  };
}

export const splitNames = (names: string) => names.split(/[\s,]+/).filter(Boolean);

/**
 * The form as it will be saved: text trimmed, blank rows gone. The editor shows this tidied form
 * after Save, so the row numbers in the worker's answer are the rows on screen.
 */
export function tidyForm(form: RuleForm): RuleForm {
  const lists = Object.fromEntries(LIST_FIELDS.map((field) => [field, form.lists[field].map((row) => row.trim()).filter(Boolean)])) as Record<ListField, string[]>;
  return {
    id: form.id,
    name: form.name.trim(),
    lists,
    attributes: form.attributes.map((a) => ({ selector: a.selector.trim(), names: splitNames(a.names).join(', ') })).filter((a) => a.selector || a.names),
    keyAttribute: form.keyAttribute.trim(),
  };
}

/** The rule to send (from a tidied form): empty optional lists are left out, as in the built-in files. */
export function ruleFromForm(form: RuleForm): Record<string, unknown> {
  const rule: Record<string, unknown> = {};
  for (const field of RULE_FIELDS) {
    if (field.kind === 'id') rule[field.key] = form.id;
    else if (field.kind === 'text') rule[field.key] = form.name;
    else if (field.kind === 'hosts') rule[field.key] = form.lists[field.key];
    else if (field.kind === 'attributes') {
      if (form.attributes.length) rule[field.key] = form.attributes.map((a) => ({ selector: a.selector, names: splitNames(a.names) }));
    } else if (field.kind === 'identity') {
      const identity: Record<string, unknown> = {};
      for (const key of IDENTITY_LISTS) if (form.lists[`identity.${key}`].length) identity[key] = form.lists[`identity.${key}`];
      if (form.keyAttribute) identity.attribute = form.keyAttribute;
      if (Object.keys(identity).length) rule[field.key] = identity;
    } else if (form.lists[field.key].length) rule[field.key] = form.lists[field.key];
  }
  return rule;
}

/** Locale keys of a list's name and hint: "identity.hrefPaths" → ruleFieldHrefPaths / ruleHintHrefPaths. */
export function fieldLocaleKeys(field: ListField): { label: string; hint: string } {
  const bare = field.replace(/^identity\./, '');
  const suffix = `${bare[0].toUpperCase()}${bare.slice(1)}`;
  return { label: `ruleField${suffix}`, hint: `ruleHint${suffix}` };
}

/** "names[1]", "attributes[0].selector": the error key of one row, as the worker writes paths. */
export const rowKey = (field: string, index: number, sub?: string) => `${field}[${index}]${sub ? `.${sub}` : ''}`;

/** Every place in the editor an error can be shown, most specific last. */
export function errorKeys(form: RuleForm): string[] {
  const keys = ['id', 'name', 'attributes', 'identity', 'identity.attribute'];
  for (const field of LIST_FIELDS) {
    keys.push(field);
    form.lists[field].forEach((_, i) => {
      keys.push(rowKey(field, i));
    });
  }
  form.attributes.forEach((_, i) => {
    keys.push(rowKey('attributes', i), rowKey('attributes', i, 'selector'), rowKey('attributes', i, 'names'));
  });
  return keys;
}

export interface SelectorRow {
  key: string;
  selector: string;
}

/** Every selector of the form with the key of its row: what "Test on the open tab" counts. */
export function selectorRows(form: RuleForm): SelectorRow[] {
  const rows: SelectorRow[] = [];
  for (const field of SELECTOR_FIELDS) {
    form.lists[field].forEach((selector, i) => {
      if (selector.trim()) rows.push({ key: rowKey(field, i), selector: selector.trim() });
    });
  }
  form.attributes.forEach((a, i) => {
    if (a.selector.trim()) rows.push({ key: rowKey('attributes', i, 'selector'), selector: a.selector.trim() });
  });
  return rows;
}
