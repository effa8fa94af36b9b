/**
 * Which site a page is masked as: a built-in site by its rule's hosts, else a site the user added
 * (named by its host), else none. The popup works it out itself, so that its first paint already
 * has the site's switch and never waits for a sleeping worker.
 */
import { addedSiteFor } from './added-sites';
import { findRuleForHost } from './host-match';
import type { SiteRule } from './rule/fields';

export interface PageSite {
  id: string;
  name: string;
  /** An added site: its id is its host. */
  added?: true;
}

export function siteForUrl(rules: readonly Pick<SiteRule, 'id' | 'name' | 'hosts'>[], addedSites: unknown, url: string): PageSite | null {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return null;
  }
  if (!hostname) return null;
  const rule = findRuleForHost(rules, hostname);
  if (rule) return { id: rule.id, name: rule.name };
  const added = addedSiteFor(addedSites, hostname);
  return added ? { id: added.host, name: added.host, added: true } : null;
}
