import type { Browser } from 'webextension-polyfill';

/**
 * The extension API without the polyfill, for the hot paths: the content script (small, runs on
 * every page), the popup (its first paint waits for its script; the polyfill was a quarter of it)
 * and the worker (it compiles everything it loads at every wake). Firefox has a promise-based
 * `browser`, and Chrome's MV3 `chrome` returns promises for the calls these make. The options page
 * keeps the polyfill.
 */
export function extensionApi(): Browser {
  const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };
  return (scope.browser ?? scope.chrome)!;
}
