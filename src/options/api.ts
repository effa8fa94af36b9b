/** What only the options page asks: the sites, their rules, and counts from an open tab of a site. */
import browser from 'webextension-polyfill';
import type { AddedSite } from '../shared/added-sites';
import type { PackSite, RuleView, SiteSummary } from '../shared/messages';
import type { SiteRule } from '../shared/rule/fields';
import { ask } from '../popup/api';
import { LAST_IMPORT_KEY } from '../shared/packs/keys';
import type { ImportChoice, ImportPreview } from '../shared/packs/merge';
import type { MomoPack } from '../shared/packs/types';

export const getSites = () => ask<SiteSummary[]>({ type: 'page:get-sites' });
// Sites the user added (components/AddedSites.tsx): the page asks for the permission, the worker registers.
export const getAddedSites = () => ask<AddedSite[]>({ type: 'page:get-added-sites' });
export const getPackSites = () => ask<PackSite[]>({ type: 'page:get-pack-sites' });
export const addSite = (host: string, engine: 'generic' | 'mastodon') => ask<AddedSite>({ type: 'page:add-site', host, engine });
export const removeSite = (host: string) => ask<null>({ type: 'page:remove-site', host });
export const getRule = (siteId: string) => ask<RuleView>({ type: 'page:get-rule', siteId });
export const saveUserRule = (rule: unknown) => ask<SiteRule>({ type: 'page:save-user-rule', rule });
export const resetUserRule = (siteId: string) => ask<null>({ type: 'page:reset-user-rule', siteId });

/** Match patterns for a site's hosts and their subdomains, as the manifest declares them. */
export const hostPatterns = (hosts: readonly string[]) => hosts.flatMap((host) => [`*://${host}/*`, `*://*.${host}/*`]);

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
export const exportPack = (meta: { title: string; author?: string; description?: string }) => ask<{ pack: MomoPack; code: string }>({ type: 'page:export-pack', meta });
export const previewPack = (text: string) => ask<ImportPreview>({ type: 'page:preview-import', text });
export const applyPack = (text: string, choices: Record<string, ImportChoice>) => ask<{ applied: string[] }>({ type: 'page:apply-import', text, choices });
export const undoLastImport = () => ask<{ problems: string[] }>({ type: 'page:undo-import' });

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

/** Calls `then` when one of these keys of storage.local changes (from any page, or the worker). */
export function onStoredChange(keys: readonly string[], then: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && keys.some((key) => key in changes)) then();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
