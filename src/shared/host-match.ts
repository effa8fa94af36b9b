import type { SiteRule } from './rule/fields';

/** True when `hostname` is `host` or one of its subdomains (old.reddit.com for reddit.com). */
export function hostCovers(host: string, hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === host || h.endsWith(`.${host}`);
}

/** The rule for a page's host; rules are keyed by host, never by path, so SPA navigation keeps them. */
export function findRuleForHost<R extends Pick<SiteRule, 'hosts'>>(rules: readonly R[], hostname: string): R | undefined {
  return rules.find((rule) => rule.hosts.some((host) => hostCovers(host, hostname)));
}
