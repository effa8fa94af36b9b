/**
 * The built-in sites as the popup needs them, without their selectors: which site a page is on.
 * Only these three fields of each rule file are bundled (JSON named exports).
 */
import type { SiteRule } from '../shared/site-rule';

const ids = import.meta.glob<string>('./*.json', { eager: true, import: 'id' });
const names = import.meta.glob<string>('./*.json', { eager: true, import: 'name' });
const hosts = import.meta.glob<string[]>('./*.json', { eager: true, import: 'hosts' });

export const BUILT_IN_SITES: readonly Pick<SiteRule, 'id' | 'name' | 'hosts'>[] = Object.keys(ids)
  .sort()
  .map((path) => ({ id: ids[path], name: names[path], hosts: hosts[path] }));
