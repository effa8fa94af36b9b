/**
 * Sites the user added (a forum, an instance): stored under "addedSites" as { [host]: AddedSite }.
 * Each one had its host permission granted by the user at the moment of adding; its content script
 * is registered dynamically (background/site-registrations.ts). With no rule of its own, the site
 * is masked in generic mode (content/generic-rule.ts). Read by hand here: the content script has no zod.
 */
import type { SiteRule } from './rule/fields';

export const ADDED_SITES_KEY = 'addedSites';

export interface AddedSite {
  host: string;
  addedAt: string;
  /** A rule written for this site (the picker, a pack); absent: generic mode. */
  rule?: SiteRule;
}

export function matchPatternsFor(host: string): string[] {
  return [`*://${host}/*`, `*://*.${host}/*`];
}

/** The added site covering `hostname` (itself or a parent domain), if any. */
export function addedSiteFor(stored: unknown, hostname: string): AddedSite | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  for (const [host, site] of Object.entries(stored as Record<string, AddedSite>)) {
    if ((hostname === host || hostname.endsWith(`.${host}`)) && typeof site === 'object' && site !== null && site.host === host) return site;
  }
  return undefined;
}
