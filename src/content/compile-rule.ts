import type { Category, SiteRule } from '../shared/site-rule';

/** How an element matched by a rule is masked. */
export type MaskKind = 'avatar' | 'avatar-part' | 'name' | 'handle' | 'mention' | 'location' | 'attribute';

export interface CompiledPart {
  kind: MaskKind;
  selector: string;
  /** For 'attribute': the attribute names to rewrite. */
  attributes?: string[];
}

/** A rule turned into what the engine runs: valid selectors only, one part per kind, one query per added subtree. */
export interface CompiledRule {
  /** Everything to mask, as one selector list (one native query per added subtree). */
  any: string;
  /** `any`, less what is marked as an identity already (links, texts and emoji marked on the way still count). */
  anyUnmasked: string;
  parts: CompiledPart[];
  locationText: string;
  shadowHosts: string;
  self: string;
  titles: RegExp[];
  /** Where a stable per-person key is read (pseudonyms, own handles). */
  identity: { attribute: string | null; hrefPaths: string[] };
  /** Mask names already seen on the page inside any other text too (the textNames category). */
  textNames: boolean;
  /** Attributes whose change by the page must be re-masked. */
  watchedAttributes: string[];
  /** Selectors dropped because they do not parse, with the reason: reported, never fatal. */
  problems: string[];
}

/**
 * Where an avatar box's pictures can hide: its images, SVG images, inline backgrounds. <picture>
 * sources need nothing: the artwork is drawn over the <img> whatever source it picked.
 */
const AVATAR_INSIDE = ['img', 'image', '[style*="background"]'];

const probe = () => document.createDocumentFragment();

/**
 * Whether what a selector matches can hold pictures: not an <img> or a <source>, which never have
 * children. Most avatars are an <img>; without this, every element of every added subtree would be
 * tried against three more selectors that can never match.
 */
function mayHoldPictures(selector: string): boolean {
  const last = lastCompound(selector);
  return last === null || !/^(img|source)(?![\w-])/i.test(last);
}

/** A selector as the left-hand side of a descendant combinator: a list ("img.a, .b") goes in :is(). */
function inList(selector: string): string {
  return lastCompound(selector) === null ? `:is(${selector})` : selector;
}

/** The last compound selector of a complex one ("a > img.avatar" → "img.avatar"); null for a selector list. */
function lastCompound(selector: string): string | null {
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && c === ',') return null;
    else if (depth === 0 && /[\s>+~]/.test(c)) start = i + 1;
  }
  return selector.slice(start).trim();
}

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

/**
 * Escapes a title shape's literal text and turns {name}/{handle} into lazy groups (rewritten) and
 * {text} into free text that is kept: "{name} on Instagram: {text}" for a post's caption.
 */
function titlePattern(shape: string): RegExp {
  const source = shape
    .split(/(\{name\}|\{handle\}|\{text\})/)
    .map((piece) => {
      if (piece === '{name}' || piece === '{handle}') return '(.+?)';
      if (piece === '{text}') return '[\\s\\S]*';
      return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

export function compileRule(rule: SiteRule, categories: Record<Category, boolean>): CompiledRule {
  const problems: string[] = [];
  const parts: CompiledPart[] = [];
  // One selector list per kind: the engine tests each added element once per kind, not once per selector.
  const add = (kind: MaskKind, list: string[]) => {
    if (list.length) parts.push({ kind, selector: list.join(', ') });
  };
  const at = (field: string) => `rule "${rule.id}" ${field}`;

  if (categories.avatars) {
    const boxes = validSelectors(rule.avatars, at('avatars'), problems);
    add('avatar', boxes);
    add('avatar-part', boxes.filter(mayHoldPictures).flatMap((box) => AVATAR_INSIDE.map((inside) => `${inList(box)} ${inside}`)));
  }
  if (categories.names) add('name', validSelectors(rule.names, at('names'), problems));
  if (categories.handles) add('handle', validSelectors(rule.handles, at('handles'), problems));
  if (categories.mentions) add('mention', validSelectors(rule.mentions, at('mentions'), problems));
  if (categories.locations) add('location', validSelectors(rule.locations, at('locations'), problems));
  for (const [i, target] of (rule.attributes ?? []).entries()) {
    for (const selector of validSelectors([target.selector], at(`attributes[${i}]`), problems)) {
      parts.push({ kind: 'attribute', selector, attributes: target.names });
    }
  }

  const any = parts.map((part) => part.selector).join(', ');
  return {
    any,
    anyUnmasked: any && `:is(${any}):not([data-momo]:not([data-momo="label"], [data-momo="text"], [data-momo="hidden"]))`,
    parts,
    locationText: categories.locations ? validSelectors(rule.locationText, at('locationText'), problems).join(', ') : '',
    shadowHosts: validSelectors(rule.shadowHosts, at('shadowHosts'), problems).join(', '),
    self: validSelectors(rule.self, at('self'), problems).join(', '),
    titles: categories.title ? (rule.titles ?? []).map(titlePattern) : [],
    identity: { attribute: rule.identity?.attribute ?? null, hrefPaths: rule.identity?.hrefPaths ?? [] },
    textNames: categories.textNames,
    watchedAttributes: [
      ...new Set(['src', 'srcset', 'style', 'alt', 'title', 'aria-label', 'href', ...(rule.attributes ?? []).flatMap((t) => t.names)]),
    ],
    problems,
  };
}

/**
 * CSS that keeps a rule's identity elements invisible until the engine has masked them (it marks
 * them with data-momo). Shipped as the manifest stylesheet of the rule's site, so it applies from
 * the first byte the page paints; `html[data-momo-off]` lifts it when masking is off there, and
 * `html[data-momo-reveal~=<category>]` when the user keeps that category visible.
 */
export function hidingStylesheet(rule: SiteRule): string {
  const groups: [Category, string[] | undefined][] = [
    ['avatars', rule.avatars],
    ['names', rule.names],
    ['handles', rule.handles],
    ['mentions', rule.mentions],
    ['locations', rule.locations],
  ];
  const guarded = groups.flatMap(([category, selectors]) =>
    (selectors ?? []).map(
      (s) => `html:not([data-momo-off]):not([data-momo-reveal~="${category}"]) ${appendable(s) ? s : `:is(${s})`}:not([data-momo]):not([contenteditable] *)`,
    ),
  );
  if (guarded.length === 0) return '';
  return `${guarded.join(',\n')} {\n  opacity: 0 !important;\n}\n`;
}

/**
 * Whether the guards can be appended to the selector itself rather than to `:is(selector)`: the
 * browser files a rule under its last compound's tag, class or attribute and tries it only on such
 * elements, where a rule ending in `:is(…)` is tried on every element of the page at every style
 * recalculation. Not for a selector list, a pseudo-element, or one that names the root itself.
 */
function appendable(selector: string): boolean {
  return !selector.includes('::') && !/^\s*(html|:root)\b/i.test(selector) && lastCompound(selector) !== null;
}
