/** Reading a selector's text without a parser: the content script's and the stylesheet's needs only. */

/** Where the first top-level combinator starts (-1: none) and the last compound starts; null for a selector list. */
function compounds(selector: string): { first: number; last: number } | null {
  let depth = 0;
  let quote = '';
  let first = -1;
  let last = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '\\') i++;
    else if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && c === ',') return null;
    else if (depth === 0 && /[\s>+~]/.test(c)) {
      if (first < 0 && selector.slice(0, i).trim()) first = i;
      last = i + 1;
    }
  }
  return { first, last };
}

/** The last compound selector of a complex one ("a > img.avatar" → "img.avatar"); null for a selector list. */
export function lastCompound(selector: string): string | null {
  const at = compounds(selector);
  return at && selector.slice(at.last).trim();
}

/**
 * The first compound of a complex selector when every element it matches lies inside an element
 * that compound matches, up to any `:has()` ("[data-testid=tweet] a" → "[data-testid=tweet]",
 * "main:has(h1) a" → "main": an ancestor as large as the page's main column would otherwise be
 * searched again for each subtree added under it). Null for a single compound, a list, a sibling
 * combinator first, or a compound that names a scope (:host, :scope). A cut inside another
 * pseudo-class ("div:not(:has(p)) a" → "div:not(") is no selector: the caller tries it before use.
 */
export function firstCompound(selector: string): string | null {
  const at = compounds(selector);
  if (!at || at.first < 0 || /^[+~]/.test(selector.slice(at.first).trimStart())) return null;
  const first = selector.slice(0, at.first).split(':has(')[0].trim();
  return first && !/:host|:scope/i.test(first) ? first : null;
}
