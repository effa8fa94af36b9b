import { MASKED_FIELDS, type Category, type MaskKind as FieldMaskKind, type SiteRule } from '../shared/rule/fields';
import { avatarUrlEngineSelectors, avatarUrlSelectors, holdsPart } from '../shared/rule/avatar-urls';
import { firstCompound } from '../shared/rule/selector-text';
import type { Anchors } from './anchors';
import { MARK } from './masker';

/** How an element matched by a rule is masked: a field's kind, a picture inside an avatar box, or an attribute target. */
export type MaskKind = FieldMaskKind | 'avatar-part' | 'attribute';

export interface CompiledPart {
  kind: MaskKind;
  /** `list` as one selector list. */
  selector: string;
  list: string[];
  /** For 'attribute': the attribute names to rewrite. */
  attributes?: string[];
  /** A layer of evidence beyond the site's structure (profile-picture addresses): what it alone catches is counted as the fallback's. */
  fallback?: true;
}

/** The profile-link layer: links whose address is exactly a person's profile (content/fallback-layers.ts). */
export interface ProfileLinks {
  /** Links that may be profile links (by the shapes' fixed start); each is then checked in full. */
  candidates: string;
  shapes: string[];
  /** Keys the shapes fit that are the site's own pages, lowercase. */
  notKeys: ReadonlySet<string>;
  /** The rule's hosts: a profile link points at one of them. */
  hosts: string[];
  names: boolean;
  handles: boolean;
}

/** A rule turned into what the engine runs: valid selectors only, one part per kind, one query per added subtree. */
export interface CompiledRule {
  /** Everything to mask, as one selector list (one native query per added subtree). */
  any: string;
  /** `any`, less what is marked as an identity already (links, texts and emoji marked on the way still count). */
  anyUnmasked: string;
  parts: CompiledPart[];
  /** Which selectors a subtree can match, by the first compounds it has (anchors.ts). */
  anchors: Anchors;
  locationText: string;
  shadowHosts: string;
  self: string;
  /** Role marks ("OP", "楼主") a masked name keeps in pseudonym mode. */
  roles: string;
  titles: TitleShape[];
  /** The site's own sentences that name people (fallback-layers.ts textLayers). */
  textShapes: TitleShape[];
  /** Links to what people made (the madeBy field), and the shapes of the maker's bracketed name after one. */
  makers: { links: string; shapes: TitleShape[] } | null;
  /**
   * Where a stable per-person key is read (pseudonyms, own handles). notKeys: the profile links'
   * (the same set): a path shape fits them, but no one is keyed by them.
   */
  identity: { attribute: string | null; hrefPaths: string[]; notKeys: ReadonlySet<string> };
  /** Mask names already seen on the page inside any other text too (the textNames category). */
  textNames: boolean;
  profileLinks: ProfileLinks | null;
  /** Scrub learned names from labels and cut place labels anywhere (the learned-names and place-name layers). */
  labels: boolean;
  /** "@handle" in those labels is a mention (the mentions category). */
  labelMentions: boolean;
  places: boolean;
  /** Attributes whose change by the page must be re-masked. */
  watchedAttributes: string[];
  /** Selectors dropped because they do not parse, with the reason: reported, never fatal. */
  problems: string[];
  /** Each identity selector on its own, with its field: what the engine times when a query turns slow. */
  selectors: { field: string; selector: string }[];
}

const probe = () => document.createDocumentFragment();

function validSelectors(list: readonly string[] | undefined, where: string, problems: string[]): string[] {
  const ok: string[] = [];
  for (const selector of list ?? []) {
    try {
      probe().querySelector(selector);
      ok.push(selector);
    } catch {
      problems.push(`${where}: "${selector}" is not a valid CSS selector; skipped`);
    }
  }
  return ok;
}

/** A title or text shape as the engine runs it: the pattern, and what each of its groups is. */
export interface TitleShape {
  pattern: RegExp;
  /** "known": a name the page has named elsewhere, the only text such a hole fits (fallback-layers.ts fits). */
  kinds: ('name' | 'handle' | 'known')[];
  /**
   * The shape's own words: a text that fits it holds each, and so does any longer text around that
   * one. Not the pattern unanchored: its lazy holes try every start, and a text without the words
   * took time by the square of its length.
   */
  words: string[];
}

/**
 * Escapes a shape's literal text and turns {name}/{handle}/{known} into lazy groups (rewritten), {text}
 * into free text that is kept ("{name} on Instagram: {text}" for a post's caption) and {n} into a
 * number that is kept ("{n} mutual friends including {name} and {name}"). Spaces
 * around the whole are allowed ("alice commented " before a <relative-time>); the groups' places
 * are kept (flag d) so only they are rewritten.
 */
function shapePattern(shape: string): TitleShape {
  const kinds: TitleShape['kinds'] = [];
  const pieces = shape.split(/(\{name\}|\{handle\}|\{known\}|\{text\}|\{n\})/);
  const source = pieces
    .map((piece) => {
      if (piece === '{name}' || piece === '{handle}' || piece === '{known}') {
        kinds.push(piece.slice(1, -1) as TitleShape['kinds'][number]);
        return '(.+?)';
      }
      if (piece === '{text}') return '[\\s\\S]*';
      if (piece === '{n}') return '\\d[\\d.,]*';
      return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  // split() puts the holes at odd places.
  const words = pieces.filter((piece, i) => i % 2 === 0 && piece);
  return { pattern: new RegExp(`^\\s*${source}\\s*$`, 'd'), kinds, words };
}

export function compileRule(rule: SiteRule, categories: Record<Category, boolean>): CompiledRule {
  const problems: string[] = [];
  const parts: CompiledPart[] = [];
  // One selector list per kind: the engine tests each added element once per kind, not once per selector.
  // Lists here are joined by a bare "," (join()): the size-bound content script writes it a dozen times.
  const add = (kind: MaskKind, list: string[], fallback = false) => {
    if (list.length) parts.push({ kind, selector: list.join(), list, ...(fallback ? { fallback: true as const } : {}) });
  };
  const at = (field: string) => `rule "${rule.id}" ${field}`;
  const notKeys = new Set((rule.identity?.notKeys ?? []).map((key) => key.toLowerCase()));

  const each: { field: string; selector: string }[] = [];
  for (const field of MASKED_FIELDS) {
    if (!categories[field.category]) continue;
    const selectors = validSelectors(rule[field.key], at(field.key), problems);
    for (const selector of selectors) each.push({ field: field.key, selector });
    // An avatar box's pictures are masked with it (masker.ts), not looked for by selectors of their
    // own: three per box ("box img", "box image", …) were a third of X's query.
    add(field.mask, selectors);
  }
  if (categories.avatars) {
    const byAddress = [...avatarUrlSelectors(rule.avatarUrls), ...avatarUrlEngineSelectors(rule.avatarUrls)];
    add('avatar', validSelectors(byAddress, at('avatarUrls'), problems), true);
  }
  if (categories.names && rule.avatarUrls?.length) {
    // A drawn picture's label says whose it is: Facebook's <svg role="img" aria-label="Name"> around an avatar's <image>.
    const labelled = `svg[aria-label]:has(${rule.avatarUrls.map((part) => `image${holdsPart('*|href', part)}`)})`;
    for (const selector of validSelectors([labelled], at('avatarUrls'), problems)) parts.push({ kind: 'attribute', selector, list: [selector], attributes: ['aria-label'] });
  }
  for (const [i, target] of (rule.attributes ?? []).entries()) {
    for (const selector of validSelectors([target.selector], at(`attributes[${i}]`), problems)) {
      parts.push({ kind: 'attribute', selector, list: [selector], attributes: target.names });
    }
  }

  const any = parts.map((part) => part.selector).join();
  return {
    any,
    anyUnmasked: any && `:is(${any}):not([${MARK}]:not([${MARK}="label"], [${MARK}="text"], [${MARK}="hidden"]))`,
    parts,
    anchors: anchorsOf(parts),
    locationText: categories.locations ? validSelectors(rule.locationText, at('locationText'), problems).join() : '',
    shadowHosts: validSelectors(rule.shadowHosts, at('shadowHosts'), problems).join(),
    self: validSelectors(rule.self, at('self'), problems).join(),
    roles: validSelectors(rule.roles, at('roles'), problems).join(),
    titles: categories.title ? (rule.titles ?? []).map(shapePattern) : [],
    textShapes: categories.names ? (rule.textShapes ?? []).map(shapePattern) : [],
    makers:
      categories.names && rule.madeBy?.length
        ? {
            links: validSelectors(
              rule.madeBy.map((part) => `a[href*="${cssString(part)}"]`),
              at('madeBy'),
              problems,
            ).join(),
            shapes: ['({name})', '（{name}）'].map(shapePattern),
          }
        : null,
    identity: { attribute: rule.identity?.attribute ?? null, hrefPaths: rule.identity?.hrefPaths ?? [], notKeys },
    textNames: categories.textNames,
    profileLinks: categories.names || categories.handles ? profileLinks(rule, categories, notKeys) : null,
    labels: categories.names || categories.handles,
    labelMentions: categories.mentions,
    places: categories.locations,
    watchedAttributes: [...new Set(['src', 'srcset', 'style', 'alt', 'title', 'aria-label', 'href', ...(rule.attributes ?? []).flatMap((t) => t.names)])],
    problems,
    selectors: each,
  };
}

function anchorsOf(parts: CompiledPart[]): Anchors {
  const list: string[] = [];
  const of = parts.map((part) =>
    part.list.map((selector) => {
      const first = firstCompound(selector);
      // Not one that nearly every subtree has ("a[href^='/']", "picture"): it would skip nothing and cost a
      // test of every compound on each of its many matches. Nor one this browser cannot read: the one
      // query of them all would throw. The selector is then never skipped.
      if (first === null || !/[#.]|="[^"]{3}/.test(first) || !validSelectors([first], '', []).length) return -1;
      if (!list.includes(first)) list.push(first);
      return list.indexOf(first);
    }),
  );
  return { list, all: list.join(), of, made: new Map() };
}

/** A CSS string's content: the path shapes are checked text, but may hold a quote. */
const cssString = (text: string) => text.replace(/["\\]/g, '\\$&');

function profileLinks(rule: SiteRule, categories: Record<Category, boolean>, notKeys: ReadonlySet<string>): ProfileLinks | null {
  const shapes = rule.identity?.hrefPaths ?? [];
  if (!shapes.length) return null;
  // The literal start of each shape, up to its key or its first "*" segment.
  const starts = [...new Set(shapes.map((shape) => shape.slice(0, shape.indexOf('{key}')).split('*')[0]))];
  const candidates = starts.includes('/') ? 'a[href]' : starts.map((start) => `a[href*="${cssString(start)}"]`).join();
  return {
    candidates,
    shapes,
    notKeys,
    hosts: rule.hosts,
    names: categories.names,
    handles: categories.handles,
  };
}
