/** Reading a selector's text without a parser: the content script's and the stylesheet's needs only. */

/** The last compound selector of a complex one ("a > img.avatar" → "img.avatar"); null for a selector list. */
export function lastCompound(selector: string): string | null {
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
