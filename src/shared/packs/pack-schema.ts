/**
 * Reads a rule pack from untrusted JSON (a file, a pasted text, a share code) without throwing:
 * every refusal comes back with what and where, and what is valid comes back as a pack, so an
 * import can list invalid items one by one and still offer the rest. Whole-pack refusals are the
 * ones that make the rest untrustworthy: not a pack, a newer format, too big, prototype keys,
 * a missing title or date, too many sites.
 */
import type { SiteRule } from '../rule/fields';
import { isPlainObject } from '../rule/check';
import { readSiteRule, type SiteContext } from './rule-check';
import { forbiddenText, hiddenCharacter, walkKeys } from './safe-text';
import { at, PACK_FORMAT, PACK_LIMITS, PACK_VERSION, type MomoPack, type PackMeta, type PackProblem, type PackReading } from './types';

const PACK_KEYS = new Set(['format', 'version', 'meta', 'sites', 'disabledSites']);
const META_KEYS = new Set(['title', 'author', 'description', 'packVersion', 'changelog', 'created']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const SITE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export type BuiltInRules = Readonly<Record<string, SiteRule>>;

export const rulesById = (rules: readonly SiteRule[]): BuiltInRules => Object.fromEntries(rules.map((rule) => [rule.id, rule]));

export const utf8Length = (text: string): number => new TextEncoder().encode(text).length;
const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/** A pack file's text: size first (before parsing anything), then JSON, then the pack. */
export function readPackText(text: string, builtIn: BuiltInRules): PackReading {
  const bytes = utf8Length(text);
  if (bytes > PACK_LIMITS.bytes) return refuse('pack', `is ${kb(bytes)}; a pack is at most ${kb(PACK_LIMITS.bytes)}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return refuse('pack', `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return validatePack(raw, builtIn);
}

export function validatePack(raw: unknown, builtIn: BuiltInRules): PackReading {
  if (!isPlainObject(raw)) {
    const found = Array.isArray(raw) ? 'a list' : raw === null ? 'null' : typeof raw;
    return refuse('pack', `expected a Momo Mask rule pack (a JSON object), found ${found}`);
  }
  const unsafe = walkKeys(raw, PACK_LIMITS.depth);
  if (unsafe.length) return { problems: unsafe };
  const bytes = utf8Length(JSON.stringify(raw));
  if (bytes > PACK_LIMITS.bytes) return refuse('pack', `is ${kb(bytes)}; a pack is at most ${kb(PACK_LIMITS.bytes)}`);

  if (raw.format !== PACK_FORMAT) return refuse('format', `expected "${PACK_FORMAT}"; this is not a Momo Mask rule pack`);
  if (typeof raw.version === 'number' && raw.version > PACK_VERSION) {
    return refuse('version', `${raw.version} was made by a newer Momo Mask (this one reads version ${PACK_VERSION}); update the extension to import it`);
  }
  if (raw.version !== PACK_VERSION) return refuse('version', `expected ${PACK_VERSION}`);

  const problems: PackProblem[] = [];
  for (const key of Object.keys(raw)) if (!PACK_KEYS.has(key)) problems.push({ severity: 'notice', where: key, message: 'unknown key dropped' });
  const meta = readMeta(raw.meta, problems);
  const siteCount = isPlainObject(raw.sites) ? Object.keys(raw.sites).length : 0;
  if (!isPlainObject(raw.sites)) problems.push({ severity: 'error', where: 'sites', message: 'expected an object of rules by site id' });
  else if (siteCount > PACK_LIMITS.sites) problems.push({ severity: 'error', where: 'sites', message: `has ${siteCount} sites; at most ${PACK_LIMITS.sites}` });
  const sitesReadable = isPlainObject(raw.sites) && siteCount <= PACK_LIMITS.sites;
  // A pack without its name and date, or with more sites than the cap, is not read any further.
  if (!meta || !sitesReadable) return { problems };

  const context: SiteContext = { builtIn, claimed: new Map() };
  const sites: [string, SiteRule][] = [];
  for (const [siteId, value] of Object.entries(raw.sites as Record<string, unknown>)) {
    const read = readSiteRule(siteId, value, context);
    problems.push(...read.problems);
    if (read.rule) sites.push([siteId, read.rule]);
  }
  const pack: MomoPack = { format: PACK_FORMAT, version: PACK_VERSION, meta, sites: Object.fromEntries(sites) };
  const disabledSites = readDisabledSites(raw.disabledSites, problems);
  if (disabledSites) pack.disabledSites = disabledSites;
  return { pack, problems };
}

const refuse = (where: string, message: string): PackReading => ({ problems: [{ severity: 'error', where, message }] });

function readMeta(raw: unknown, problems: PackProblem[]): PackMeta | undefined {
  if (!isPlainObject(raw)) {
    problems.push({ severity: 'error', where: 'meta', message: 'expected { title, created, author?, description?, packVersion?, changelog? }' });
    return undefined;
  }
  for (const key of Object.keys(raw)) if (!META_KEYS.has(key)) problems.push({ severity: 'notice', where: at('meta', key), message: 'unknown key dropped' });
  const text = (key: keyof PackMeta, max: number, required: boolean, multiline = false): string | undefined => {
    const value = raw[key];
    if (value === undefined) {
      if (required) problems.push({ severity: 'error', where: at('meta', key), message: 'is required' });
      return undefined;
    }
    const problem = metaTextProblem(value, max, multiline);
    if (problem) problems.push({ severity: 'error', where: at('meta', key), message: problem });
    return problem ? undefined : (value as string).trim();
  };
  const title = text('title', PACK_LIMITS.titleLength, true);
  const created = text('created', 40, true);
  if (created !== undefined && !(ISO_DATE.test(created) && !Number.isNaN(Date.parse(created)))) {
    problems.push({ severity: 'error', where: 'meta.created', message: 'expected an ISO date such as "2025-01-31T12:00:00.000Z"' });
    return undefined;
  }
  if (title === undefined || created === undefined) return undefined;
  // The optional fields are only shown to the user: a bad one is left out, the pack is still read.
  const meta: PackMeta = { title, created };
  const author = text('author', PACK_LIMITS.authorLength, false);
  const description = text('description', PACK_LIMITS.descriptionLength, false, true);
  const packVersion = text('packVersion', PACK_LIMITS.packVersionLength, false);
  const changelog = text('changelog', PACK_LIMITS.changelogLength, false);
  if (author) meta.author = author;
  if (description) meta.description = description;
  if (packVersion) meta.packVersion = packVersion;
  if (changelog) meta.changelog = changelog;
  return meta;
}

function metaTextProblem(value: unknown, max: number, multiline: boolean): string | undefined {
  if (typeof value !== 'string') return 'expected text';
  if (value.trim() === '') return 'is empty';
  if (value.length > max) return `is longer than ${max} characters`;
  if ((multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(value)) return 'contains control characters';
  return hiddenCharacter(value) ?? forbiddenText(value);
}

function readDisabledSites(raw: unknown, problems: PackProblem[]): string[] | undefined {
  if (raw === undefined) return undefined;
  const error = (where: string, message: string) => problems.push({ severity: 'error', where, message });
  if (!Array.isArray(raw)) return void error('disabledSites', 'expected a list of site ids');
  if (raw.length > PACK_LIMITS.disabledSites) return void error('disabledSites', `has ${raw.length} site ids; at most ${PACK_LIMITS.disabledSites}`);
  const ids: string[] = [];
  raw.forEach((id, i) => {
    if (typeof id === 'string' && SITE_ID.test(id)) ids.push(id);
    else error(at('disabledSites', i), 'is not a site id (lowercase letters, digits and dashes, at most 40)');
  });
  return [...new Set(ids)];
}
