/**
 * A pack's selector must be only a selector: the content script joins selectors into one query and
 * into the hiding stylesheet (`:is(<selector>) { opacity: 0 }`), so text that closes a rule, opens a
 * comment or loads a URL could restyle or break the page. Each selector is parsed with css-what (no
 * page DOM in the worker or options page), then held to limits, and refused when it would match
 * most of a page: a pack may only pick out identities.
 */
import { parse, type Selector } from 'css-what';
import { LIMITS } from '../rule/fields';
import { forbiddenText } from './safe-text';

export const SELECTOR_LIMITS = { length: LIMITS.selectorLength, depth: 8, compounds: 24 } as const;

/** Pseudo-classes browsers know that can narrow or position a match; anything else is refused. */
const KNOWN_PSEUDOS = new Set([
  'not', 'is', 'where', 'has',
  'first-child', 'last-child', 'only-child', 'nth-child', 'nth-last-child',
  'first-of-type', 'last-of-type', 'only-of-type', 'nth-of-type', 'nth-last-of-type',
  'empty', 'root', 'link', 'any-link', 'checked', 'disabled', 'enabled', 'defined', 'lang', 'dir',
]);
const COMBINATORS = new Set(['descendant', 'child', 'sibling', 'adjacent']);
/**
 * Tags found all over any page: a selector made only of these picks out nothing in particular.
 * Sectioning tags (article, header, nav…) are not listed: "article header" is a real scope (weibo).
 */
const GENERIC_TAGS = new Set(
  'div span html body head p a img picture source svg g path use image li ul ol table tbody tr td b i u s em strong small font br button label'.split(' '),
);
const WHOLE_PAGE_TAGS = new Set(['html', 'body', 'head']);

/** Why `value` is not acceptable as a pack selector, or undefined when it is. */
export function selectorProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'expected a selector (text)';
  if (value.trim() === '') return 'is empty';
  if (value.length > SELECTOR_LIMITS.length) return `is longer than ${SELECTOR_LIMITS.length} characters`;
  if (/[{};]/.test(value)) return 'contains "{", "}" or ";" (CSS text, not a selector)';
  if (/@import/i.test(value)) return 'contains "@import" (CSS text, not a selector)';
  if (value.includes('/*') || value.includes('*/')) return 'contains a CSS comment';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains control characters';
  const text = forbiddenText(value);
  if (text) return text;

  let list: Selector[][];
  try {
    list = parse(value);
  } catch (error) {
    return `is not a valid CSS selector (${error instanceof Error ? error.message : String(error)})`;
  }
  if (nestingDepth(list) > SELECTOR_LIMITS.depth) return `nests :is/:not/:has/:where more than ${SELECTOR_LIMITS.depth} levels deep`;
  const compounds = countCompounds(list);
  if (compounds > SELECTOR_LIMITS.compounds) return `has too many parts (${compounds}; at most ${SELECTOR_LIMITS.compounds})`;
  const unknown = unknownToken(list);
  if (unknown) return unknown;
  for (const alternative of list) {
    const broad = pageWide(alternative);
    if (broad) return broad;
  }
  return undefined;
}

const nested = (token: Selector): Selector[][] | undefined =>
  token.type === 'pseudo' && Array.isArray(token.data) ? token.data : undefined;

function nestingDepth(list: Selector[][]): number {
  let deepest = 0;
  for (const token of list.flat()) {
    const inner = nested(token);
    if (inner) deepest = Math.max(deepest, 1 + nestingDepth(inner));
  }
  return deepest;
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

/** css-what reads a few things browsers do not (`<`, `||`, `[a!=b]`, any `:name`): refused here, not skipped in the page. */
function unknownToken(list: Selector[][]): string | undefined {
  for (const token of list.flat()) {
    if (token.type === 'parent') return 'uses the combinator "<", which browsers do not know';
    if (token.type === 'column-combinator') return 'uses the combinator "||", which browsers do not know';
    if (token.type === 'pseudo-element') return `uses the pseudo-element "::${token.name}", which never matches an element`;
    if (token.type === 'attribute' && token.action === 'not') return 'uses "!=", which browsers do not know';
    if (token.type === 'pseudo') {
      if (!KNOWN_PSEUDOS.has(token.name)) return `uses the unknown pseudo-class ":${token.name}"`;
      const inner = nested(token);
      const problem = inner && unknownToken(inner);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Refuses a selector that would match the whole page (its last part is html, body, head or
 * :root) or most of it: no part anywhere says which elements it means, only generic tags,
 * `*`, positions or negations (`div`, `span span`, `*:not(.x)`, `li:first-child`).
 */
function pageWide(alternative: Selector[]): string | undefined {
  const compounds = compoundsOf(alternative);
  const last = compounds[compounds.length - 1] ?? [];
  for (const token of last) {
    if (token.type === 'tag' && WHOLE_PAGE_TAGS.has(token.name.toLowerCase())) return `would match the whole page ("${token.name}"); a pack may only pick out identities`;
    if (token.type === 'pseudo' && token.name === 'root') return 'would match the whole page (":root"); a pack may only pick out identities';
  }
  if (!compounds.some((compound) => compound.some(narrows))) {
    return 'would match most of the page; add an attribute, class or id that picks out identities';
  }
  return undefined;
}

/** Whether a token says which elements it means: an attribute, class or id, a specific tag, or :is/:where/:has of such. */
function narrows(token: Selector): boolean {
  if (token.type === 'attribute') return true;
  if (token.type === 'tag') return !GENERIC_TAGS.has(token.name.toLowerCase());
  const inner = nested(token);
  if (!inner || token.type !== 'pseudo' || token.name === 'not') return false;
  return inner.every((alternative) => alternative.some(narrows));
}
