/** The popup's only way to the worker and to the tab: typed calls over runtime/tabs messaging. */
import browser from 'webextension-polyfill';
import type { ContentStatus } from '../shared/content-messages';
import type { WorkerMessage, WorkerReply } from '../shared/messages';
import type { Settings } from '../shared/settings';

async function ask<T>(message: WorkerMessage): Promise<T> {
  const reply = (await browser.runtime.sendMessage(message)) as WorkerReply;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

export const getSettings = () => ask<Settings>({ type: 'page:get-settings' });
export const setEnabled = (enabled: boolean) => ask<Settings>({ type: 'page:set-enabled', enabled });
export const setSiteEnabled = (siteId: string, enabled: boolean) => ask<Settings>({ type: 'page:set-site-enabled', siteId, enabled });
export const siteForUrl = (url: string) => ask<{ id: string; name: string } | null>({ type: 'page:get-site-for-url', url });

/**
 * The tab the popup acts on: the active tab when opened from the toolbar; tests open the popup
 * page in a tab of its own and name the target with ?tab=<id>.
 */
export async function targetTab(): Promise<{ id: number; url: string } | null> {
  const given = Number(new URLSearchParams(location.search).get('tab'));
  const tab = given ? await browser.tabs.get(given) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return tab?.id !== undefined && tab.url ? { id: tab.id, url: tab.url } : null;
}

export async function tabStatus(tabId: number): Promise<ContentStatus | null> {
  try {
    return (await browser.tabs.sendMessage(tabId, { type: 'content:get-status' })) as ContentStatus;
  } catch {
    return null; // no content script there (no rule for the site, or a browser page)
  }
}

export const t = (key: string, ...substitutions: string[]) => browser.i18n.getMessage(key, substitutions);
