/**
 * Bundled into the bench page by layer-cost.ts: the content script's engine, in the page's own
 * world so its passes can be timed, run on the site's real-markup feed with the site's rule as
 * shipped, or with its structural selectors alone.
 */
import { compileRule } from '../../src/content/compile-rule';
import { MaskEngine } from '../../src/content/mask-engine';
import type { SiteRule } from '../../src/shared/rule/fields';
import { cloneDefaults } from '../../src/shared/settings';

export type Variant = 'shipped' | 'structure';

/** Milliseconds in the engine's observer callbacks, and in its layers' pass inside them. */
const spent = { callbacks: 0, layers: 0 };

// Private in TypeScript only: plain methods of the prototype, wrapped to time them.
const engine = MaskEngine.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const [method, into] of [
  ['onMutations', 'callbacks'],
  ['maskByLayers', 'layers'],
] as const) {
  const original = engine[method];
  engine[method] = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      spent[into] += performance.now() - started;
    }
  };
}

/**
 * The rule without its layers of evidence (fallback-layers.ts): no picture addresses, profile
 * links, site sentences or maker links, and neither learned names in labels nor place names.
 */
function structureOnly(rule: SiteRule): ReturnType<typeof compileRule> {
  const { avatarUrls: _addresses, textShapes: _shapes, madeBy: _makers, identity, ...rest } = rule;
  const compiled = compileRule({ ...rest, identity: { ...identity, hrefPaths: [] } }, cloneDefaults().categories);
  return { ...compiled, labels: false, places: false };
}

(globalThis as unknown as { __layerCost: unknown }).__layerCost = {
  start(rule: SiteRule, variant: Variant): void {
    const compiled = variant === 'shipped' ? compileRule(rule, cloneDefaults().categories) : structureOnly(rule);
    // As on a built-in site, whose manifest stylesheet draws what the engine marks (no inline artwork to write).
    new MaskEngine(document, compiled, { label: 'momo', mode: 'crowd', salt: '', site: rule.id, ownHandles: new Set() }, true).start();
  },
  /** What was spent since the last call. */
  take(): typeof spent {
    const taken = { ...spent };
    spent.callbacks = spent.layers = 0;
    return taken;
  },
};
