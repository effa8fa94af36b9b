/**
 * Checks that apply to every string and every key of a pack, whatever field they sit in. A pack
 * is data that can only mask: it carries no links, scripts or CSS (PRODUCT.md, "A hostile rule
 * pack can do nothing but mask"), and none of its keys may reach an object's prototype.
 */
import { at, type PackProblem } from './types';

/** Keys that could change how an object behaves if some code ever copied a pack with `obj[key] =`. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const FORBIDDEN: [RegExp, string][] = [
  // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so they are ignored here too.
  [new RegExp(`${[...'javascript'].join('[\\s\\u0000-\\u001f]*')}[\\s\\u0000-\\u001f]*:`, 'i'), 'contains "javascript:" (scripts are not allowed)'],
  [/<\s*script/i, 'contains "<script" (scripts are not allowed)'],
  [/url\s*\(/i, 'contains "url(" (nothing may be loaded)'],
  [/data:/i, 'contains "data:" (no images or files are allowed)'],
];

/** Why a string may not be in a pack, or undefined when it may. */
export function forbiddenText(value: string): string | undefined {
  for (const [pattern, why] of FORBIDDEN) if (pattern.test(value)) return why;
  return undefined;
}

/**
 * Characters that change how text reads without showing themselves: bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) can make "gpj.exe" read as "exe.jpg", and zero-width
 * characters (U+200B–U+200D, U+2060, U+FEFF) make two names that look the same differ.
 */
const HIDDEN_CHARACTER = /[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/;

/** Why text shown to the user (a pack's title, author, description, a site's name) may not be in a pack, or undefined. */
export function hiddenCharacter(value: string): string | undefined {
  const found = HIDDEN_CHARACTER.exec(value)?.[0];
  if (found === undefined) return undefined;
  const code = `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `contains an invisible or direction-changing character (${code}); text must read as what it is`;
}

/**
 * Every prototype key anywhere in parsed JSON, with where it is. JSON.parse makes "__proto__" an own
 * key, so Object.keys sees it. The walk stops at PACK_LIMITS.depth and reports the nesting instead,
 * so a hostile file of ten thousand "[" cannot exhaust the stack.
 */
export function walkKeys(value: unknown, maxDepth: number): PackProblem[] {
  const problems: PackProblem[] = [];
  const visit = (node: unknown, where: string, depth: number): void => {
    if (typeof node !== 'object' || node === null) return;
    if (depth > maxDepth) {
      problems.push({ severity: 'error', where: where || 'pack', message: `nests more than ${maxDepth} levels deep` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, at(where, i), depth + 1);
      });
      return;
    }
    for (const key of Object.keys(node)) {
      const here = at(where, key);
      if ((PROTOTYPE_KEYS as readonly string[]).includes(key)) {
        problems.push({ severity: 'error', where: here, message: `the key "${key}" is refused (it could change how objects behave)` });
      } else visit((node as Record<string, unknown>)[key], here, depth + 1);
    }
  };
  visit(value, '', 0);
  return problems;
}
