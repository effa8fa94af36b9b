/**
 * The built-in site rules for the worker and the pages. Each rule is one JSON file, checked by the
 * build (scripts/site-rules-plugin.ts) and by tests/rules. The demo site's rule (src/rules/demo/)
 * is in the demo and test builds only (__MOMO_DEMO__, set by vite.config.ts and vitest.config.ts).
 */
import type { SiteRule } from '../shared/rule/fields';

const files = {
  ...import.meta.glob<SiteRule>('./*.json', { eager: true, import: 'default' }),
  ...(__MOMO_DEMO__ ? import.meta.glob<SiteRule>('./demo/*.json', { eager: true, import: 'default' }) : {}),
};

export const BUILT_IN_RULES: readonly SiteRule[] = Object.keys(files)
  .sort()
  .map((path) => files[path]);
