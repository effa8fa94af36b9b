/**
 * Checks for the small text fields of a rule: names, title shapes, path shapes, attribute names.
 * Each answers why a value is refused, or undefined; rule-check.ts says where.
 */
import { forbiddenText, hiddenCharacter } from './safe-text';

export const ATTRIBUTE_NAME = /^[a-z][a-z0-9_:.-]{0,40}$/i;
/** Attributes whose value runs code, loads something or styles the page: rewriting them is not masking. */
const UNSAFE_ATTRIBUTE = /^(on.*|style|src|srcset|srcdoc|href|xlink:href|action|formaction|data|poster|background|ping)$/i;
const TITLE_PLACEHOLDER = /\{(?:name|handle)\}/g;
export const TITLE_LIMITS = { length: 200, placeholders: 2 } as const;

export function textProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return 'expected text';
  if (value.trim() === '') return 'is empty';
  if (value.length > max) return `is longer than ${max} characters`;
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains control characters';
  return hiddenCharacter(value) ?? forbiddenText(value);
}

/**
 * Title shapes are literal text with {name}/{handle} holes, never regular expressions: the page
 * turns each hole into a lazy group, so a shape's cost grows with its holes; two is plenty. A {n}
 * is a number that stays ("(3) {name} / X"); each is one run of digits, two at most.
 */
export function titleProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'expected a title shape (text)';
  if (value.length > TITLE_LIMITS.length) return `is longer than ${TITLE_LIMITS.length} characters`;
  const problem = textProblem(value, TITLE_LIMITS.length);
  if (problem) return problem;
  const holes = value.match(TITLE_PLACEHOLDER)?.length ?? 0;
  if (holes === 0) return 'must contain {name} or {handle}';
  if (holes > TITLE_LIMITS.placeholders) return `has ${holes} placeholders; at most ${TITLE_LIMITS.placeholders} ({name}, {handle})`;
  // One {text} (free text that stays) may close the shape; more would let matching backtrack.
  const texts = value.split('{text}').length - 1;
  if (texts > 1) return 'may contain {text} only once';
  if (value.split('{n}').length > 3) return 'may contain {n} at most twice';
  if (/[{}]/.test(value.replace(TITLE_PLACEHOLDER, '').replace('{text}', '').replaceAll('{n}', ''))) return 'may use braces only for {name}, {handle}, {n} and {text}';
  return undefined;
}

/**
 * Text shapes are title shapes that a whole short text on the page must fit: no {text}, which
 * would let a post's paragraph that tells of "8 mutual friends including A and B" fit too. Their
 * {known} is a hole like {name} that fits only a name the page has named elsewhere.
 */
export function textShapeProblem(value: unknown): string | undefined {
  const shape = typeof value === 'string' ? value.replaceAll('{known}', '{name}') : value;
  return titleProblem(shape) ?? ((shape as string).includes('{text}') ? 'may not contain {text}: the whole text must fit the shape' : undefined);
}

export function pathProblem(value: unknown): string | undefined {
  const problem = textProblem(value, 200);
  if (problem) return problem;
  const path = value as string;
  if (!/^\/\S*$/.test(path) || !path.includes('{key}')) return 'must start with "/" and contain {key}, e.g. "/user/{key}"';
  if (path.split('{key}').length > 2) return 'may contain {key} only once';
  if (/[{}]/.test(path.replace('{key}', ''))) return 'may use braces only for {key}';
  if (path.replace(/\/\*(?=\/|$|\{key\})/g, '').includes('*')) return '"*" stands for one whole path segment, e.g. "/groups/*/user/{key}"';
  return undefined;
}

export function attributeNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ATTRIBUTE_NAME.test(value)) return 'is not an attribute name';
  if (UNSAFE_ATTRIBUTE.test(value)) return `"${value}" may not be rewritten (only text attributes such as title, alt or aria-label)`;
  return undefined;
}

/**
 * A part of a profile-picture address: plain text the page's attributes are searched for (in CSS
 * attribute selectors and in the page), so no quote, backslash or space; specific enough not to
 * catch every picture of a site (a path, not a host alone).
 */
export function urlPartProblem(value: unknown): string | undefined {
  const problem = textProblem(value, 200);
  if (problem) return problem;
  const part = value as string;
  if (/["'\\\s<>]/.test(part)) return 'may not contain quotes, backslashes, spaces or < >';
  if (part.split('*').some((piece) => !piece)) return '"*" stands between two pieces an address must both hold, e.g. "i.sstatic.net/*?s="';
  // A whole host only when it is a dedicated one ("avatars.githubusercontent.com/"): "fbcdn.net"
  // serves every picture of a site.
  const host = /^(?:https?:)?\/*([a-z0-9-]+(?:\.[a-z0-9-]+)+)(\/?)$/i.exec(part);
  if (part.length < 6 || (host && (host[2] !== '/' || host[1].split('.').length < 3))) {
    return 'must be more than a site\'s host, e.g. "example.com/avatars/", "avatars.example.com/" or "profile-photo_" (a host alone would catch every picture)';
  }
  return undefined;
}

/** A key a profile path shape fits that is one of the site's own pages ("home"): one path segment of plain text. */
export function notKeyProblem(value: unknown): string | undefined {
  const problem = textProblem(value, 60);
  if (problem) return problem;
  return /^[\w.@~-]+$/.test(value as string) ? undefined : 'must be one path segment (letters, digits, . _ - @ ~)';
}
