/**
 * A rule's selector must be only a selector, cheap to match, and able to pick out identities only,
 * whatever its source (a built-in file at build time, the user's edit, a pick, a pack). The content
 * script joins selectors into one query per added subtree and into the hiding stylesheet
 * (`:is(<selector>) { opacity: 0 }`): text that closes a rule, opens a comment or loads a URL could
 * restyle or break the page, a slow selector freezes every tab of the site, and one that matches
 * the page itself ("[lang]" matches <html>) rewrites all of it. Each selector is parsed with
 * css-what (no page DOM in the worker or options page), then refused by what makes selectors slow
 * (selectorCost) and by what would match the page or most of it (pageWide).
 */
import { parse, type Selector } from 'css-what';
import { LIMITS } from '../rule/fields';
import { forbiddenText } from './safe-text';

/**
 * depth: pseudo-classes inside pseudo-classes. walks: see walkExponent. compounds: parts in all,
 * each tried once per element (the generic rule's longest has 36: one link test and its exclusions).
 */
export const SELECTOR_LIMITS = { length: LIMITS.selectorLength, depth: 3, walks: 2, compounds: 40 } as const;

/** Pseudo-classes browsers know that can narrow or position a match; anything else is refused. */
const KNOWN_PSEUDOS = new Set([
  'not',
  'is',
  'where',
  'has',
  'first-child',
  'last-child',
  'only-child',
  'nth-child',
  'nth-last-child',
  'first-of-type',
  'last-of-type',
  'only-of-type',
  'nth-of-type',
  'nth-last-of-type',
  'empty',
  'root',
  'link',
  'any-link',
  'checked',
  'disabled',
  'enabled',
  'defined',
  'lang',
  'dir',
]);
const NTH = new Set(['nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type']);
/**
 * Pseudo-classes that count an element's siblings: tried on a feed cell (as the subject, or as an
 * ancestor on a descendant walk), each try counts every earlier or later cell, so the cost of
 * masking a post grows with the feed. X's `User-Name > div:nth-child(2) div` took 108 → 155 ms per
 * 1,000 identities from 500 to 4,000 posts (issue 17); ":first-child + div" says the same in O(1).
 */
const SIBLING_COUNTING = new Set([...NTH, 'first-of-type', 'last-of-type', 'only-of-type']);
/** An+B, as the nth pseudo-classes take it; not "An+B of S", a selector css-what leaves unread. */
const AN_PLUS_B = /^\s*(?:odd|even|[+-]?\d*n(?:\s*[+-]\s*\d+)?|[+-]?\d+)\s*$/i;
/** A language tag or a direction: what :lang() and :dir() take. */
const LANG_OR_DIR = /^\s*[a-z0-9*-]{1,35}\s*$/i;
const COMBINATORS = new Set(['descendant', 'child', 'sibling', 'adjacent']);
/** Combinators whose match is looked for across every ancestor or every later sibling, not one element. */
const WALKING = new Set(['descendant', 'sibling']);
/**
 * Tags found all over any page: a selector made only of these picks out nothing in particular.
 * Sectioning tags (article, header, nav…) are not listed: "article header" is a real scope (weibo);
 * `main` is, being the page's content itself.
 */
const GENERIC_TAGS = new Set(
  'div span html body head main p a img picture source svg g path use image li ul ol table tbody tr td b i u s em strong small font br button label'.split(' '),
);
const WHOLE_PAGE_TAGS = new Set(['html', 'body', 'head']);
/**
 * Attributes that <html>, <body> and <head> carry on many sites (`<html lang dir class style
 * data-theme>`, `<body class data-spm>`): a last part made of tests on these alone can match the
 * page itself, whatever the value for most (`[lang="en"]`). A class or an id with a value names
 * the site's own element, as any other attribute does; one that names the site's <body> is caught
 * where the masker writes (content/masker.ts: it never writes into <html>, <body> or <head>).
 */
const PAGE_ATTRIBUTES = new Set([
  'lang',
  'xml:lang',
  'dir',
  'class',
  'id',
  'style',
  'xmlns',
  'prefix',
  'translate',
  'itemscope',
  'itemtype',
  'hidden',
  'role',
  'tabindex',
  'data-theme',
  'data-color-mode',
]);
const isPageAttribute = (name: string) => PAGE_ATTRIBUTES.has(name) || name.startsWith('data-spm');
/** Attributes whose value says nothing about which element it is: `[lang="en"]` is the whole page. */
const VALUE_BLIND_ATTRIBUTES = new Set(['lang', 'xml:lang', 'dir', 'style', 'xmlns', 'translate']);
/**
 * Attributes found on elements of every kind all over a page: that one is present says nothing
 * (every link has an href, every React element of X a data-testid, every Vue element a data-v-…).
 * The presence of any other (weibo's usercard, facebook's aria-posinset on feed posts) does.
 */
const COMMON_ATTRIBUTES = new Set(
  [
    'class id style title lang dir hidden tabindex role translate draggable spellcheck accesskey contenteditable autocapitalize inert slot part nonce itemprop itemscope itemtype',
    'href src srcset alt width height type name value rel target loading decoding sizes for',
    'aria-label aria-hidden aria-labelledby aria-describedby',
    'data-testid data-test-id data-test data-qa data-cy data-e2e data-reactroot data-reactid data-id data-key data-index',
  ]
    .join(' ')
    .split(' '),
);
/** Attribute names made per component or per page view: data-v-1a2b3c (Vue's scoped styles), data-spm-… (Alibaba's sites). */
const COMMON_ATTRIBUTE_PREFIXES = ['data-v-', 'data-spm'];
const isCommonAttribute = (name: string) => COMMON_ATTRIBUTES.has(name) || COMMON_ATTRIBUTE_PREFIXES.some((prefix) => name.startsWith(prefix));

const MOST_OF_THE_PAGE = 'would match most of the page; add an attribute, class or id that picks out identities';
const THE_PAGE_ITSELF = 'could match the page itself (<html>, <body> or <head>); its last part needs a tag, or a test on an attribute those do not carry';

/** Why `value` is not acceptable as a rule's selector, or undefined when it is. */
export function selectorProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'expected a selector (text)';
  const text = textProblem(value);
  if (text) return text;
  let list: Selector[][];
  try {
    list = parse(value);
  } catch (error) {
    return `is not a valid CSS selector (${error instanceof Error ? error.message : String(error)})`;
  }
  return unknownToken(list) ?? selectorCost(list) ?? pageWide(list);
}

function textProblem(value: string): string | undefined {
  if (value.trim() === '') return 'is empty';
  if (value.length > SELECTOR_LIMITS.length) return `is longer than ${SELECTOR_LIMITS.length} characters`;
  if (/[{};]/.test(value)) return 'contains "{", "}" or ";" (CSS text, not a selector)';
  if (/@import/i.test(value)) return 'contains "@import" (CSS text, not a selector)';
  if (value.includes('/*') || value.includes('*/')) return 'contains a CSS comment';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains control characters';
  return forbiddenText(value);
}

const nested = (token: Selector): Selector[][] | undefined => (token.type === 'pseudo' && Array.isArray(token.data) ? token.data : undefined);

/** css-what reads a few things browsers do not (`<`, `||`, `[a!=b]`, any `:name`), and leaves some arguments unread: refused here, not skipped in the page. */
function unknownToken(list: Selector[][]): string | undefined {
  for (const token of list.flat()) {
    if (token.type === 'parent') return 'uses the combinator "<", which browsers do not know';
    if (token.type === 'column-combinator') return 'uses the combinator "||", which browsers do not know';
    if (token.type === 'pseudo-element') return `uses the pseudo-element "::${token.name}", which never matches an element`;
    if (token.type === 'attribute' && token.action === 'not') return 'uses "!=", which browsers do not know';
    if (token.type === 'pseudo') {
      if (!KNOWN_PSEUDOS.has(token.name)) return `uses the unknown pseudo-class ":${token.name}"`;
      const argument = argumentProblem(token.name, token.data);
      if (argument) return argument;
      const inner = nested(token);
      const problem = inner && unknownToken(inner);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** The argument css-what keeps as text: An+B for the nth pseudo-classes (not "of S": a selector list tried against every sibling), a tag for :lang and :dir. */
function argumentProblem(name: string, data: unknown): string | undefined {
  if (typeof data !== 'string') return undefined;
  if (NTH.has(name) && !AN_PLUS_B.test(data)) return `:${name}() takes a position (like "2n+1"), not "${data}"`;
  if ((name === 'lang' || name === 'dir') && !LANG_OR_DIR.test(data)) return `:${name}() takes a language or direction, not "${data}"`;
  return undefined;
}

/**
 * What makes a selector slow (measured in Chromium on a 9,616-element feed, one querySelectorAll):
 * - A descendant or later-sibling combinator walks every ancestor or later sibling. In a chain the
 *   browser walks once (the nearest match serves: a farther one has fewer ancestors left), so
 *   `nav div div span` costs one walk however long; but the argument of :is/:where/:not/:has is
 *   matched anew at every element a walk tries, so walks nested in arguments multiply: with no
 *   match to stop them, `:is(nav div) span` took 5 ms, two levels 46 ms, three 297 ms, four 629
 *   ms, five 1,734 ms (walkExponent 2, 3, 4, 5, 6). At most SELECTOR_LIMITS.walks.
 * - :has() walks the subject's subtree (or later siblings): a combinator inside its argument
 *   walks again from every element there, which no cache bounds ("div:has(nav div span)").
 * - Deep nesting, and a long list of parts, tried at every element.
 */
function selectorCost(list: Selector[][]): string | undefined {
  const counting = siblingCounting(list);
  if (counting) {
    return `uses :${counting}, which counts the element's siblings: its cost grows with the length of a feed; use :first-child, :last-child or "+" (":first-child + div" is the second child)`;
  }
  if (nestingDepth(list) > SELECTOR_LIMITS.depth) return `nests :is/:not/:has/:where more than ${SELECTOR_LIMITS.depth} levels deep`;
  const hasWalk = hasWithInnerWalk(list);
  if (hasWalk) return `walks the page again inside :has(${hasWalk}): a :has() may hold "> a", "+ a" but no descendant or "~" combinator after its first`;
  const walks = walkExponent(list);
  if (walks > SELECTOR_LIMITS.walks) {
    return `nests ${walks} walks over ancestors or siblings (descendant or "~" combinators inside :is/:not/:has/:where); at most ${SELECTOR_LIMITS.walks}: its cost grows as the page's depth to that power`;
  }
  const compounds = countCompounds(list);
  if (compounds > SELECTOR_LIMITS.compounds) return `has too many parts (${compounds}; at most ${SELECTOR_LIMITS.compounds})`;
  return undefined;
}

function siblingCounting(list: Selector[][]): string | undefined {
  for (const token of list.flat()) {
    if (token.type === 'pseudo' && SIBLING_COUNTING.has(token.name)) return token.name;
    const inner = nested(token);
    const found = inner && siblingCounting(inner);
    if (found) return found;
  }
  return undefined;
}

function nestingDepth(list: Selector[][]): number {
  let deepest = 0;
  for (const token of list.flat()) {
    const inner = nested(token);
    if (inner) deepest = Math.max(deepest, 1 + nestingDepth(inner));
  }
  return deepest;
}

/**
 * How many walks over ancestors or siblings are nested in one another: the power of the page's
 * depth that a match can cost. A complex selector with descendant or "~" combinators walks once
 * (however many it has), plus the deepest its parts' arguments nest; a :has() argument walks the
 * subtree or siblings once more unless it starts with ">" or "+".
 */
function walkExponent(list: Selector[][]): number {
  let most = 0;
  for (const alternative of list) most = Math.max(most, complexWalks(alternative));
  return most;
}

function complexWalks(alternative: Selector[]): number {
  let inner = 0;
  for (const token of alternative) {
    const argument = nested(token);
    if (!argument || token.type !== 'pseudo') continue;
    inner = Math.max(inner, token.name === 'has' ? hasWalks(argument) : walkExponent(argument));
  }
  return (alternative.some((token) => WALKING.has(token.type)) ? 1 : 0) + inner;
}

/** A :has() argument's walks: its relative selector, led by a walk of the subtree unless it starts with ">" or "+". */
function hasWalks(argument: Selector[][]): number {
  let most = 0;
  for (const relative of argument) {
    const [first, ...rest] = relative;
    const leads = first.type === 'child' || first.type === 'adjacent' ? 0 : 1;
    const chain = COMBINATORS.has(first.type) ? rest : relative;
    most = Math.max(most, leads + complexWalks(chain));
  }
  return most;
}

/** The first :has() argument that walks again after its leading combinator, as written. */
function hasWithInnerWalk(list: Selector[][]): string | undefined {
  for (const token of list.flat()) {
    const argument = nested(token);
    if (!argument) continue;
    if (token.type === 'pseudo' && token.name === 'has') {
      for (const relative of argument) {
        if (relative.slice(1).some((t) => WALKING.has(t.type))) return relative.map(tokenText).join('');
      }
    }
    const deeper = hasWithInnerWalk(argument);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Enough of a token to say which :has() argument is meant. */
function tokenText(token: Selector): string {
  switch (token.type) {
    case 'descendant':
      return ' ';
    case 'child':
      return ' > ';
    case 'sibling':
      return ' ~ ';
    case 'adjacent':
      return ' + ';
    case 'tag':
      return token.name;
    case 'universal':
      return '*';
    case 'attribute':
      return token.name === 'class' && token.action === 'element' ? `.${token.value}` : `[${token.name}]`;
    default:
      return token.type === 'pseudo' ? `:${token.name}` : '';
  }
}

function countCompounds(list: Selector[][]): number {
  let count = 0;
  for (const alternative of list) {
    count += compoundsOf(alternative).length;
    for (const token of alternative) {
      const inner = nested(token);
      if (inner) count += countCompounds(inner);
    }
  }
  return count;
}

/** A selector split at its combinators: `a > b.c` → [[a], [b, .c]]. */
function compoundsOf(alternative: Selector[]): Selector[][] {
  const compounds: Selector[][] = [[]];
  for (const token of alternative) {
    if (COMBINATORS.has(token.type) || token.type === 'parent' || token.type === 'column-combinator') compounds.push([]);
    else compounds[compounds.length - 1].push(token);
  }
  return compounds.filter((compound) => compound.length > 0);
}

/**
 * Refuses a selector that would match the page itself or most of it. Whole page: its last part
 * is html, body, head or :root, or could be (pageItself). Most of it: no part anywhere says which
 * elements it means, only generic tags, `*`, `main`, positions, negations, or the mere presence of
 * an attribute (`div`, `span span`, `*:not(.x)`, `a[href]`, `[data-testid]`, `main *`).
 */
function pageWide(list: Selector[][]): string | undefined {
  for (const alternative of list) {
    const compounds = compoundsOf(alternative);
    const last = compounds[compounds.length - 1] ?? [];
    for (const token of last) {
      if (token.type === 'tag' && WHOLE_PAGE_TAGS.has(token.name.toLowerCase())) return `would match the whole page ("${token.name}"); a pack may only pick out identities`;
      if (token.type === 'pseudo' && token.name === 'root') return 'would match the whole page (":root"); a pack may only pick out identities';
    }
    if (pageItself(compounds)) return THE_PAGE_ITSELF;
    if (!compounds.some((compound) => compound.some(narrows))) return MOST_OF_THE_PAGE;
  }
  return undefined;
}

/**
 * Whether the selector's subject could be <html>, <body> or <head>. It cannot when its last part
 * rules them out (keepsOffPage), or when the part before it does: what follows or sits in an
 * element that is not one of them is none of them (`[data-testid="x"] *`).
 */
function pageItself(compounds: Selector[][]): boolean {
  const last = compounds[compounds.length - 1] ?? [];
  if (last.some(keepsOffPage)) return false;
  const before = compounds[compounds.length - 2];
  return !before?.some(keepsOffPage);
}

/** Whether a token rules out <html>, <body> and <head>: another tag, a test on an attribute they do not carry, or a class or id value (the site's own element). */
function keepsOffPage(token: Selector): boolean {
  if (token.type === 'tag') return !WHOLE_PAGE_TAGS.has(token.name.toLowerCase());
  if (token.type === 'attribute') {
    const name = token.name.toLowerCase();
    if (!isPageAttribute(name)) return true;
    return (name === 'class' || name === 'id') && token.action !== 'exists' && token.value !== '';
  }
  // :is(a, b) rules them out when each of a and b does; :not() and :has() never do.
  const inner = nested(token);
  if (!inner || token.type !== 'pseudo' || (token.name !== 'is' && token.name !== 'where')) return false;
  return inner.every((alternative) => {
    const compounds = compoundsOf(alternative);
    return !pageItself(compounds);
  });
}

/**
 * Whether a token says which elements it means: a test on an attribute's value (a class, an id),
 * the presence of an uncommon attribute, a specific tag, :is/:where of such, or :has(> such) /
 * :has(+ such) (the parent or sibling of a specific element). Not the presence of a common
 * attribute (COMMON_ATTRIBUTES), not :not(), and not :has(such) (every ancestor of it: up to <html>).
 */
function narrows(token: Selector): boolean {
  if (token.type === 'attribute') {
    const name = token.name.toLowerCase();
    if (token.action === 'exists') return !isCommonAttribute(name);
    return token.value !== '' && !VALUE_BLIND_ATTRIBUTES.has(name);
  }
  if (token.type === 'tag') return !GENERIC_TAGS.has(token.name.toLowerCase());
  const inner = nested(token);
  if (!inner || token.type !== 'pseudo' || token.name === 'not') return false;
  if (token.name === 'has') return inner.every((relative) => (relative[0].type === 'child' || relative[0].type === 'adjacent') && relative.some(narrows));
  return inner.every((alternative) => alternative.some(narrows));
}
