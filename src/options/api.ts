/**
 * What only the options page asks: the sites, their rules, packs, and counts from an open tab of a
 * site. Worker calls go through the pages' ask() (src/ui/api.ts), each reply typed by the one table
 * of replies. The options page keeps the polyfill for its own browser calls (shared/extension-api.ts).
 */
import browser from 'webextension-polyfill';
import { matchPatternsFor } from '../shared/added-sites';
import { LAST_IMPORT_KEY } from '../shared/packs/keys';
import type { ImportChoice } from '../shared/packs/merge';
import type { MessageFields } from '../shared/messages';
import { ask, onStoredChange } from '../ui/api';

export const getSites = () => ask('page:get-sites');
// Sites the user added (components/AddedSites.tsx): the page asks for the permission, the worker registers.
export const getAddedSites = () => ask('page:get-added-sites');
export const getPackSites = () => ask('page:get-pack-sites');
export const addSite = (host: string, engine: 'generic' | 'mastodon') => ask('page:add-site', { host, engine });
export const removeSite = (host: string) => ask('page:remove-site', { host });
export const getRule = (siteId: string) => ask('page:get-rule', { siteId });
export const saveUserRule = (rule: unknown) => ask('page:save-user-rule', { rule });
export const resetUserRule = (siteId: string) => ask('page:reset-user-rule', { siteId });

/** Match patterns for a site's hosts and their subdomains, as the manifest declares them. */
export const hostPatterns = (hosts: readonly string[]) => hosts.flatMap(matchPatternsFor);

/** An open tab of the site (the active one if there is one), or null. */
export async function openTabOf(hosts: readonly string[]): Promise<{ id: number; title: string } | null> {
  if (!hosts.length) return null;
  const tabs = await browser.tabs.query({ url: hostPatterns(hosts) });
  const tab = tabs.find((t) => t.active) ?? tabs[0];
  return tab?.id === undefined ? null : { id: tab.id, title: tab.title ?? tab.url ?? '' };
}

/**
 * How many elements the selector matches in the tab's page (the content script counts, in the top
 * frame and its shadow roots); 'unreadable' when the page cannot read the selector; null when no
 * content script answers (the tab was opened before the extension, or is still loading).
 */
export async function countMatches(tabId: number, selector: string): Promise<number | 'unreadable' | null> {
  try {
    const count = await browser.tabs.sendMessage(tabId, { type: 'content:count-matches', selector }, { frameId: 0 });
    if (typeof count !== 'number') return null;
    return count >= 0 ? count : 'unreadable';
  } catch {
    return null;
  }
}

/** Whether this browser can read the selector at all (a syntax error throws). */
export function browserReads(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

// Rule packs (components/packs-section.tsx): export, a preview that writes nothing, an apply that
// writes all the chosen sites or none, and undo. The worker reads and checks the pack text each time.
export const exportPack = (meta: MessageFields<'page:export-pack'>['meta']) => ask('page:export-pack', { meta });
export const previewPack = (text: string) => ask('page:preview-import', { text });
export const applyPack = (text: string, choices: Record<string, ImportChoice>) => ask('page:apply-import', { text, choices });
export const undoLastImport = () => ask('page:undo-import');

/** The pack title and time of the import an undo would take back, or null when there is none. */
export async function lastImport(): Promise<{ pack: string; at: string } | null> {
  const value: unknown = (await browser.storage.local.get(LAST_IMPORT_KEY))[LAST_IMPORT_KEY];
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return typeof record.pack === 'string' && typeof record.at === 'string' ? { pack: record.pack, at: record.at } : null;
}

/** Calls `then` when the record of the last import changes (an import, an undo, from any page). */
export function onLastImportChanged(then: () => void): () => void {
  return onStoredChange([LAST_IMPORT_KEY], then);
}
