/**
 * Reads one site of a pack, field by field, reporting every problem with its place and keeping
 * nothing it did not check: unknown keys are dropped (a notice), any error leaves the whole site
 * out (a half-read rule could mask less than its author meant). The result is held to the app's
 * own SiteRuleSchema last, so an imported rule is exactly as valid as a built-in one.
 */
import { hostCovers } from '../host-match';
import { describeIssues, LIMITS, SiteRuleSchema } from '../rule-schema';
import type { AttributeTarget, IdentityKeySource, SiteRule } from '../site-rule';
import { hostProblem } from './host-check';
import { attributeNameProblem, ATTRIBUTE_NAME, pathProblem, textProblem, titleProblem } from './text-checks';
import { selectorProblem } from './selector-check';
import { at, siteWhere, type PackProblem } from './types';

const SELECTOR_FIELDS = ['avatars', 'names', 'handles', 'mentions', 'locations', 'locationText', 'shadowHosts', 'self'] as const;
const RULE_KEYS = new Set(['id', 'name', 'hosts', ...SELECTOR_FIELDS, 'attributes', 'titles', 'identity']);
const SITE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface SiteContext {
  builtIn: Readonly<Record<string, SiteRule>>;
  /** Hosts of the pack's new sites read so far, to refuse two sites claiming one host. */
  claimed: Map<string, string>;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function readSiteRule(siteId: string, raw: unknown, context: SiteContext): { rule?: SiteRule; problems: PackProblem[] } {
  const base = siteWhere(siteId);
  const problems: PackProblem[] = [];
  const error = (where: string, message: string) => problems.push({ severity: 'error', where, message, siteId });
  if (!SITE_ID.test(siteId)) {
    error(base, 'is not a site id (lowercase letters, digits and dashes, at most 40)');
    return { problems };
  }
  if (!isPlainObject(raw)) {
    error(base, 'expected a rule (an object)');
    return { problems };
  }
  for (const key of Object.keys(raw)) {
    if (!RULE_KEYS.has(key)) problems.push({ severity: 'notice', where: at(base, key), message: 'unknown key dropped', siteId });
  }
  const builtIn = Object.hasOwn(context.builtIn, siteId) ? context.builtIn[siteId] : undefined;
  const rule: Record<string, unknown> = { id: siteId };

  if (raw.id !== undefined && raw.id !== siteId) error(at(base, 'id'), `${JSON.stringify(raw.id)} does not match the site's key "${siteId}"`);
  const name = readName(raw.name, at(base, 'name'), builtIn, error);
  if (name !== undefined) rule.name = name;
  const hosts = readHosts(raw.hosts, at(base, 'hosts'), siteId, builtIn, context, error);
  if (hosts) rule.hosts = hosts;

  for (const field of SELECTOR_FIELDS) {
    const list = readList(raw[field], at(base, field), LIMITS.selectorsPerField, 'selectors', selectorProblem, error);
    if (list) rule[field] = list;
  }
  const attributes = readList<unknown>(raw.attributes, at(base, 'attributes'), LIMITS.selectorsPerField, 'targets', () => undefined, error);
  if (attributes) rule.attributes = attributes.map((item, i) => readAttributeTarget(item, at(at(base, 'attributes'), i), problems, siteId));
  const titles = readList(raw.titles, at(base, 'titles'), LIMITS.titles, 'title shapes', titleProblem, error);
  if (titles) rule.titles = titles;
  if (raw.identity !== undefined) rule.identity = readIdentity(raw.identity, at(base, 'identity'), problems, siteId);

  if (problems.some((p) => p.severity === 'error')) return { problems };
  // The last word is the app's own schema: nothing reaches storage that a saved user rule could not be.
  const checked = SiteRuleSchema.safeParse(rule);
  if (!checked.success) {
    for (const issue of describeIssues(checked.error)) error(base, issue);
    return { problems };
  }
  if (!builtIn) for (const host of checked.data.hosts) context.claimed.set(host, siteId);
  return { rule: checked.data, problems };
}

type Report = (where: string, message: string) => void;

function readName(value: unknown, where: string, builtIn: SiteRule | undefined, error: Report): string | undefined {
  if (value === undefined) {
    if (!builtIn) error(where, 'is required for a site that is not built in');
    return builtIn?.name;
  }
  const problem = textProblem(value, 60);
  if (problem) error(where, problem);
  return problem ? undefined : (value as string).trim();
}

function readHosts(value: unknown, where: string, siteId: string, builtIn: SiteRule | undefined, context: SiteContext, error: Report): string[] | undefined {
  if (value === undefined) {
    if (!builtIn) error(where, 'is required for a site that is not built in');
    return builtIn ? [...builtIn.hosts] : undefined;
  }
  const hosts = readList(value, where, LIMITS.hosts, 'hosts', hostProblem, error);
  if (!hosts) return undefined;
  if (hosts.length === 0) {
    error(where, 'needs at least one host');
    return undefined;
  }
  if (builtIn) {
    const same = hosts.length === builtIn.hosts.length && hosts.every((host) => builtIn.hosts.includes(host));
    if (same) return hosts;
    error(where, `differ from the built-in site "${siteId}" (${builtIn.hosts.join(', ')}); a pack cannot point a built-in site at other hosts`);
    return undefined;
  }
  let ok = true;
  hosts.forEach((host, i) => {
    const owner = Object.values(context.builtIn).find((rule) => rule.hosts.some((h) => hostCovers(h, host) || hostCovers(host, h)));
    const claimedBy = [...context.claimed].find(([h]) => hostCovers(h, host) || hostCovers(host, h))?.[1];
    if (owner) error(at(where, i), `"${host}" belongs to the built-in site "${owner.id}"; a pack changes that site under its own id`);
    else if (claimedBy) error(at(where, i), `"${host}" is already claimed by the site "${claimedBy}" in this pack`);
    ok &&= !owner && !claimedBy;
  });
  return ok ? hosts : undefined;
}

/** A list whose items are all good, or undefined after reporting why not (the list and each bad item). */
function readList<T = string>(value: unknown, where: string, max: number, noun: string, check: (item: unknown) => string | undefined, error: Report): T[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    error(where, `expected a list of ${noun}`);
    return undefined;
  }
  if (value.length > max) {
    error(where, `has ${value.length} ${noun}; at most ${max}`);
    return undefined;
  }
  let ok = true;
  value.forEach((item, i) => {
    const problem = check(item);
    if (problem) error(at(where, i), problem);
    ok &&= !problem;
  });
  return ok ? (value as T[]) : undefined;
}

function readAttributeTarget(raw: unknown, where: string, problems: PackProblem[], siteId: string): AttributeTarget {
  const error: Report = (w, message) => problems.push({ severity: 'error', where: w, message, siteId });
  if (!isPlainObject(raw)) {
    error(where, 'expected { selector, names }');
    return { selector: '', names: [] };
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'selector' && key !== 'names') problems.push({ severity: 'notice', where: at(where, key), message: 'unknown key dropped', siteId });
  }
  const selector = selectorProblem(raw.selector);
  if (selector) error(at(where, 'selector'), selector);
  const names = readList(raw.names, at(where, 'names'), 10, 'attribute names', attributeNameProblem, error);
  if (raw.names === undefined || names?.length === 0) error(at(where, 'names'), 'needs at least one attribute name');
  return { selector: raw.selector as string, names: names ?? [] };
}

function readIdentity(raw: unknown, where: string, problems: PackProblem[], siteId: string): IdentityKeySource {
  const error: Report = (w, message) => problems.push({ severity: 'error', where: w, message, siteId });
  const identity: IdentityKeySource = {};
  if (!isPlainObject(raw)) {
    error(where, 'expected { hrefPaths, attribute }');
    return identity;
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'hrefPaths' && key !== 'attribute') problems.push({ severity: 'notice', where: at(where, key), message: 'unknown key dropped', siteId });
  }
  const hrefPaths = readList(raw.hrefPaths, at(where, 'hrefPaths'), 10, 'path shapes', pathProblem, error);
  if (hrefPaths) identity.hrefPaths = hrefPaths;
  if (raw.attribute !== undefined) {
    const problem = typeof raw.attribute === 'string' && ATTRIBUTE_NAME.test(raw.attribute) ? undefined : 'is not an attribute name';
    if (problem) error(at(where, 'attribute'), problem);
    else identity.attribute = raw.attribute as string;
  }
  return identity;
}
