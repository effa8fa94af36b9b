import type { Browser } from 'webextension-polyfill';

/**
 * The extension API without the polyfill, to keep the content script small: Firefox has a
 * promise-based `browser`, and Chrome's MV3 `chrome` returns promises for the calls we make here.
 */
export function extensionApi(): Browser {
  const scope = globalThis as unknown as { browser?: Browser; chrome?: Browser };
  return (scope.browser ?? scope.chrome)!;
}
