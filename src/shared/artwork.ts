/**
 * Where the momo artwork lives in the build. Pages may load it (an avatar drawn in a page, the
 * picker's header) only as the manifest's web_accessible_resources allow:
 * - AVATAR_PATH on the built-in sites only, at its fixed address (their stylesheets name it by the
 *   extension's id: content/masker.ts SHEET_AVATAR_URL);
 * - ANY_SITE_AVATAR_PATH, a copy, on every site, but in Chrome only at the per-session URL
 *   runtime.getURL gives (use_dynamic_url), so no page can probe a fixed address to learn that Momo
 *   Mask is installed (Firefox's addresses carry a random per-install id already). For the sites the
 *   user added, which the manifest cannot list, and the picker, which runs on any site. The build
 *   copies it: scripts/site-scripts-plugin.ts.
 */
export const AVATAR_PATH = 'momo-avatar.svg';
export const ANY_SITE_AVATAR_PATH = `any-site/${AVATAR_PATH}`;
