/**
 * From one element the user clicked, a selector for all the elements like it on the page: the
 * picker's proposal. Candidates are built from what survives a site's next deploy — data-*
 * attributes, ARIA roles, microdata, profile-link shapes, custom element names, class names people
 * chose — never from generated classes, ids or one person's values; each candidate is tried on the
 * page and kept only when what it matches looks like what was picked and it touches nothing picked
 * for another kind. Pure DOM code: unit-tested in jsdom on saved pages.
 */
import { isGeneratedClass } from '../shared/generated-class';
import { selectorProblem } from '../shared/packs/selector-check';
import type { PickKind } from '../shared/picked-rule';

export interface Proposal {
  selector: string;
  /** Elements it matches on this page. */
  count: number;
}

interface Part {
  text: string;
  /** How likely it is to survive a redesign: 5 (a data-* name or custom element) … 2 (a plain class). */
  score: number;
}

interface Candidate {
  selector: string;
  /** Its weakest part's score; a bare tag takes the mean with its context ("[data-testid=User-Name] span"). */
  tier: number;
  parts: number;
}

/** Words that say an element is an identity; a class or attribute value holding one is preferred. */
const IDENTITY_WORDS = new Set(
  'avatar avatars photo pic picture portrait face user username userinfo author name names nick nickname handle member profile poster byline owner account location place region ip geo city screen display login creator'.split(
    ' ',
  ),
);
/** data-* attributes that say nothing stable about what an element is. */
const NOISE_DATA = /^data-(momo|react|v-|src|srcset|original|lazy|index|key|ved|hveid|ts|time|timestamp|id|pid|uid|href|url|tooltip|title|ga|gtm|track)/;
/** schema.org properties that hold a person (other properties, like "name", belong to anything). */
const PERSON_PROPS = new Set(['author', 'creator', 'contributor', 'accountablePerson', 'editor']);
/** Utility classes (Tailwind, Bootstrap) say how a thing looks, which is what a redesign changes. */
const UTILITY_CLASS =
  /^(-?[mp][trblxyse]?|gap|space|w|h|min|max|text|font|leading|tracking|bg|border|rounded|shadow|flex|grid|inline|block|d|col|row|order|items|justify|align|self|place|overflow|position|relative|absolute|fixed|sticky|static|top|left|right|bottom|inset|z|opacity|visible|invisible|hidden|truncate|container|img|float|clearfix|sr|cursor|select|pointer|transition|duration|ease)(-|$)/;
const GENERIC_ROLES = new Set(['presentation', 'none', 'generic', 'group', 'listitem', 'list', 'article', 'main', 'region']);
/** Each kind's cap: a proposal matching more than this is not "the names on the page". */
const MAX_MATCHES = 2000;
/** Of what a candidate matches, at least this share must look like the picked element. */
const MIN_ALIKE = 0.8;
/** A huge page must not freeze the picker: past this, the best found so far is the proposal. */
const TIME_BUDGET_MS = 1500;

const words = (token: string) =>
  token
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
const saysIdentity = (token: string) => words(token).some((w) => IDENTITY_WORDS.has(w));
const cssString = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
const cssIdent = (value: string) => (typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(value) : value.replace(/[^\w-]/g, '\\$&'));

/** The picked element and the ancestors that hold nothing else: as good a target as the element itself. */
export function equivalentChain(picked: Element): Element[] {
  const chain = [picked];
  const content = (el: Element) => (el.textContent ?? '').trim();
  let current = picked;
  while (chain.length < 4 && current.parentElement && current.parentElement !== current.ownerDocument.body) {
    const parent = current.parentElement;
    const sameText = content(parent) === content(picked);
    const onlyThis = parent.childElementCount === 1;
    if (!sameText || (!onlyThis && content(picked) === '')) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

/**
 * One person's value (an id, their name, their handle as in "/u/sam") is not a category: only its
 * presence is kept. Values that name a kind of thing ("User-Name", "avatar") are kept whole.
 */
function isPersonal(el: Element, value: string): boolean {
  const v = value.trim().toLowerCase().replace(/^@/, '');
  if (!v || /\d/.test(v)) return true;
  const text = (el.textContent ?? '').trim().toLowerCase().replace(/^@/, '');
  if (text && (text.includes(v) || v.includes(text))) return true;
  // A profile path's last part is the person ("/u/sam"): in the value ("UserAvatar-Container-sam") it makes it theirs.
  const hrefs = [el.getAttribute('href'), el.closest('a[href]')?.getAttribute('href'), el.querySelector('a[href]')?.getAttribute('href')];
  return hrefs.some((href) => {
    const person = href
      ?.toLowerCase()
      .split(/[/?#=&]/)
      .filter((part) => part.length >= 3)
      .at(-1);
    return href?.toLowerCase().includes(v) || (person !== undefined && v.includes(person));
  });
}

/** Profile-link shapes: "/u/x" → `a[href*="/u/"]`, "/@x" → `a[href*="/@"]`, "memberlist.php?mode=viewprofile&u=2" → its page and mode. */
export function hrefPattern(href: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments[0]?.startsWith('@')) return '/@';
  const last = segments.at(-1) ?? '';
  if (/^[\w-]+\.(php|aspx?|jsp|cgi|html?)$/i.test(last) && url.search) {
    const [key, value] = [...url.searchParams][0] ?? [];
    if (!key || !/^[a-z_]+$/i.test(key)) return undefined;
    return `${last}?${key}=${/^[a-z_]+$/i.test(value ?? '') ? value : ''}`;
  }
  if (segments.length >= 2 && /^[a-z][a-z_-]{0,23}$/i.test(segments[0])) {
    // "/misc/location-info": the second part says what the link is; "/members/sam.12" names a person.
    const what = segments[1];
    return /^[a-z][a-z_-]{0,30}$/i.test(what) && saysIdentity(what) && segments.length === 2 ? `/${segments[0]}/${what}` : `/${segments[0]}/`;
  }
  return undefined;
}

/** What an element itself says about what it is, as selector parts. */
export function partsOf(el: Element): Part[] {
  const parts: Part[] = [];
  const tag = el.localName;
  if (tag.includes('-') && !isGeneratedClass(tag)) parts.push({ text: tag, score: 5 });
  for (const { name, value } of [...el.attributes]) {
    if (name.startsWith('data-') && !NOISE_DATA.test(name) && !isGeneratedClass(name.slice(5))) {
      const wordy = /^[A-Za-z][\w:-]{0,40}$/.test(value);
      if (wordy && !isPersonal(el, value)) parts.push({ text: `[${name}=${cssString(value)}]`, score: 5 });
      else parts.push({ text: `[${name}]`, score: saysIdentity(name) ? 4 : 3 });
    } else if (name === 'itemprop' && /^[a-z][\w -]{0,30}$/i.test(value)) {
      // schema.org's "name", "image", "url" are everyone's (a breadcrumb's name too); "author" is a person's.
      const token = value.trim().split(/\s+/)[0];
      parts.push({ text: `[itemprop~=${cssString(token)}]`, score: PERSON_PROPS.has(token) ? 4 : 2 });
    } else if (name === 'itemtype' && /schema\.org\/Person$/.test(value)) {
      parts.push({ text: '[itemtype$="schema.org/Person"]', score: 5 });
    } else if (name === 'rel' && /(^|\s)(author|me)(\s|$)/.test(value)) {
      parts.push({ text: `[rel~=${cssString(/(^|\s)author(\s|$)/.test(value) ? 'author' : 'me')}]`, score: 4 });
    } else if (name === 'role' && !GENERIC_ROLES.has(value)) {
      parts.push({ text: `[role=${cssString(value)}]`, score: 2 });
    } else if (name === 'alt' && saysIdentity(value)) {
      const word = words(value).find((w) => IDENTITY_WORDS.has(w))!;
      parts.push({ text: `[alt*=${cssString(word)} i]`, score: 3 });
    }
  }
  if (tag === 'a' && el.getAttribute('href')) {
    const pattern = hrefPattern(el.getAttribute('href')!, el.ownerDocument.baseURI);
    if (pattern) parts.push({ text: `a[href*=${cssString(pattern)}]`, score: 4 });
  }
  for (const token of el.classList) {
    // Digits in a class name are a person's or a post's ("avatar-u12-m"), or a build's hash.
    if (isGeneratedClass(token) || /\d/.test(token) || UTILITY_CLASS.test(token) || token.startsWith('momo')) continue;
    parts.push({ text: `.${cssIdent(token)}`, score: saysIdentity(token) ? 4 : 2 });
  }
  return parts;
}

/** The candidates for one picked element: its own parts, then each with a context from an ancestor. */
function candidatesFor(picked: Element, kind: PickKind): Candidate[] {
  const chain = equivalentChain(picked);
  const seen = new Map<string, Candidate>();
  const add = (selector: string, tier: number, parts: number) => {
    const known = seen.get(selector);
    if (!known || known.tier < tier) seen.set(selector, { selector, tier, parts });
  };
  const contexts: Element[] = [];
  // Sites nest deeply (X puts fourteen boxes between a post's avatar container and its <img>).
  for (let el = chain.at(-1)!.parentElement; el && el !== el.ownerDocument.body && contexts.length < 16; el = el.parentElement) contexts.push(el);
  for (const [i, el] of chain.entries()) {
    const own = partsOf(el);
    const tag = el.localName;
    // "a span" says where, not what: only a picture's own tag says what it is ("… img").
    const tagTier = kind === 'avatars' && /^(img|svg|picture|canvas)$/.test(tag) ? 3 : 2;
    for (const part of own) {
      add(part.text, part.score, 1);
      if (!part.text.startsWith(tag)) add(`${tag}${part.text}`, part.score, 1);
    }
    // The chain's own ancestors above `el` are context too ("a.avatar img").
    for (const context of [...chain.slice(i + 1), ...contexts]) {
      for (const outer of partsOf(context)) {
        add(`${outer.text} ${tag}`, (outer.score + tagTier) / 2, 2);
        for (const part of own) add(`${outer.text} ${part.text}`, Math.min(outer.score, part.score), 2);
      }
    }
  }
  return [...seen.values()];
}

/** Whether `el` looks like the same kind of thing as the picked element. */
function alike(kind: PickKind, el: Element, picked: Element, pickedBox: DOMRect | undefined): boolean {
  if (kind === 'avatars') {
    const isPicture = /^(img|picture|svg|image|canvas)$/.test(el.localName) || el.querySelector('img, svg, picture') !== null || hasBackgroundImage(el);
    if (!isPicture || (el.textContent ?? '').trim().length > 3) return false;
    // Laid-out width, or the width attribute where there is no layout (hidden, or a test without one).
    const width = (node: Element, box?: DOMRect) => box?.width || Number(node.getAttribute('width')) || 0;
    const mine = width(el, el.getBoundingClientRect());
    const theirs = width(picked, pickedBox);
    if (!mine || !theirs) return true;
    const ratio = mine / theirs;
    return ratio > 0.3 && ratio < 3.5;
  }
  const text = (el.textContent ?? '').trim();
  if (text.length === 0 || text.length > 80 || el.querySelectorAll('*').length > 12) return false;
  if (kind === 'handles' && (picked.textContent ?? '').trim().startsWith('@')) return text.startsWith('@') || !/\s/.test(text);
  return true;
}

/** A box drawn with a picture (inline or from a stylesheet): an avatar without an <img>. */
export function hasBackgroundImage(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  const inline = (el as HTMLElement).style?.backgroundImage;
  if (inline && inline !== 'none') return true;
  return view ? view.getComputedStyle(el).backgroundImage.startsWith('url(') : false;
}

/** A stable part first; among those, the one that finds more of the page's similar items, in fewer parts. */
const score = (candidate: Candidate, count: number) => candidate.tier * 10 + 1.5 * Math.log2(Math.min(count, 1000) + 1) - 4 * candidate.parts;

const related = (a: Element, b: Element) => a === b || a.contains(b) || b.contains(a);

/**
 * The best selector for everything like `picked` on its page, or null when none is safe.
 * `others`: what the user picked for the other kinds; the proposal must not touch them.
 */
export function proposeSelector(picked: Element, kind: PickKind, others: readonly Element[] = []): Proposal | null {
  const doc = picked.ownerDocument;
  const chain = equivalentChain(picked);
  const pickedBox = picked.getBoundingClientRect?.();
  // Candidates overlap a lot: each element is judged once.
  const judged = new Map<Element, boolean>();
  const looksAlike = (el: Element) => {
    let verdict = judged.get(el);
    if (verdict === undefined) judged.set(el, (verdict = alike(kind, el, picked, pickedBox)));
    return verdict;
  };
  let best: { candidate: Candidate; count: number; score: number } | null = null;
  // Best first: once a candidate cannot beat the best found even matching everything, none after it can.
  const ranked = candidatesFor(picked, kind).sort((a, b) => score(b, MAX_MATCHES) - score(a, MAX_MATCHES));
  const deadline = performance.now() + TIME_BUDGET_MS;
  for (const candidate of ranked) {
    if ((best && score(candidate, MAX_MATCHES) < best.score) || performance.now() > deadline) break;
    let matches: Element[];
    try {
      matches = [...doc.querySelectorAll(candidate.selector)];
    } catch {
      continue;
    }
    if (!matches.length || matches.length > MAX_MATCHES || !chain.some((el) => matches.includes(el))) continue;
    if (matches.some((m) => others.some((o) => related(m, o)))) continue;
    const sample = matches.slice(0, 100);
    if (sample.filter((m) => looksAlike(m)).length < MIN_ALIKE * sample.length) continue;
    if (selectorProblem(candidate.selector)) continue;
    const value = score(candidate, matches.length);
    if (!best || value > best.score || (value === best.score && candidate.selector.length < best.candidate.selector.length)) {
      best = { candidate, count: matches.length, score: value };
    }
  }
  return best && { selector: best.candidate.selector, count: best.count };
}

/** How many elements `selector` matches, or an error message when it is not a safe selector. */
export function countSelector(doc: Document, selector: string): { count: number } | { error: string } {
  const problem = selectorProblem(selector);
  if (problem) return { error: problem };
  try {
    return { count: doc.querySelectorAll(selector).length };
  } catch {
    return { error: 'is not a valid CSS selector' };
  }
}
