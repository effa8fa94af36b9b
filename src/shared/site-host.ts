/**
 * Whether a host name can be added as a site: a plain host name, and never a public suffix
 * ("co.uk", "github.io"), which would cover every site under it.
 */
import { isIpAddress, isPublicSuffix } from './public-suffix';

export type SiteHostProblem = 'notHost' | 'publicSuffix';

export function checkSiteHost(input: string): { host: string } | { error: string; code: SiteHostProblem; host: string } {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/\.$/, '');
  if (isIpAddress(host) || !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(host)) {
    return { error: `"${input}" is not a host name like forum.example.org`, code: 'notHost', host };
  }
  if (isPublicSuffix(host)) {
    return { error: `"${host}" is a public suffix shared by many sites; add one site under it instead`, code: 'publicSuffix', host };
  }
  return { host };
}

/**
 * The host a page's site is added under when the user picks on it: the page's host name without
 * "www." (its pattern also covers subdomains, see added-sites.ts), or null for a page that is not
 * on a site of its own (an IP address, localhost, a public suffix, a browser page).
 */
export function pickHostFor(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const checked = checkSiteHost(parsed.hostname.replace(/^www\./, ''));
  return 'error' in checked ? null : checked.host;
}
