/**
 * The canonical text of a rule file: keys in the order of the SiteRule interface, two-space JSON,
 * a trailing newline. Built-in files are stored this way (tests check it) so diffs stay readable.
 */
import type { SiteRule } from './site-rule';

const KEY_ORDER: (keyof SiteRule)[] = [
  'id', 'name', 'hosts', 'avatars', 'names', 'handles', 'mentions', 'locations', 'locationText', 'attributes', 'shadowHosts', 'titles', 'identity', 'self',
];

export function formatRule(rule: SiteRule): string {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (rule[key] !== undefined) ordered[key] = rule[key];
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
