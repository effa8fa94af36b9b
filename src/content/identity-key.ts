/**
 * Reads a person's key from a profile link, by the rule's path shapes: "/user/profile/{key}",
 * "/{key}", "/home/main?id={key}". A "*" in a shape stands for one whole path segment: a group's
 * id before "/user/{key}" (Facebook), a name slug after the key (Stack Exchange). No regular
 * expression comes from a rule: shapes are split at "{key}" and "*" and compared as plain text.
 */

const SEGMENT_END = /[/?&#]/;

/** `text` after `pattern` (literal text; "*" stands for one path segment) at its start, or null. */
function consume(text: string, pattern: string): string | null {
  let rest = text;
  const pieces = pattern.split('*');
  for (let i = 0; i < pieces.length; i++) {
    if (!rest.startsWith(pieces[i])) return null;
    rest = rest.slice(pieces[i].length);
    if (i === pieces.length - 1) break;
    const end = rest.search(SEGMENT_END);
    const segment = end < 0 ? rest : rest.slice(0, end);
    if (!segment) return null;
    rest = rest.slice(segment.length);
  }
  return rest;
}

/**
 * The key in `path` (path and query) by `shape`, lowercase. `exact`: the path must be the profile
 * itself, with nothing after the shape but a slash or a query ("/bob/status/1" is a post of bob's,
 * not his profile); otherwise any link under the profile gives its key (pseudonyms).
 */
export function keyInPath(path: string, shape: string, exact: boolean): string | null {
  const at = shape.indexOf('{key}');
  const afterPrefix = consume(path, shape.slice(0, at));
  if (afterPrefix === null) return null;
  const end = afterPrefix.search(SEGMENT_END);
  const key = end < 0 ? afterPrefix : afterPrefix.slice(0, end);
  if (!key) return null;
  let tail = afterPrefix.slice(key.length);
  const suffix = shape.slice(at + '{key}'.length);
  if (suffix) {
    const afterSuffix = consume(tail, suffix.split(/[?&#]/)[0]);
    // "/{key}/" also fits "/bob": a profile address without its last slash.
    if (afterSuffix !== null) tail = afterSuffix;
    else if (!(exact && suffix === '/' && tail === '')) return null;
  }
  if (exact) {
    const inQuery = shape.slice(0, at).includes('?');
    // A second "?" in a query-shaped address is more parameters: Tieba writes "main?id=…?t=…".
    const ok = tail === '' || tail === '/' || tail.startsWith('?') || (inQuery ? tail.startsWith('&') : tail.startsWith('/?'));
    if (!ok) return null;
  }
  try {
    return decodeURIComponent(key).toLowerCase();
  } catch {
    return key.toLowerCase();
  }
}

/** An address that is a plain path on the page's own host, as the URL parser would leave it: printable ASCII, no backslash, no dot segment, not "//host". */
const PLAIN_PATH = /^\/(?![/\\])(?!.*(?:\/\.|%2e))[!-[\]-~]*$/i;

/**
 * The path and query `href` names, with its origin and host (null: the page's own), or null when it is no
 * address. A plain path ("/bob?tab=1", most links of a feed) is read as it stands: a URL parsed for
 * each link was a tenth of the masking's time on X (issue 17). What the parser would rewrite or
 * resolve elsewhere (dot segments, backslashes, spaces, non-ASCII, "//host", "https:…") goes through it.
 */
export function hrefPath(href: string, base: string): { path: string; origin: string | null; host: string | null } | null {
  if (PLAIN_PATH.test(href)) {
    const hash = href.indexOf('#');
    return { path: hash < 0 ? href : href.slice(0, hash), origin: null, host: null };
  }
  try {
    const url = new URL(href, base);
    return { path: `${url.pathname}${url.search}`, origin: url.origin, host: url.hostname };
  } catch {
    return null;
  }
}

/** The page's own origin and host, parsed once per base address. */
export function baseOf(base: string): { origin: string; host: string } {
  if (base !== lastBase.href) {
    const url = new URL(base);
    lastBase = { href: base, origin: url.origin, host: url.hostname };
  }
  return lastBase;
}
let lastBase = { href: '', origin: '', host: '' };

export function keyFromHref(href: string, base: string, shapes: readonly string[]): string | null {
  const found = hrefPath(href, base);
  if (!found || (found.origin !== null && found.origin !== baseOf(base).origin)) return null;
  const { path } = found;
  for (const shape of shapes) {
    const key = keyInPath(path, shape, false);
    if (key) return key;
  }
  return null;
}
