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
import { normalizeHandle } from '../shared/settings';
import { cutLocationLabels, mayHoldLocationLabel } from '../shared/location-labels';
import type { ProfileLinks, TitleShape } from './compile-rule';
import { baseOf, hrefPath, keyInPath } from './identity-key';
import { closestAbove, EDGE_CHAR, ELEMENT_NODE, LABEL_ATTRIBUTES, MARK, NAMED } from './masker';

/*
 * Selector lists in the content script are written without spaces after their commas: it is
 * size-bound (40 KiB), and the minifier copies a string constant into each of its uses.
 */

/**
 * Content that makes a link a list, a post or a menu, not a name. Pictures may be in it (the avatar
 * next to a name in one link: the picture layer masks it; emoji and badges in the name), and
 * paragraphs and headings (TikTok's suggested accounts hold the name in a <p>): the text is short.
 */
const NOT_A_NAME = 'li,ul,ol,article,section,blockquote,table,time,video';
/** A link that is a tab, a menu entry or a button ("Posts" on a profile) names a page, not its person. */
const NOT_A_PERSON = '[role="tab"],[role="menuitem"],[role="button"],[aria-selected]';
const EDGES = new RegExp(`^${EDGE_CHAR.source}+|${EDGE_CHAR.source}+$`, 'g');

/** `text` without spaces and bidi marks around it; most texts have none, and are returned without a regex pass (a twentieth of the masking's time on a feed). */
function trimEdges(text: string): string {
  return text && (atEdge(text, 0) || atEdge(text, text.length - 1)) ? text.replace(EDGES, '') : text;
}
/** Whether the character at `i` is a space or a bidi mark: printable ASCII, most of them, is told without a regex. */
function atEdge(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 33 || (code > 126 && EDGE_CHAR.test(text[i]));
}
/**
 * A link to a profile whose text says what it is, not who: "查看个人主页" on Weibo, "View profile".
 * Fixed in code like the location labels, not taken from rules.
 */
const PROFILE_CALL = /^(?:查看|进入|访问)?(?:个人)?主页$|^(?:view|visit|see|open|go to)\b.*\bprofile$|^profile$|^我$|^我的|^me$|^my /i;
/**
 * A count and what it counts, in the profile's stat links ("28万 微博" on a Weibo profile card, "1.2K
 * posts"): the number stands apart from the word. A name that starts with a number and a space
 * ("3 Doors Down") is left to the structural selectors.
 */
const COUNT = /^[\d.,]+\s*[万亿千wkmb]?\+?\s+\S/i;
/** How a handle is written: "@bob", "u/bob", "/u/bob". */
const HANDLE_PREFIX = /^(?:@|\/?u\/)/;
/** A name is short: longer link text is a title, a post, a sentence. */
const MAX_NAME = 50;
/** What holds no words of the page's to mask. */
export const NOT_TEXT = 'script,style,textarea,title';
/** The page's controls. Joined, not one literal: the minifier would write a literal out again at each use. */
export const CONTROLS = ['button,select,option,label', NOT_A_PERSON].join();
/**
 * Where a learned name's whole text is no name: what is masked already, code, links (the profile
 * links layer's), and the page's controls. A person may call themselves "Follow" or "关注": every
 * button reading it became "momo" (Stack Overflow's on each post, Weibo's and Xiaohongshu's).
 */
const NOT_LEARNED = `[${MARK}],${NOT_TEXT},a,${CONTROLS}`;
/** The texts the text layers read: a label line, a name, a sentence of the site's; a post's paragraph is longer. */
const SHORT_TEXT = 120;

/**
 * The key of the person `href` is the profile page of, or null: the address must be on one of the
 * site's hosts and be exactly a path shape ("/user/{key}"), with nothing after the key but a slash
 * or a query; "/bob/status/1" (a post) and "/hashtag/x" (a tag) are not profiles.
 */
export function profileKey(href: string, base: string, links: ProfileLinks): string | null {
  // A fragment makes it a place or an action on the page: "#" (Instagram's menu buttons, read against
  // a profile page's own address), Tieba's sign-in "main?id=…#stipsign".
  if (href.includes('#')) return null;
  const found = hrefPath(href, base);
  if (!found) return null;
  const page = baseOf(base).host;
  const host = found.host ?? page;
  // The page's own host or a site host itself (or its www. or m.): about.instagram.com/blog/ is a
  // blog, developers.facebook.com/docs/ documentation, not people called "blog" and "docs".
  if (host !== page && !links.hosts.includes(host.replace(/^(?:www|m)\./, ''))) return null;
  const { path } = found;
  for (const shape of links.shapes) {
    const key = keyInPath(path, shape, true);
    if (key && !links.notKeys.has(key)) return key;
  }
  return null;
}

/** How a profile link is masked: "handle" when its text is "@…", "u/…" or the key itself, "name" otherwise; null when it is no name. */
export function profileLinkKind(link: Element, key: string): 'name' | 'handle' | null {
  const text = trimEdges(link.textContent ?? '');
  if (!text || text.length > MAX_NAME || text.includes('\n') || PROFILE_CALL.test(text) || COUNT.test(text) || link.matches(NOT_A_PERSON) || link.querySelector(NOT_A_NAME))
    return null;
  const bare = text.replace(HANDLE_PREFIX, '');
  return text !== bare || bare.toLowerCase() === key ? 'handle' : 'name';
}

/**
 * Hands `mask` each profile link in `top` (and `top` itself) that is not masked yet, with its kind.
 * Callbacks, not a generator: the layers run on every subtree a page adds.
 */
export function maskProfileLinks(top: Element | Document | ShadowRoot, links: ProfileLinks, base: string, mask: (el: Element, kind: 'name' | 'handle') => void): void {
  if (top.nodeType === ELEMENT_NODE && (top as Element).matches(links.candidates)) maskProfileLink(top as Element, links, base, mask);
  for (const link of top.querySelectorAll(links.candidates)) maskProfileLink(link, links, base, mask);
}

function maskProfileLink(link: Element, links: ProfileLinks, base: string, mask: (el: Element, kind: 'name' | 'handle') => void): void {
  // A link a mention selector took whose text is no handle is a name: the selector was written for
  // links in post text, and the page put an author's link where it reaches (X's replies, issue 15).
  const mark = link.getAttribute(MARK);
  // A link with no text (an avatar's) names nobody: its address is not read.
  if ((mark && mark !== 'label' && mark !== 'mention') || !link.textContent!.trim()) return;
  const key = profileKey(link.getAttribute('href') ?? '', base, links);
  // A masked identity inside (the name in it was caught) or around it (X's name block holds the
  // link): the link is done.
  if (!key || link.querySelector(NAMED) || closestAbove(link, NAMED)) return;
  const kind = profileLinkKind(link, key);
  // "@bob" was masked as a mention; "Bob" or "bob" was not.
  if (mark === 'mention' && (!kind || HANDLE_PREFIX.test(trimEdges(link.textContent!)))) return;
  for (const [el, k] of kind ? [[link, kind] as const] : handleAndName(link, key)) if (k === 'name' ? links.names : links.handles) mask(el, k);
}

/**
 * A profile link holding the handle and the name each in an element of its own (TikTok's suggested
 * accounts: "edsheeran" above "Ed Sheeran", with the avatar): the one that reads the link's key is
 * the handle, the other the name. Two short texts, one of them the key: a post or a list has more.
 */
function handleAndName(link: Element, key: string): (readonly [Element, 'name' | 'handle'])[] {
  const lines = [...link.querySelectorAll('*')].filter((el) => !el.childElementCount && el.textContent!.trim());
  const handle = lines.findIndex((el) => normalizeHandle(trimEdges(el.textContent!)) === key);
  const ok = lines.length === 2 && handle >= 0 && trimEdges(link.textContent!).length <= 2 * MAX_NAME && !link.matches(NOT_A_PERSON) && !link.querySelector(NOT_A_NAME);
  return ok ? lines.map((el, i) => [el, i === handle ? 'handle' : 'name'] as const) : [];
}

/** A letter or digit: a Latin name is only found as a whole word, not inside another. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A Latin letter or digit at a name's edge: such a name is only found as a whole word. */
const LATIN = /[A-Za-z0-9]/;

/**
 * The names learned so far, and where they stand in a text. Filed by their first characters, two at
 * a time (NameShelf), so a text is read once, whatever the number of names: a feed teaches
 * thousands, and looking for each of them in each label the page adds made every insertion slower
 * than the one before (with `includes`, 800 ms per 1,000 identities on a 1,000-tweet X feed; issue
 * 17). No regular expression: one built from hundreds of names took seconds to compile on a large page.
 */
export class LearnedNames {
  #upTo = 0;
  /** Names by their first two characters (as one number: no string made per place looked at), then the next two, and so on (NameShelf). */
  readonly #byStart = new Map<number, NameShelf>();
  /**
   * Which first pairs names have, by pairHash: a place whose pair has none is passed over with one
   * read of this array, not a lookup in the map (the scan was a tenth of the masking on Tieba).
   * Made with the first name filed: a frame that learns none (an ad's) spares its 64 KB.
   */
  #firstPairs: Uint8Array | null = null;

  /** `seenNames` in the order they were learned; `shownAs` what each became. */
  readonly #seenNames: readonly string[];
  readonly #shownAs: ReadonlyMap<string, string>;

  /** `masker`: the names it has seen (Masker's seenNames and seen). */
  constructor(masker: { readonly seenNames: readonly string[]; readonly seen: ReadonlyMap<string, string> }) {
    this.#seenNames = masker.seenNames;
    this.#shownAs = masker.seen;
  }

  /**
   * Texts found to hold no learned name, with how many names had been learned then. A feed repeats
   * its labels ("upvote", "More options") on every post: one is read again only for the names
   * learned since, not place by place (`rewrite` was a fifth of the layers' time on Stack Exchange).
   */
  readonly #clean = new Map<string, number>();

  /** `value` with every learned name in it replaced by what it was shown as. */
  rewrite = (value: string): string => {
    this.#sync();
    if (!this.#byStart.size) return value;
    const learned = this.#seenNames.length;
    let since = this.#clean.get(value) ?? learned + 1;
    while (since < learned && !value.includes(this.#seenNames[since])) since++;
    if (since === learned) return this.#found(value, learned);
    let out = '';
    let from = 0;
    for (let at = 0; at < value.length - 1; ) {
      const name = this.#nameAt(value, at);
      if (!name) {
        at++;
        continue;
      }
      out += value.slice(from, at) + (this.#shownAs.get(name) ?? this.#shownAs.get(`@${name}`) ?? name);
      at += name.length;
      from = at;
    }
    return from ? out + value.slice(from) : this.#found(value, learned);
  };

  /** `value`, filed as clean of the first `learned` names. */
  #found(value: string, learned: number): string {
    // Bounded: post texts pass here too when names in them are masked, and each is new.
    if (this.#clean.size > 500) this.#clean.clear();
    this.#clean.set(value, learned);
    return value;
  }

  /** The longest learned name at `at` in `text`, standing there as a whole word where its edge is Latin. */
  #nameAt(text: string, at: number): string | undefined {
    // Most places start no name: nothing is made for them (an empty list per character was).
    const shelf = this.#firstPairs?.[pairHash(text, at)] ? this.#byStart.get(startKey(text, at)) : undefined;
    if (!shelf) return undefined;
    return longestAt(shelf, text, at, (name) => {
      const before = at > 0 ? text[at - 1] : '';
      const after = text[at + name.length] ?? '';
      return !((LATIN.test(name[0]) && before && WORD_CHAR.test(before)) || (LATIN.test(name[name.length - 1]) && after && WORD_CHAR.test(after)));
    });
  }

  /** The names `rewrite` passes over as words (one or two Latin letters): `anyIn` must still see them. */
  readonly #short: string[] = [];

  /**
   * Whether any name learned so far stands anywhere in `text`, word or not. A subtree's whole text
   * (one native read) holds every text in it: where it holds no name, no text of the subtree can be
   * one, and the text layers are spared their walk (mask-engine.ts).
   */
  anyIn(text: string): boolean {
    this.#sync();
    // Many names too short to file make the answer a likely yes anyway.
    if (this.#short.length > 20) return true;
    for (const name of this.#short) if (text.includes(name)) return true;
    const pairs = this.#firstPairs;
    if (!pairs) return false;
    for (let at = 0, next = text.charCodeAt(0); at < text.length - 1; at++) {
      const first = next;
      next = text.charCodeAt(at + 1);
      if (!pairs[(first * 31 + next) & 0xffff]) continue;
      const shelf = this.#byStart.get(startKey(text, at));
      if (shelf && longestAt(shelf, text, at)) return true;
    }
    return false;
  }

  /** Files the names learned since the last call. The engine makes a new one when the masker forgets them (the persona changed). */
  #sync(): void {
    for (let i = this.#upTo; i < this.#seenNames.length; i++) {
      const name = this.#seenNames[i];
      // One or two Latin letters are words, not names; two CJK characters are a name.
      if (name.length < 3 && !(name.length === 2 && /[^\x00-\x7f]/.test(name))) {
        if (name) this.#short.push(name);
        continue;
      }
      const key = startKey(name, 0);
      (this.#firstPairs ??= new Uint8Array(0x10000))[pairHash(name, 0)] = 1;
      const shelf = this.#byStart.get(key);
      if (shelf) shelve(shelf, name);
      else this.#byStart.set(key, { depth: 1, names: [name], next: null });
    }
    this.#upTo = this.#seenNames.length;
  }
}

/**
 * The two characters of `text` at `at`, as one number that V8 keeps unboxed (under 2^30): a Han
 * character's code times 0x10000 was a heap number made per place looked at. Two pairs may share
 * a number; a name is always checked in full where it is looked up.
 */
const startKey = (text: string, at: number): number => ((text.charCodeAt(at) & 0x7fff) << 15) | (text.charCodeAt(at + 1) & 0x7fff);

/**
 * The two characters of `text` at `at` hashed to 16 bits (LearnedNames' firstPairs). anyIn writes it
 * out inline, reading one new character a place: the index derived from startKey instead (one hash,
 * two reads a place) scanned slower in V8, 7.6 against 5.7 ns a character in English, 6.0 against 3.6
 * in Chinese.
 */
const pairHash = (text: string, at: number): number => (text.charCodeAt(at) * 31 + text.charCodeAt(at + 1)) & 0xffff;

/**
 * The names that share their first `depth` pairs of characters. A shelf holds them all until it has
 * more than SHELF_SIZE; then those longer than its pairs and one more character move to shelves of
 * their next pair (`next`), and it keeps the rest. A place in a text is then looked up pair by pair,
 * never name by name: with one list per first pair, a feed of thousands of generated names put
 * hundreds on each of its twenty, and a comment's every "li" or "to" tried them all (GitHub's
 * comments: 23 ms per 500 at 500 comments, 520 at 4,000; issue 17's flat-cost target).
 */
interface NameShelf {
  depth: number;
  /** Longest first ("Ann Lee" before "Ann"). */
  names: string[];
  next: Map<number, NameShelf> | null;
}

const SHELF_SIZE = 8;

function shelve(shelf: NameShelf, name: string): void {
  const pairs = 2 * shelf.depth;
  if (shelf.next && name.length > pairs + 1) {
    const key = startKey(name, pairs);
    const on = shelf.next.get(key);
    if (on) shelve(on, name);
    else shelf.next.set(key, { depth: shelf.depth + 1, names: [name], next: null });
    return;
  }
  const { names } = shelf;
  let place = 0;
  while (place < names.length && names[place].length >= name.length) place++;
  names.splice(place, 0, name);
  if (shelf.next || names.length <= SHELF_SIZE) return;
  shelf.next = new Map();
  shelf.names = names.filter((kept) => kept.length <= pairs + 1);
  for (const moved of names) if (moved.length > pairs + 1) shelve(shelf, moved);
}

/** The longest name on `shelf` or the shelves under it that stands at `at` in `text` and `fits`. */
function longestAt(shelf: NameShelf, text: string, at: number, fits?: (name: string) => boolean): string | undefined {
  const deeper = shelf.next?.get(startKey(text, at + 2 * shelf.depth));
  const found = deeper && longestAt(deeper, text, at, fits);
  if (found) return found;
  for (const name of shelf.names) if (text.startsWith(name, at) && (!fits || fits(name))) return name;
  return undefined;
}

/** Hands `rewrite` each element in `top` (and `top` itself) with a label, not masked yet. */
export function forUnmarkedLabelled(top: Element | Document | ShadowRoot, rewrite: (el: Element) => void): void {
  if (top.nodeType === ELEMENT_NODE && (top as Element).matches(LABEL_ATTRIBUTES) && !(top as Element).hasAttribute(MARK)) rewrite(top as Element);
  for (const el of top.querySelectorAll(LABEL_ATTRIBUTES)) if (!el.hasAttribute(MARK)) rewrite(el);
}

export type TextFinding = { layer: 'place'; scope: Element } | { layer: 'name' | 'handle'; el: Element } | { layer: 'shape'; text: Text };

/**
 * The groups of `shape` in `text` when it fits whole, else null. A {known} hole fits only a name
 * learned on the page: a shape glued to words with no space ("{known}官方账号", Weibo's verification
 * line) would otherwise take any text before them ("欢迎关注我们的官方账号" in a post) for a name.
 */
function fits({ pattern, kinds }: TitleShape, text: string, learned?: ReadonlyMap<string, string> | null): RegExpExecArray | null {
  const match = pattern.exec(text);
  return match && kinds.every((kind, i) => kind !== 'known' || learned?.has(match[i + 1])) ? match : null;
}

/**
 * `text` rewritten by the first shape it fits whole, each hole by what `learn` makes of the values
 * found (in their order); null when it fits none. Only the holes' places change: a name that is
 * also a word of the shape ("s" in "s’s posts") leaves the shape's words alone. `rest` rewrites the
 * text between the holes (the title's learned names), never what went into them (see replaceMentions).
 */
export function fillShape(
  text: string,
  shapes: readonly TitleShape[],
  learn: (found: string[], kinds: TitleShape['kinds']) => string[],
  learned?: ReadonlyMap<string, string> | null,
  rest = (between: string) => between,
): string | null {
  for (const shape of shapes) {
    const match = fits(shape, text, learned);
    if (!match) continue;
    const shown = learn(match.slice(1), shape.kinds);
    let out = '';
    let from = 0;
    match.indices!.slice(1).forEach(([start, end], i) => {
      out += rest(text.slice(from, start)) + shown[i];
      from = end;
    });
    return out + rest(text.slice(from));
  }
  return null;
}

/** Whether a text node reads whole as one of the site's sentences that name people, outside identities already masked and what is never a page's words. */
export function isShapeText(node: Text, shapes: readonly TitleShape[], learned?: ReadonlyMap<string, string> | null): boolean {
  const data = node.data;
  return data.length <= SHORT_TEXT && shapes.some((shape) => fits(shape, data, learned)) && !closestAbove(node, `${NAMED},${NOT_TEXT}`);
}

const NOT_BLANK = /\S/;
/** Whether `data` is only spaces: a text that starts with a printable character is told without a regex (a third of the walk's time on Hacker News). */
function isBlank(data: string): boolean {
  return data.charCodeAt(0) < 33 && !NOT_BLANK.test(data);
}

/**
 * One walk over the short texts under `top`, for three layers: an element whose whole text is a
 * name already learned on the page (the profile header's name, which no link carries) is that name;
 * a text that reads whole as one of the site's sentences naming people ("alice commented") is
 * rewritten in its holes; a text that holds a location label is cut (place names). A name inside a
 * longer text is the "names inside post text" option's.
 */
export function textLayers(
  top: Element | Document | ShadowRoot,
  doc: Document,
  learned: ReadonlyMap<string, string> | null,
  places: boolean,
  shapes: readonly TitleShape[],
  found: (finding: TextFinding) => void,
): void {
  const walker = doc.createTreeWalker(top, NodeFilter.SHOW_TEXT);
  const done = new Set<Element>();
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const data = node.data;
    // Markup's indentation is most of a server-rendered page's text nodes (Stack Exchange, Tieba).
    if (data.length > SHORT_TEXT || isBlank(data)) continue;
    // The parent is read only for a text that may be one of the layers' (a fifth of the walk's time
    // on Hacker News was that read, for every text).
    let parent: Element | null;
    const text = learned?.size ? trimEdges(data) : '';
    if (
      text.length > 1 &&
      (learned!.has(text) || (text[0] === '@' && learned!.has(text.slice(1)))) &&
      (parent = node.parentElement) &&
      !done.has(parent) &&
      !parent.closest(NOT_LEARNED) &&
      trimEdges(parent.textContent ?? '') === text
    ) {
      done.add(parent);
      found({ layer: text[0] === '@' ? 'handle' : 'name', el: parent });
    } else if (shapes.length && (parent = node.parentElement) && !done.has(parent) && isShapeText(node, shapes, learned)) {
      found({ layer: 'shape', text: node });
    } else if (places && mayHoldLocationLabel(data) && (parent = node.parentElement) && !done.has(parent) && !parent.closest(NOT_TEXT) && cutLocationLabels(data) !== data) {
      done.add(parent);
      found({ layer: 'place', scope: parent });
    }
  }
}
