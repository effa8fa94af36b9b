/**
 * The rule pack as data, and how a reading of one reports what it refused. Kept apart from the
 * checks so the options page can import the types without pulling in css-what or the public suffix list.
 */
import type { SiteRule } from '../rule/fields';

export const PACK_FORMAT = 'momo-pack';
export const PACK_VERSION = 1;

/** Caps that keep a pack small enough to read, preview and store without thinking twice. */
export const PACK_LIMITS = {
  /** The pack's JSON text, in UTF-8 bytes (also the cap when a share code is unpacked). */
  bytes: 256 * 1024,
  sites: 50,
  disabledSites: 200,
  titleLength: 80,
  authorLength: 60,
  descriptionLength: 500,
  packVersionLength: 20,
  changelogLength: 200,
  /** How deep the JSON may nest: a rule needs 4 levels below a site, the pack 3 above. */
  depth: 12,
} as const;

export interface PackMeta {
  title: string;
  author?: string;
  description?: string;
  /** The author's own version of the pack ("1.2"), shown to the user only. */
  packVersion?: string;
  /** One line on what this version changed, for subscribers ("adds the new byline"). */
  changelog?: string;
  /** ISO 8601 date-time the pack was made. */
  created: string;
}

export interface MomoPack {
  format: typeof PACK_FORMAT;
  version: typeof PACK_VERSION;
  meta: PackMeta;
  /** Rules by site id: built-in sites overridden, or new sites (which then carry their hosts). */
  sites: Record<string, SiteRule>;
  /** Sites the author switched masking off on. */
  disabledSites?: string[];
}

/**
 * One thing a reading refused ("error": left out of the pack) or quietly dropped ("notice": an
 * unknown key). `where` is a path into the pack, "sites.x.names[2]"; `siteId` groups a site's problems.
 */
export interface PackProblem {
  severity: 'error' | 'notice';
  where: string;
  message: string;
  siteId?: string;
}

/** What reading a pack gives: the valid parts (none when the pack is refused as a whole) and every problem. */
export interface PackReading {
  pack?: MomoPack;
  problems: PackProblem[];
}

export const problemText = (problem: PackProblem): string => `${problem.where}: ${problem.message}`;

/**
 * A path one step deeper: "names" + 2 → "names[2]", "meta" + "title" → "meta.title". A key that is
 * not a plain word is quoted, so a hostile key cannot make a path read like another one.
 */
export function at(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (!/^[\w$-]+$/.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base ? `${base}.${key}` : key;
}

export const siteWhere = (siteId: string): string => at('sites', siteId);
