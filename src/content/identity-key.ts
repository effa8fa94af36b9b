/**
 * Reads a person's key from a profile link, by the rule's path shapes: "/user/profile/{key}",
 * "/{key}", "/home/main?id={key}". No regular expression comes from a rule: shapes are split
 * at "{key}" and compared as plain text.
 */
export function keyFromHref(href: string, base: string, shapes: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.origin !== new URL(base).origin) return null;
  const path = `${url.pathname}${url.search}`;
  for (const shape of shapes) {
    const [prefix, suffix = ''] = shape.split('{key}');
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const key = rest.split(/[/?&#]/)[0];
    if (!key || (suffix && !rest.slice(key.length).startsWith(suffix.split(/[?&#]/)[0]))) continue;
    try {
      return decodeURIComponent(key).toLowerCase();
    } catch {
      return key.toLowerCase();
    }
  }
  return null;
}
