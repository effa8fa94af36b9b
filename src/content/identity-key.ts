/**
 * Reads a person's key from a profile link, by the rule's path shapes: "/user/profile/{key}",
 * "/{key}", "/home/main?id={key}". A "*" in a shape stands for one whole path segment: a group's
 * id before "/user/{key}" (Facebook), a name slug after the key (Stack Exchange). No regular
 * expression comes from a rule: shapes are split at "{key}" and "*" and compared as plain text.
 */

const SEGMENT_END = /[/?&#]/;

/** `text` after `pieces` (literal text, with one path segment between each two) at its start, or null. */
function consume(text: string, pieces: readonly string[]): string | null {
  let rest = text;
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

/** A shape split once, not at each link a page shows: what comes before the key and after it. */
interface ShapeParts {
  before: string[];
  /** The suffix's path part, split at "*"; null when the shape ends at the key. */
  after: string[] | null;
  /** The shape's text ends "{key}/": "/bob" fits it too. */
  slashOnly: boolean;
  /** The key is a query parameter ("main?id={key}"). */
  inQuery: boolean;
}
const shapeParts = new Map<string, ShapeParts>();

function partsOf(shape: string): ShapeParts {
  let parts = shapeParts.get(shape);
  if (!parts) {
    const at = shape.indexOf('{key}');
    const suffix = shape.slice(at + '{key}'.length);
    parts = {
      before: shape.slice(0, at).split('*'),
      after: suffix ? suffix.split(/[?&#]/)[0].split('*') : null,
      slashOnly: suffix === '/',
      inQuery: shape.slice(0, at).includes('?'),
    };
    shapeParts.set(shape, parts);
  }
  return parts;
}

/**
 * The key in `path` (path and query) by `shape`, lowercase. `exact`: the path must be the profile
 * itself, with nothing after the shape but a slash or a query ("/bob/status/1" is a post of bob's,
 * not his profile); otherwise any link under the profile gives its key (pseudonyms).
 */
export function keyInPath(path: string, shape: string, exact: boolean): string | null {
  const parts = partsOf(shape);
  // Most links of a page are not profiles: they fail here, at the shape's first letters.
  if (!path.startsWith(parts.before[0])) return null;
  const afterPrefix = consume(path, parts.before);
  if (afterPrefix === null) return null;
  const end = afterPrefix.search(SEGMENT_END);
  const key = end < 0 ? afterPrefix : afterPrefix.slice(0, end);
  if (!key) return null;
  let tail = afterPrefix.slice(key.length);
  if (parts.after) {
    const afterSuffix = consume(tail, parts.after);
    // "/{key}/" also fits "/bob": a profile address without its last slash.
    if (afterSuffix !== null) tail = afterSuffix;
    else if (!(exact && parts.slashOnly && tail === '')) return null;
  }
  if (exact) {
    // A second "?" in a query-shaped address is more parameters: Tieba writes "main?id=…?t=…".
    const ok = tail === '' || tail === '/' || tail.startsWith('?') || (parts.inQuery ? tail.startsWith('&') : tail.startsWith('/?'));
    if (!ok) return null;
  }
  try {
    return decodeURIComponent(key).toLowerCase();
  } catch {
    return key.toLowerCase();
  }
}

/**
 * An address as the URL parser would leave it, when it is a plain one: an optional "http(s):" and
 * "//host" (lowercase letters, digits, dots and hyphens: no port, no user, no IDN), then a path of
 * printable ASCII with no backslash and no dot segment. Groups: scheme, host, path.
 */
/** A host the URL parser reads as an IPv4 address (its last label a number: "10.0.0.1", "0x7f.1"), which it rewrites. */
const NUMERIC_HOST = /(?:^|\.)(?:0x[0-9a-f]*|\d+)\.?$/i;
const PLAIN_ADDRESS = /^(?:(https?:)?\/\/([a-z0-9.-]+)(?=[/?#]|$))?(\/(?![/\\])(?!.*(?:\/\.|%2e))[!-[\]-~]*)?$/i;

/**
 * The path and query `href` names, with its origin and host (null: the page's own), or null when it is no
 * address. A plain address ("/bob?tab=1", "//www.zhihu.com/people/bob": most links of a feed) is read
 * as it stands: a URL parsed for each link was a tenth of the masking's time on X (issue 17). What the
 * parser would rewrite or resolve elsewhere (dot segments, backslashes, spaces, non-ASCII, ports,
 * relative paths) goes through it.
 */
export function hrefPath(href: string, base: string): { path: string; origin: string | null; host: string | null } | null {
  const plain = PLAIN_ADDRESS.exec(href);
  if (plain && (plain[2] === undefined ? plain[3] !== undefined : !NUMERIC_HOST.test(plain[2]))) {
    const [, scheme, site, rest = '/'] = plain;
    const hash = rest.indexOf('#');
    const path = hash < 0 ? rest : rest.slice(0, hash);
    if (site === undefined) return { path, origin: null, host: null };
    const host = site.toLowerCase();
    return { path, origin: `${scheme?.toLowerCase() ?? baseOf(base).scheme}//${host}`, host };
  }
  try {
    const url = new URL(href, base);
    return { path: `${url.pathname}${url.search}`, origin: url.origin, host: url.hostname };
  } catch {
    return null;
  }
}

/** The page's own origin, host and scheme, parsed once per base address. */
export function baseOf(base: string): { origin: string; host: string; scheme: string } {
  if (base !== lastBase.href) {
    const url = new URL(base);
    lastBase = { href: base, origin: url.origin, host: url.hostname, scheme: url.protocol };
  }
  return lastBase;
}
let lastBase = { href: '', origin: '', host: '', scheme: '' };

/**
 * The key of the person a link on the page is under (their profile or anything of theirs), by the
 * first shape that gives one that is not the site's own page (`notKeys`): "/{key}" fits Facebook's
 * "/groups/1/user/2/" too, and keyed "groups" every member of a group was one pseudonym.
 */
export function keyFromHref(href: string, base: string, shapes: readonly string[], notKeys: ReadonlySet<string>): string | null {
  const found = hrefPath(href, base);
  if (!found || (found.origin !== null && found.origin !== baseOf(base).origin)) return null;
  const { path } = found;
  for (const shape of shapes) {
    const key = keyInPath(path, shape, false);
    if (key && !notKeys.has(key)) return key;
  }
  return null;
}
