/**
 * The content script files as the build writes them (crxjs builds each standalone file at its
 * source path, .js): the build checks the manifest names them, and the worker registers them for
 * the sites the user adds. Named once, so neither side guesses from the manifest's order.
 */
export const MAIN_WORLD_HOOK_FILE = 'src/content/main-world-shadow-hook.js';
export const ENGINE_FILE = 'src/content/index.js';
/** Per built-in site, beside the engine: its rule script and its stylesheet. */
export const siteRuleFile = (siteId: string) => `src/site-rules/${siteId}.js`;
export const siteStylesheetFile = (siteId: string) => `src/site-css/${siteId}.css`;
/** For the sites the user adds, beside the engine: generic mode's rule (content/generic-rule.ts), out of the engine's bundle. */
export const GENERIC_RULE_FILE = 'src/site-rules/generic-mode.js';
