/**
 * Content scripts for the sites the user added. The manifest only names the built-in sites; an
 * added site gets the same scripts registered with scripting.registerContentScripts, for its host
 * only, once the user has granted that host. Registrations are rebuilt from storage at install and
 * startup, and dropped when the user revokes the permission in the browser's settings.
 */
import type { Browser, Scripting } from 'webextension-polyfill';
import { matchPatternsFor, type AddedSite } from '../shared/added-sites';

const PREFIX = 'added-site:';

/**
 * The manifest's own content script files, so an added site runs what built-in sites run: the MAIN
 * world hook and the engine (the last file of a site entry; the files before it are that site's rule).
 */
export function manifestScripts(ext: Browser): { main?: string[]; isolated?: string[] } {
  const scripts = ext.runtime.getManifest().content_scripts ?? [];
  // Firefox's getManifest() gives the files as full moz-extension:// URLs; registration wants paths.
  const base = ext.runtime.getURL('');
  const relative = (files?: string[]) => files?.map((file) => (file.startsWith(base) ? file.slice(base.length) : file));
  const withJs = scripts.filter((s) => s.js?.length);
  const engine = relative(withJs.find((s) => (s as { world?: string }).world !== 'MAIN')?.js)?.at(-1);
  return {
    main: relative(withJs.find((s) => (s as { world?: string }).world === 'MAIN')?.js),
    isolated: engine ? [engine] : undefined,
  };
}

export async function syncRegistrations(ext: Browser, sites: Record<string, AddedSite>): Promise<void> {
  const registered = await ext.scripting.getRegisteredContentScripts();
  const ours = registered.filter((r) => r.id.startsWith(PREFIX));
  const granted: string[] = [];
  for (const host of Object.keys(sites)) {
    if (await ext.permissions.contains({ origins: matchPatternsFor(host) })) granted.push(host);
  }
  const stale = ours.filter((r) => !granted.some((host) => r.id.startsWith(`${PREFIX}${host}:`))).map((r) => r.id);
  if (stale.length) await ext.scripting.unregisterContentScripts({ ids: stale });
  const { main, isolated } = manifestScripts(ext);
  const missing: Scripting.RegisteredContentScript[] = [];
  for (const host of granted) {
    const matches = matchPatternsFor(host);
    const base = { matches, runAt: 'document_start' as const, allFrames: true, persistAcrossSessions: true };
    if (isolated && !ours.some((r) => r.id === `${PREFIX}${host}:isolated`)) missing.push({ ...base, id: `${PREFIX}${host}:isolated`, js: isolated });
    if (main && !ours.some((r) => r.id === `${PREFIX}${host}:main`)) missing.push({ ...base, id: `${PREFIX}${host}:main`, js: main, world: 'MAIN' } as Scripting.RegisteredContentScript);
  }
  if (missing.length) await ext.scripting.registerContentScripts(missing);
}
