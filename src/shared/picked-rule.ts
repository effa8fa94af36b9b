/**
 * What the element picker saves: the selectors the user accepted, per kind, folded into the site's
 * rule. A site with a rule keeps it and gains the picked selectors (a redesign broke one list, the
 * rest still works); a site without one gets a rule of its own.
 */
import type { SiteRule } from './rule/fields';

export const PICK_KINDS = ['avatars', 'names', 'handles', 'locations'] as const;
export type PickKind = (typeof PICK_KINDS)[number];
export type PickedSelectors = Partial<Record<PickKind, string[]>>;

/** A rule id from a host name: "forum.example.org" → "forum-example-org". */
export function siteIdForHost(host: string): string {
  return (
    host
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'site'
  );
}

export function ruleWithPicks(base: SiteRule | undefined, host: string, picks: PickedSelectors): SiteRule {
  const rule: SiteRule = base ? { ...base } : { id: siteIdForHost(host), name: host, hosts: [host] };
  for (const kind of PICK_KINDS) {
    const picked = picks[kind];
    if (picked?.length) rule[kind] = [...new Set([...(rule[kind] ?? []), ...picked])];
  }
  return rule;
}
