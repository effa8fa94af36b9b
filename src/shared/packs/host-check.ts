/**
 * A pack's host must name one site, never more: no match patterns, wildcards or IP addresses, and
 * never a public suffix ("co.uk", "github.io"), which would cover every site registered under it
 * (a host also covers its subdomains, see shared/host-match.ts). The public suffix list includes
 * private suffixes such as github.io (shared/public-suffix.ts).
 */
import { isIpAddress, isPublicSuffix } from '../public-suffix';
import { forbiddenText } from './safe-text';

/** A host name as the browser shows it: lowercase labels, no scheme, path, port or wildcard. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Why `value` cannot be a pack host, or undefined when it names one site. */
export function hostProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'expected a host name (text)';
  const text = forbiddenText(value);
  if (text) return text;
  if (value === '<all_urls>' || /^\*(:\/\/\*\/\*)?$/.test(value) || value.includes('://')) {
    return `"${value}" is a match pattern; a pack names plain host names like "example.com"`;
  }
  if (value.includes('*')) return `"${value}" has a wildcard; a pack names plain host names (each covers its subdomains)`;
  if (isIpAddress(value) || /^[\d.]+(\/\d+)?$/.test(value) || /^\[?[\da-f]*:[\da-f:.]*\]?(\/\d+)?$/i.test(value)) {
    return `"${value}" is an IP address or range; a pack names sites by host name`;
  }
  if (!HOST_NAME.test(value)) return `"${value}" is not a host name like "example.com"`;
  if (isPublicSuffix(value)) {
    return `"${value}" is a public suffix: it would cover every site under it`;
  }
  return undefined;
}
