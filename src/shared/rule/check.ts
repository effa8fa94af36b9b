/**
 * The one checker for site rules, whatever their source: built-in files (at build time, where a bad
 * rule fails the build), the user's edits, picks, packs and what storage holds. It reads a rule field
 * by field, driven by RULE_FIELDS, reports every problem with its path ("names[2]") and keeps
 * nothing it did not check: unknown keys are dropped (a notice), any error leaves the rule out
 * (a half-read rule could mask less than its author meant).
 */
import { hostCovers } from '../host-match';
import { hostProblem } from '../packs/host-check';
import { selectorProblem } from '../packs/selector-check';
import { attributeNameProblem, ATTRIBUTE_NAME, notKeyProblem, pathProblem, textProblem, textShapeProblem, titleProblem, urlPartProblem } from '../packs/text-checks';
import { at } from '../packs/types';
import { LIMITS, RULE_FIELDS, RULE_KEYS, type FieldKind, type SiteRule } from '../rule/fields';

export const SITE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const NAME_LENGTH = 60;

export interface RuleProblem {
  severity: 'error' | 'notice';
  /** Where in the rule: "names[2]", "attributes[0].selector"; "" for the rule as a whole. */
  path: string;
  message: string;
}

export interface RuleContext {
  /** The built-in rules by id: a rule for one of them may leave out name and hosts, never change its hosts. */
  builtIn: Readonly<Record<string, SiteRule>>;
  /** Hosts already claimed by other new sites being read with this one (a pack's), to refuse two sites on one host. */
  claimed?: Map<string, string>;
  /** The id the rule is stored under (a pack's key): the rule's own id must agree. */
  siteId?: string;
}

export interface RuleReading {
  rule?: SiteRule;
  problems: RuleProblem[];
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "names[2]: would match most of the page", one line per error: the reply a page shows. */
export const problemLines = (problems: readonly RuleProblem[]): string[] => problems.filter((p) => p.severity === 'error').map((p) => `${p.path || 'rule'}: ${p.message}`);

type Report = (path: string, message: string, severity?: RuleProblem['severity']) => void;
type Reader = (value: unknown, path: string, report: Report, field: (typeof RULE_FIELDS)[number]) => unknown;

/** How each kind of field is read; `undefined` back means refused (and reported). */
const READERS: Record<Exclude<FieldKind, 'id' | 'text' | 'hosts'>, Reader> = {
  selectors: (value, path, report) => readList(value, path, LIMITS.selectorsPerField, 'selectors', selectorProblem, report),
  // Title shapes and text shapes share their language; a text shape is a whole text, with no free {text}.
  titles: (value, path, report, field) =>
    'wholeText' in field ? readList(value, path, LIMITS.titles, 'shapes', textShapeProblem, report) : readList(value, path, LIMITS.titles, 'title shapes', titleProblem, report),
  urlParts: (value, path, report) => readList(value, path, LIMITS.urlParts, 'address parts', urlPartProblem, report),
  attributes: (value, path, report) => {
    const list = readList(value, path, LIMITS.selectorsPerField, 'targets', () => undefined, report);
    return list && list.map((item, i) => readAttributeTarget(item, at(path, i), report));
  },
  identity: (value, path, report) => readIdentity(value, path, report),
};

export function checkRule(raw: unknown, context: RuleContext): RuleReading {
  const problems: RuleProblem[] = [];
  const report: Report = (path, message, severity: RuleProblem['severity'] = 'error') => problems.push({ severity, path, message });
  if (context.siteId !== undefined && !SITE_ID.test(context.siteId)) {
    report('', 'is not a site id (lowercase letters, digits and dashes, at most 40)');
    return { problems };
  }
  if (!isPlainObject(raw)) {
    report('', 'expected a rule (an object)');
    return { problems };
  }
  for (const key of Object.keys(raw)) {
    if (!(RULE_KEYS as readonly string[]).includes(key)) report(at('', key), 'unknown key dropped', 'notice');
  }
  const id = context.siteId ?? raw.id;
  if (typeof id !== 'string' || !SITE_ID.test(id)) {
    // A key the rule is stored under names the whole rule; an id inside it, the field.
    if (context.siteId === undefined) report('id', 'must be lowercase letters, digits and dashes (at most 40)');
    else report('', 'is not a site id (lowercase letters, digits and dashes, at most 40)');
    return { problems };
  }
  if (raw.id !== undefined && raw.id !== id) report('id', `${JSON.stringify(raw.id)} does not match the site's key "${id}"`);
  const builtIn = Object.hasOwn(context.builtIn, id) ? context.builtIn[id] : undefined;

  const rule: Record<string, unknown> = {};
  for (const field of RULE_FIELDS) {
    const value = raw[field.key];
    if (field.kind === 'id') rule.id = id;
    else if (field.kind === 'text') rule[field.key] = readName(value, builtIn, report);
    else if (field.kind === 'hosts') rule[field.key] = readHosts(value, id, builtIn, context, report);
    else if (value !== undefined) rule[field.key] = READERS[field.kind](value, field.key, report, field);
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  for (const key of Object.keys(rule)) if (rule[key] === undefined) delete rule[key];
  const checked = rule as SiteRule;
  if (!builtIn) for (const host of checked.hosts) context.claimed?.set(host, id);
  return { rule: checked, problems };
}

function readName(value: unknown, builtIn: SiteRule | undefined, report: Report): string | undefined {
  if (value === undefined) {
    if (!builtIn) report('name', 'is required for a site that is not built in');
    return builtIn?.name;
  }
  const problem = textProblem(value, NAME_LENGTH);
  if (problem) report('name', problem);
  return problem ? undefined : (value as string).trim();
}

function readHosts(value: unknown, siteId: string, builtIn: SiteRule | undefined, context: RuleContext, report: Report): string[] | undefined {
  if (value === undefined) {
    if (!builtIn) report('hosts', 'is required for a site that is not built in');
    return builtIn ? [...builtIn.hosts] : undefined;
  }
  const hosts = readList(value, 'hosts', LIMITS.hosts, 'hosts', hostProblem, report);
  if (!hosts) return undefined;
  if (hosts.length === 0) {
    report('hosts', 'needs at least one host');
    return undefined;
  }
  if (builtIn) {
    // The browser runs a built-in site's scripts on its manifest hosts only: other hosts would do nothing.
    const same = hosts.length === builtIn.hosts.length && hosts.every((host) => builtIn.hosts.includes(host));
    if (same) return hosts;
    report('hosts', `differ from the built-in site "${siteId}" (${builtIn.hosts.join(', ')}); a built-in site keeps its hosts`);
    return undefined;
  }
  let ok = true;
  hosts.forEach((host, i) => {
    const overlaps = (h: string) => hostCovers(h, host) || hostCovers(host, h);
    const owner = Object.values(context.builtIn).find((rule) => rule.hosts.some(overlaps));
    const claimedBy = [...(context.claimed ?? [])].find(([h]) => overlaps(h))?.[1];
    if (owner) report(at('hosts', i), `"${host}" belongs to the built-in site "${owner.id}"; change that site under its own id`);
    else if (claimedBy) report(at('hosts', i), `"${host}" is already claimed by the site "${claimedBy}"`);
    ok &&= !owner && !claimedBy;
  });
  return ok ? hosts : undefined;
}

/** A list whose items are all good, or undefined after reporting why not (the list and each bad item). */
function readList<T = string>(value: unknown, path: string, max: number, noun: string, check: (item: unknown) => string | undefined, report: Report): T[] | undefined {
  if (!Array.isArray(value)) {
    report(path, `expected a list of ${noun}`);
    return undefined;
  }
  if (value.length > max) {
    report(path, `has ${value.length} ${noun}; at most ${max}`);
    return undefined;
  }
  let ok = true;
  value.forEach((item, i) => {
    const problem = check(item);
    if (problem) report(at(path, i), problem);
    ok &&= !problem;
  });
  return ok ? (value as T[]) : undefined;
}

function readObject(raw: unknown, path: string, keys: readonly string[], report: Report): Record<string, unknown> | undefined {
  if (!isPlainObject(raw)) {
    report(path, `expected { ${keys.join(', ')} }`);
    return undefined;
  }
  // Unknown keys inside a field are dropped as at the top: only what was read is kept.
  for (const key of Object.keys(raw)) if (!keys.includes(key)) report(at(path, key), 'unknown key dropped', 'notice');
  return raw;
}

function readAttributeTarget(raw: unknown, path: string, report: Report): { selector: string; names: string[] } | undefined {
  const target = readObject(raw, path, ['selector', 'names'], report);
  if (!target) return undefined;
  const selector = selectorProblem(target.selector);
  if (selector) report(at(path, 'selector'), selector);
  const names = target.names === undefined ? undefined : readList(target.names, at(path, 'names'), LIMITS.attributeNames, 'attribute names', attributeNameProblem, report);
  if (target.names === undefined || names?.length === 0) report(at(path, 'names'), 'needs at least one attribute name');
  return selector || !names?.length ? undefined : { selector: target.selector as string, names };
}

function readIdentity(raw: unknown, path: string, report: Report): { hrefPaths?: string[]; notKeys?: string[]; attribute?: string } | undefined {
  const source = readObject(raw, path, ['hrefPaths', 'notKeys', 'attribute'], report);
  if (!source) return undefined;
  const identity: { hrefPaths?: string[]; notKeys?: string[]; attribute?: string } = {};
  if (source.hrefPaths !== undefined) {
    const hrefPaths = readList(source.hrefPaths, at(path, 'hrefPaths'), LIMITS.hrefPaths, 'path shapes', pathProblem, report);
    if (hrefPaths) identity.hrefPaths = hrefPaths;
  }
  if (source.notKeys !== undefined) {
    const notKeys = readList(source.notKeys, at(path, 'notKeys'), LIMITS.notKeys, 'keys', notKeyProblem, report);
    if (notKeys) identity.notKeys = notKeys;
  }
  if (source.attribute !== undefined) {
    if (typeof source.attribute === 'string' && ATTRIBUTE_NAME.test(source.attribute)) identity.attribute = source.attribute;
    else report(at(path, 'attribute'), 'is not an attribute name');
  }
  return identity;
}
