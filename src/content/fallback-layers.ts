/**
 * Layers of evidence beyond a site's structural selectors, so a redesign or a view nobody wrote a
 * selector for does not show people (issue "pages nobody has seen"):
 * - profile-picture addresses: compiled into the rule's avatar parts (shared/rule/avatar-urls.ts);
 * - profile links: a link whose address is exactly a person's profile (the rule's identity path
 *   shapes) and whose text is short is a name, or a handle when it reads "@…" or the key;
 * - learned names: every name and handle masked anywhere on the page is scrubbed from the alt,
 *   title and aria-label of what the page adds (and the tab title: mask-engine.ts);
 * - place names: location labels cut from any short text (shared/location-labels.ts), not only in
 *   the rule's location scopes.
 * Each works on what the page adds, like the rest of the engine: its cost grows with the nodes added.
 */
import { hostCovers } from '../shared/host-match';
import { cutLocationLabels, mayHoldLocationLabel } from '../shared/location-labels';
import type { ProfileLinks } from './compile-rule';
import { MARK } from './masker';

/** Content that makes a link a card, a post or a menu, not a name. */
const NOT_A_NAME = 'p, li, ul, ol, h1, h2, h3, h4, h5, h6, article, section, blockquote, table, time, video, picture, img:not([alt]):not([src*="emoji" i])';
const EDGES = /^[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+|[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/g;
/** A name is short: longer link text is a title, a post, a sentence. */
const MAX_NAME = 50;

/**
 * The key of the person `href` is the profile page of, or null: the address must be on one of the
 * site's hosts and be exactly a path shape ("/user/{key}"), with nothing after the key but a slash
 * or a query; "/bob/status/1" (a post) and "/hashtag/x" (a tag) are not profiles.
 */
export function profileKey(href: string, base: string, links: ProfileLinks): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (!links.hosts.some((host) => hostCovers(host, url.hostname))) return null;
  const path = `${url.pathname}${url.search}`;
  for (const shape of links.shapes) {
    const at = shape.indexOf('{key}');
    const prefix = shape.slice(0, at);
    const suffix = shape.slice(at + '{key}'.length);
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const end = rest.search(/[/?&]/);
    const key = end < 0 ? rest : rest.slice(0, end);
    let tail = end < 0 ? '' : rest.slice(end);
    if (suffix && tail.startsWith(suffix)) tail = tail.slice(suffix.length);
    const inQuery = prefix.includes('?');
    if (!key || !(tail === '' || tail === '/' || tail.startsWith(inQuery ? '&' : '?') || (!inQuery && tail.startsWith('/?')))) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(key).toLowerCase();
    } catch {
      decoded = key.toLowerCase();
    }
    if (!links.notKeys.has(decoded)) return decoded;
  }
  return null;
}

/** How a profile link is masked: "handle" when its text is "@…", "u/…" or the key itself, "name" otherwise; null when it is no name. */
export function profileLinkKind(link: Element, key: string): 'name' | 'handle' | null {
  const text = (link.textContent ?? '').replace(EDGES, '');
  if (!text || text.length > MAX_NAME || text.includes('\n') || link.querySelector(NOT_A_NAME)) return null;
  const bare = text.replace(/^(?:@|\/?u\/)/, '').toLowerCase();
  return text !== bare || bare === key ? 'handle' : 'name';
}

/** The profile links in `top` (and `top` itself) that are not masked yet, with their key and kind. */
export function* unmaskedProfileLinks(top: Element | Document | ShadowRoot, links: ProfileLinks, base: string): Generator<[Element, 'name' | 'handle']> {
  const found = top.nodeType === Node.ELEMENT_NODE && (top as Element).matches(links.candidates) ? [top as Element] : [];
  for (const link of [...found, ...top.querySelectorAll(links.candidates)]) {
    if (link.hasAttribute(MARK) && link.getAttribute(MARK) !== 'label') continue;
    // A masked identity inside (the name block around it was caught): the link is done.
    if (link.querySelector(`[${MARK}="name"], [${MARK}="handle"]`)) continue;
    const key = profileKey(link.getAttribute('href') ?? '', base, links);
    const kind = key && profileLinkKind(link, key);
    if (kind && (kind === 'name' ? links.names : links.handles)) yield [link, kind];
  }
}

/** A matcher for the names learned so far, rebuilt only when more were learned. */
export class LearnedNames {
  private upTo = 0;
  private pattern: RegExp | null = null;
  private readonly names: string[] = [];

  /** `seenNames` in the order they were learned; `shownAs` what each became. */
  constructor(
    private readonly seenNames: readonly string[],
    private readonly shownAs: ReadonlyMap<string, string>,
  ) {}

  /** `value` with every learned name in it replaced by what it was shown as. */
  rewrite = (value: string): string => {
    const pattern = this.current();
    if (!pattern) return value;
    pattern.lastIndex = 0;
    return value.replace(pattern, (found) => this.shownAs.get(found) ?? this.shownAs.get(`@${found}`) ?? found);
  };

  private current(): RegExp | null {
    if (this.upTo === this.seenNames.length) return this.pattern;
    // The masker forgot what it had seen (the persona changed): start again.
    if (this.upTo > this.seenNames.length) {
      this.upTo = 0;
      this.names.length = 0;
      this.pattern = null;
    }
    for (let i = this.upTo; i < this.seenNames.length; i++) {
      const name = this.seenNames[i];
      // One or two Latin letters are words, not names; two CJK characters are a name.
      if (name.length >= 3 || (name.length === 2 && /[^\x00-\x7f]/.test(name))) this.names.push(name);
    }
    this.upTo = this.seenNames.length;
    if (!this.names.length) return null;
    // Longest first, so "Ann Lee" wins over "Ann"; a Latin name only as a whole word.
    const alternatives = [...this.names]
      .sort((a, b) => b.length - a.length)
      .map((name) => {
        const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const before = /^[A-Za-z0-9]/.test(name) ? '(?<![\\p{L}\\p{N}])' : '';
        const after = /[A-Za-z0-9]$/.test(name) ? '(?![\\p{L}\\p{N}])' : '';
        return `${before}${escaped}${after}`;
      });
    this.pattern = new RegExp(alternatives.join('|'), 'gu');
    return this.pattern;
  }
}

/** Elements under `top` (and `top`) that carry a label attribute and are no identity themselves. */
export function* unmarkedLabelled(top: Element | Document | ShadowRoot): Generator<Element> {
  const selector = `[alt], [title], [aria-label]`;
  if (top.nodeType === Node.ELEMENT_NODE && (top as Element).matches(selector) && !(top as Element).hasAttribute(MARK)) yield top as Element;
  for (const el of top.querySelectorAll(selector)) if (!el.hasAttribute(MARK)) yield el;
}

/** The parents of short text nodes under `top` that may hold a location label, for the place-name layer. */
export function* placeLabelScopes(top: Element | Document | ShadowRoot, doc: Document): Generator<Element> {
  const walker = doc.createTreeWalker(top, NodeFilter.SHOW_TEXT);
  const scopes = new Set<Element>();
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const data = node.data;
    if (data.length > 120 || !mayHoldLocationLabel(data)) continue;
    const parent = node.parentElement;
    if (!parent || scopes.has(parent) || parent.closest('script, style, textarea, title')) continue;
    if (cutLocationLabels(data) === data) continue;
    scopes.add(parent);
    yield parent;
  }
}
