/**
 * Whether a host name can be added as a site: a plain host name, and never a public suffix
 * ("co.uk", "github.io"), which would cover every site under it.
 */
import { getDomain, getPublicSuffix } from 'tldts';

export type SiteHostProblem = 'notHost' | 'publicSuffix';

export function checkSiteHost(input: string): { host: string } | { error: string; code: SiteHostProblem; host: string } {
  const host = input.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '').replace(/\.$/, '');
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(host)) {
    return { error: `"${input}" is not a host name like forum.example.org`, code: 'notHost', host };
  }
  if (getPublicSuffix(host, { allowPrivateDomains: true }) === host || getDomain(host, { allowPrivateDomains: true }) === null) {
    return { error: `"${host}" is a public suffix shared by many sites; add one site under it instead`, code: 'publicSuffix', host };
  }
  return { host };
}
