/**
 * Content scripts for the sites the user added. The manifest only names the built-in sites; an
 * added site gets the same scripts registered with scripting.registerContentScripts, for its host
 * only, once the user has granted that host. Registrations are rebuilt from storage at install and
 * startup, and dropped when the user revokes the permission in the browser's settings.
 */
import type { Browser, Scripting } from 'webextension-polyfill';
import { matchPatternsFor, type AddedSite } from '../shared/added-sites';
import { ENGINE_FILE, GENERIC_RULE_FILE, MAIN_WORLD_HOOK_FILE } from '../shared/content-script-files';

const PREFIX = 'added-site:';

/** What an added site runs, as built-in sites do: the MAIN world hook and the engine, with generic mode's rule (no site rule script). */
export const ADDED_SITE_SCRIPTS = { main: [MAIN_WORLD_HOOK_FILE], isolated: [GENERIC_RULE_FILE, ENGINE_FILE] } as const;

let chain: Promise<void> = Promise.resolve();

/**
 * Registrations follow `sites` (the added sites) and the permissions granted. Calls come from
 * install, startup, adding and removing a site and the picker, possibly at once: they run one after
 * another on one chain, so two syncs never read the same registrations and both register a script.
 */
export function syncRegistrations(ext: Browser, sites: Record<string, AddedSite>): Promise<void> {
  const run = chain.then(() => sync(ext, sites));
  chain = run.catch(() => undefined);
  return run;
}

async function sync(ext: Browser, sites: Record<string, AddedSite>): Promise<void> {
  const registered = await ext.scripting.getRegisteredContentScripts();
  const { main, isolated } = ADDED_SITE_SCRIPTS;
  // A registration persists across updates with the files it was made with: one with others is made again.
  const current = (r: Scripting.RegisteredContentScript) => r.js?.join() === (r.id.endsWith(':main') ? main : isolated).join();
  const outdated = registered.filter((r) => r.id.startsWith(PREFIX) && !current(r)).map((r) => r.id);
  const ours = registered.filter((r) => r.id.startsWith(PREFIX) && current(r));
  const granted: string[] = [];
  for (const host of Object.keys(sites)) {
    if (await ext.permissions.contains({ origins: matchPatternsFor(host) })) granted.push(host);
  }
  const stale = [...outdated, ...ours.filter((r) => !granted.some((host) => r.id.startsWith(`${PREFIX}${host}:`))).map((r) => r.id)];
  if (stale.length) await ext.scripting.unregisterContentScripts({ ids: stale });
  const missing: Scripting.RegisteredContentScript[] = [];
  for (const host of granted) {
    const matches = matchPatternsFor(host);
    const base = { matches, runAt: 'document_start' as const, allFrames: true, persistAcrossSessions: true };
    if (!ours.some((r) => r.id === `${PREFIX}${host}:isolated`)) missing.push({ ...base, id: `${PREFIX}${host}:isolated`, js: [...isolated] });
    if (!ours.some((r) => r.id === `${PREFIX}${host}:main`))
      missing.push({ ...base, id: `${PREFIX}${host}:main`, js: [...main], world: 'MAIN' } as Scripting.RegisteredContentScript);
  }
  if (missing.length) await ext.scripting.registerContentScripts(missing);
}
