/**
 * The Public Suffix List's answer for a host (https://github.com/publicsuffix/list/wiki/Format),
 * private suffixes such as github.io included: a host names one site only when it has a label more
 * than its public suffix. The list arrives as one string (scripts/public-suffix-plugin.ts) and
 * becomes a Set the first time it is asked: the worker wakes for every message, and only adding a
 * site or reading a pack needs the list.
 */
import LIST from 'virtual:public-suffix-list';

let rules: Set<string> | undefined;

/** The longest rule that matches wins; an exception rule ("!www.ck") wins over all and gives up its first label. */
export function publicSuffixOf(host: string): string {
  rules ??= new Set(LIST.split('\n'));
  const labels = host.split('.');
  const from = (i: number) => labels.slice(i).join('.');
  for (let i = 0; i < labels.length; i++) if (rules.has(`!${from(i)}`)) return from(i + 1);
  for (let i = 0; i < labels.length; i++) {
    if (rules.has(from(i)) || (i + 1 < labels.length && rules.has(`*.${from(i + 1)}`))) return from(i);
  }
  return labels[labels.length - 1]; // the list's implicit "*" rule: an unlisted top-level domain
}

export const isIpAddress = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^\[?[\da-f]*:[\da-f:.]*\]?$/i.test(host);

/** True for a public suffix ("co.uk", "github.io", "com") and for an IP address: neither is one site. */
export const isPublicSuffix = (host: string): boolean => isIpAddress(host) || publicSuffixOf(host) === host;
