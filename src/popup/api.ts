/**
 * What only the popup asks: the tab it acts on, that tab's content script, the sites the user
 * added, and the picker. The calls both pages make are in src/ui/api.ts; like them, these use the
 * browser's own API, never the polyfill (shared/extension-api.ts).
 */
import type { ContentStatus, MaskingReport } from '../shared/content-messages';
import { ADDED_SITES_KEY, matchPatternsFor } from '../shared/added-sites';
import { extensionApi } from '../shared/extension-api';
import { ask } from '../ui/api';
import { LAST_SHOT_KEY, type ShotScope } from '../shared/screenshot';

const browser = extensionApi();

/** The sites the user added, as stored (read by hand where used: shared/added-sites.ts). */
export const getAddedSites = async (): Promise<unknown> => (await browser.storage.local.get(ADDED_SITES_KEY))[ADDED_SITES_KEY];
export const pickHost = (url: string) => ask('page:get-pick-host', { url });
/** waitForGrant: the permission prompt may still be up; the worker starts the picker once it is granted. */
export const startPicker = (tabId: number, waitForGrant: boolean) => ask('page:start-picker', { tabId, waitForGrant });
/** Must be called in the click handler itself, before any await: the browser wants the user's gesture. */
export const requestSiteAccess = (host: string) => browser.permissions.request({ origins: matchPatternsFor(host) });

/** Tests (and the benchmarks) open the popup as a page of its own, naming its tab with ?tab=. */
export const openedAsTab = () => new URLSearchParams(location.search).has('tab');

/**
 * The tab the popup acts on: the active tab when opened from the toolbar (activeTab lets the popup
 * read its address even on a site the extension has no access to yet). Tests open the popup page in
 * a tab of its own and name the target with ?tab=<id>; no toolbar click grants activeTab then, so
 * for a site without access they pass its address too (&url=). The worker never trusts it: it reads
 * the tab's real address, once granted, before injecting anything.
 */
export async function targetTab(): Promise<{ id: number; url: string } | null> {
  const params = new URLSearchParams(location.search);
  const given = Number(params.get('tab'));
  const tab = given ? await browser.tabs.get(given) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  const url = tab?.url ?? (given ? params.get('url') : null);
  return tab?.id !== undefined && url ? { id: tab.id, url } : null;
}

export async function tabStatus(tabId: number): Promise<ContentStatus | null> {
  try {
    return ((await browser.tabs.sendMessage(tabId, { type: 'content:get-status' }, { frameId: 0 })) as ContentStatus | undefined) ?? null;
  } catch {
    return null; // no content script there (no rule for the site, a browser page, or not loaded yet)
  }
}

/** What the rule matched on the tab, for "Copy a report" (shared/content-messages.ts: no identity in it). */
export async function tabReport(tabId: number): Promise<MaskingReport> {
  return (await browser.tabs.sendMessage(tabId, { type: 'content:get-report' }, { frameId: 0 })) as MaskingReport;
}

/** The masked screenshot of the tab (background/screenshot.ts); confirmed: asked again after the fallback warning. */
export const takeScreenshot = (tabId: number, scope: ShotScope, confirmed: boolean) => ask('page:take-screenshot', { tabId, scope, confirmed });

/** Copies the PNG (a data: URL) to the clipboard; false when the browser refused. */
export async function copyPng(dataUrl: string): Promise<boolean> {
  try {
    const png = await (await fetch(dataUrl)).blob();
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
    return true;
  } catch {
    return false;
  }
}

/** What the screenshot shortcut last said on this tab, if it was used there (background/screenshot-command.ts). */
export async function lastCommandShot(tabId: number): Promise<string> {
  const last = (await browser.storage.session.get(LAST_SHOT_KEY))[LAST_SHOT_KEY] as { tabId?: unknown; message?: unknown } | undefined;
  return last?.tabId === tabId && typeof last.message === 'string' ? last.message : '';
}

export const openOptionsPage = () => browser.runtime.openOptionsPage();
export const optionsPageUrl = () => browser.runtime.getURL('src/options/index.html');
