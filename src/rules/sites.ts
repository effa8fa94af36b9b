/**
 * The built-in sites as the popup needs them, without their selectors: which site a page is on.
 * Only these three fields of each rule file are bundled (JSON named exports); the demo site as in index.ts.
 */
import type { SiteRule } from '../shared/rule/fields';

const ids = {
  ...import.meta.glob<string>('./*.json', { eager: true, import: 'id' }),
  ...(__MOMO_DEMO__ ? import.meta.glob<string>('./demo/*.json', { eager: true, import: 'id' }) : {}),
};
const names = {
  ...import.meta.glob<string>('./*.json', { eager: true, import: 'name' }),
  ...(__MOMO_DEMO__ ? import.meta.glob<string>('./demo/*.json', { eager: true, import: 'name' }) : {}),
};
const hosts = {
  ...import.meta.glob<string[]>('./*.json', { eager: true, import: 'hosts' }),
  ...(__MOMO_DEMO__ ? import.meta.glob<string[]>('./demo/*.json', { eager: true, import: 'hosts' }) : {}),
};

export const BUILT_IN_SITES: readonly Pick<SiteRule, 'id' | 'name' | 'hosts'>[] = Object.keys(ids)
  .sort()
  .map((path) => ({ id: ids[path], name: names[path], hosts: hosts[path] }));
