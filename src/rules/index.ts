/**
 * The built-in site rules, bundled into the content script so masking starts synchronously at
 * document_start, before storage could answer. Each rule is one JSON file; tests/rules checks them.
 */
import type { SiteRule } from '../shared/site-rule';

const files = import.meta.glob<SiteRule>('./*.json', { eager: true, import: 'default' });

export const BUILT_IN_RULES: readonly SiteRule[] = Object.keys(files)
  .sort()
  .map((path) => files[path]);
