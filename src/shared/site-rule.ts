/**
 * A site rule: which elements on a site are identities, as plain data.
 * The same shape is used for built-in rules (src/rules/), rules the user writes,
 * and rules imported from packs; src/shared/rule-schema.ts validates it at those boundaries.
 * This file has no imports so the content script can use the type without zod.
 */
export interface SiteRule {
  /** Stable id, lowercase: "x", "reddit", "xiaohongshu". */
  id: string;
  /** Human name shown in the UI. */
  name: string;
  /** Host names the rule covers; each also covers its subdomains ("reddit.com" covers old.reddit.com). */
  hosts: string[];
  /** Avatar boxes: an <img>, <picture>, SVG <image>, an element with a background-image, or a box holding them. */
  avatars?: string[];
  /** Elements whose text is a display name. */
  names?: string[];
  /** Elements whose text is a handle ("@name", "u/name"). */
  handles?: string[];
  /** Links or spans inside post text that mention a person ("@name"). */
  mentions?: string[];
  /** Elements that show a location (profile location, "IP属地" chips): hidden. */
  locations?: string[];
  /** Scopes whose text may contain a location label ("IP属地：广东", "发布于 北京"): the label is cut out. */
  locationText?: string[];
  /** Attributes that hold an identity (custom elements, tooltips): their value becomes the persona. */
  attributes?: AttributeTarget[];
  /** Elements whose open shadow roots hold identities (searched and observed). */
  shadowHosts?: string[];
  /**
   * Tab title shapes: "{name}" and "{handle}" mark the identity, "{text}" free text that stays:
   * "{name} (@{handle}) / X", "{name} on Instagram: {text}".
   */
  titles?: string[];
  /** Where a stable per-person key is read, for pseudonym mode. */
  identity?: IdentityKeySource;
  /** Elements that name the signed-in user (their own identity wears their label). */
  self?: string[];
}

/** Sizes a rule is held to, wherever it comes from (checked by rule-schema.ts and the pack checks). */
export const LIMITS = { selectorLength: 400, selectorsPerField: 60, hosts: 20, titles: 10 } as const;

export interface AttributeTarget {
  selector: string;
  /** Attribute names, e.g. ["author", "aria-label"]. */
  names: string[];
}

export interface IdentityKeySource {
  /** Path shapes of profile links, "{key}" marking the key: "/{key}", "/user/profile/{key}". */
  hrefPaths?: string[];
  /** Or an attribute on the identity element or its nearest ancestor carrying it. */
  attribute?: string;
}

/**
 * The identity categories a user can switch on and off. "textNames" masks the names of people already
 * seen on the page inside post text too (off by default: it reads all text, and names can be words).
 */
export const CATEGORIES = ['avatars', 'names', 'handles', 'mentions', 'locations', 'title', 'textNames'] as const;
export type Category = (typeof CATEGORIES)[number];
