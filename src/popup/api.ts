/**
 * The extension pages' only way to the worker, the tab and the browser: typed calls over
 * runtime/tabs messaging. The popup and the options page both use it. Settings are only ever changed
 * by asking the worker (the one writer of storage); pages read storage.onChanged to follow changes
 * made elsewhere (the keyboard command, the context menu, another page).
 */
import type { ContentStatus } from '../shared/content-messages';
import { ADDED_SITES_KEY, matchPatternsFor } from '../shared/added-sites';
import { extensionApi } from '../shared/extension-api';
import type { WorkerMessage, WorkerReply } from '../shared/messages';
import { readSettings, SETTINGS_KEY, type Mode, type Settings } from '../shared/settings';
import type { Category } from '../shared/rule/fields';

const browser = extensionApi();

/** A refusal from the worker; `message` is its text ("names[1]: …" lines for a rule). */
export class WorkerRefusal extends Error {}

export async function ask<T>(message: WorkerMessage): Promise<T> {
  const reply = (await browser.runtime.sendMessage(message)) as WorkerReply | undefined;
  if (!reply) throw new Error('no answer from the extension worker');
  if (!reply.ok) throw new WorkerRefusal(reply.error);
  return reply.value as T;
}

/**
 * Read from storage, not asked of the worker: the popup draws at once, without waking a stopped
 * worker first. readSettings repairs what it reads exactly as the worker does.
 */
export const getSettings = async (): Promise<Settings> => readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).settings;
/** The sites the user added, as stored (read by hand where used: shared/added-sites.ts). */
export const getAddedSites = async (): Promise<unknown> => (await browser.storage.local.get(ADDED_SITES_KEY))[ADDED_SITES_KEY];
export const setEnabled = (enabled: boolean) => ask<Settings>({ type: 'page:set-enabled', enabled });
export const setSiteEnabled = (siteId: string, enabled: boolean) => ask<Settings>({ type: 'page:set-site-enabled', siteId, enabled });
export const setLabel = (label: string) => ask<Settings>({ type: 'page:set-label', label });
export const setMode = (mode: Mode) => ask<Settings>({ type: 'page:set-mode', mode });
export const setCategory = (category: Category, enabled: boolean) => ask<Settings>({ type: 'page:set-category', category, enabled });
export const setOwnHandles = (handles: string[]) => ask<Settings>({ type: 'page:set-own-handles', handles });
export const pickHost = (url: string) => ask<{ host: string; needsPermission: boolean } | null>({ type: 'page:get-pick-host', url });
/** waitForGrant: the permission prompt may still be up; the worker starts the picker once it is granted. */
export const startPicker = (tabId: number, waitForGrant: boolean) => ask<{ host: string; waiting: boolean }>({ type: 'page:start-picker', tabId, waitForGrant });
/** Must be called in the click handler itself, before any await: the browser wants the user's gesture. */
export const requestSiteAccess = (host: string) => browser.permissions.request({ origins: matchPatternsFor(host) });

/** Calls `then` whenever the stored settings change, whoever changed them. Returns the unsubscribe. */
export function onSettingsChanged(then: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) then();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

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

export const TOGGLE_COMMAND = 'toggle-masking';

/** The shortcut the browser actually assigned to the toggle command ("" when none: a suggestion that conflicts is dropped). */
export async function assignedShortcut(): Promise<string> {
  const commands = await browser.commands.getAll();
  return commands.find((command) => command.name === TOGGLE_COMMAND)?.shortcut ?? '';
}

export const isFirefox = () => browser.runtime.getURL('').startsWith('moz-extension:');

/**
 * Opens the browser's own shortcut settings: Firefox has commands.openShortcutSettings() (137+);
 * Chrome lets an extension page open chrome://extensions/shortcuts in a tab.
 */
export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (isFirefox() && commands.openShortcutSettings) await commands.openShortcutSettings();
  else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

export const openOptionsPage = () => browser.runtime.openOptionsPage();
export const optionsPageUrl = () => browser.runtime.getURL('src/options/index.html');

/** A string from _locales/<lang>/messages.json. */
export const t = (key: string, ...substitutions: string[]) => browser.i18n.getMessage(key, substitutions);
export const uiLanguage = () => browser.i18n.getUILanguage();
/** The language of the strings the pages show (the _locales folder the browser picked), e.g. "zh-CN". */
export const pagesLanguage = () => t('languageTag') || uiLanguage();
