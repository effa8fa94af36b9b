/**
 * The worker: answers the extension pages, keeps the settings, shows the badge, handles the
 * keyboard command and the context menu, and brings masking to tabs that were open before the
 * extension was installed or enabled. It keeps nothing in memory that matters: every answer is
 * read from storage, so it can be stopped at any moment.
 */
import { COMMANDS } from '../shared/commands';
import type { Runtime } from 'webextension-polyfill';
import { BUILT_IN_RULES } from '../rules';
import { extensionApi } from '../shared/extension-api';
import type { WorkerReply } from '../shared/messages';
import { SETTINGS_KEY, settingsOf } from '../shared/settings';
import { injectIntoOpenTabs } from './inject-open-tabs';
import { routeMessage, type RouterContext } from './message-router';
import { PackService } from './packs';
import { SubscriptionService } from './subscriptions';
import { SUBSCRIPTIONS_ALARM } from '../shared/packs/subscription';
import { resumeWaitingPickers } from './picker';
import { pickerDeps } from './picker-deps';
import { AddedSitesStore, serialised, SettingsStore, SlowSelectorsStore, UserRulesStore } from './settings-store';
import { migrateStorage } from './storage-migrations';
import { takeScreenshot } from './screenshot';
import { screenshotFromCommand } from './screenshot-command';
import { syncRegistrations } from './site-registrations';
import { SITE_MENU_ID, siteOfUrl, toggleEverywhere, toggleSite, updateAllBadges, updateBadge } from './toolbar';

// The browser's own promise API, not the polyfill: compiling the polyfill took ~2.5 ms of every
// wake (a worker gets no code cache), and both browsers take a promise from onMessage listeners.
const browser = extensionApi();
const store = new SettingsStore(browser.storage.local);
const addedSites = new AddedSitesStore(browser.storage.local);
const userRules = new UserRulesStore(browser.storage.local);
const hostAccess: RouterContext['hostAccess'] = {
  granted: (origins) => browser.permissions.contains({ origins }),
  revoke: async (origins) => void (await browser.permissions.remove({ origins })),
  sync: (sites) => syncRegistrations(browser, sites),
};
// Subscribed packs: fetched only from the addresses subscribed to, daily by an alarm that exists only
// while there is a subscription (none: the extension makes no request at all).
const subscriptions = new SubscriptionService({
  storage: { get: (key) => browser.storage.local.get(key), getMany: (keys) => browser.storage.local.get(keys), set: (items) => browser.storage.local.set(items) },
  settings: store,
  builtIn: BUILT_IN_RULES,
  // Called on the global: fetch called as another object's method throws "Illegal invocation".
  fetch: (input, init) => fetch(input, init),
  granted: hostAccess.granted,
  alarms: browser.alarms,
});
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SUBSCRIPTIONS_ALARM) void subscriptions.checkAll();
});
// Firefox keeps no alarm across a browser restart, and an update may drop it: made again when missing.
browser.runtime.onStartup.addListener(() => void subscriptions.ensureAlarm());
browser.runtime.onInstalled.addListener(() => void subscriptions.ensureAlarm());

const ctx: RouterContext = {
  extensionId: browser.runtime.id,
  extensionOrigin: browser.runtime.getURL(''),
  store,
  userRules,
  addedSites,
  subscriptions,
  packs: new PackService(
    { get: (key) => browser.storage.local.get(key), getMany: (keys) => browser.storage.local.get(keys), set: (items) => browser.storage.local.set(items) },
    store,
    BUILT_IN_RULES,
  ),
  rules: BUILT_IN_RULES,
  hostAccess,
  picker: pickerDeps(browser, { rules: BUILT_IN_RULES, userRules, addedSites, hostAccess }),
  updateBadge: async (tabId) => updateBadge(browser, BUILT_IN_RULES, await store.read(), await browser.tabs.get(tabId)),
  slowSelectors: new SlowSelectorsStore(browser.storage.local),
  screenshot: (request) => takeScreenshot(browser, request),
};
const resyncAddedSites = async () => syncRegistrations(browser, await addedSites.read()).catch((error) => console.warn('[Momo Mask] could not register added sites', error));
// Every stored key brought to its current version, on the one write chain, before anything else writes.
const migrateStored = () =>
  serialised(() =>
    migrateStorage(
      { get: (key) => browser.storage.local.get(key), getMany: (keys) => browser.storage.local.get(keys), set: (items) => browser.storage.local.set(items) },
      BUILT_IN_RULES,
    ),
  )
    .then(({ migrated, problems }) => {
      if (migrated.length || problems.length) console.info('[Momo Mask] storage migrated:', migrated, problems);
    })
    .catch((error) => console.warn('[Momo Mask] could not migrate storage', error));
// The user may revoke a site's permission in the browser's own settings: its script goes with it.
browser.permissions.onRemoved.addListener(() => void resyncAddedSites());
// A site granted from the popup's "Pick on this page": its tab gets the picker now.
browser.permissions.onAdded.addListener(() => void resumeWaitingPickers(ctx.picker));
browser.runtime.onStartup.addListener(() => void migrateStored().then(resyncAddedSites));
const siteMatches = BUILT_IN_RULES.flatMap((rule) => rule.hosts.flatMap((host) => [`*://${host}/*`, `*://*.${host}/*`]));

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  // A failure (storage full, a tab gone) reaches the page as a reply it shows, in either browser.
  routeMessage(message, sender, ctx).catch(
    (error: unknown): WorkerReply => ({
      ok: false,
      error: `message "${String((message as { type?: unknown } | null)?.type)}" failed: ${error instanceof Error ? error.message : String(error)}`,
    }),
  ),
);

function runCommand(command: string): Promise<unknown> {
  if (command === COMMANDS.screenshot) return screenshotFromCommand(browser, ctx.updateBadge);
  return command === COMMANDS.toggle ? toggleEverywhere(store) : Promise.resolve(undefined);
}
browser.commands.onCommand.addListener((command) => void runCommand(command));
// Browser automation cannot press the keys that reach commands.onCommand (a key sent to a page
// stays in the page), so tests, and anyone in the worker's devtools console, run the same handler here.
(globalThis as { momoMaskCommands?: unknown }).momoMaskCommands = { run: runCommand };

browser.contextMenus.onClicked.addListener((info, tab) => {
  const site = siteOfUrl(BUILT_IN_RULES, info.pageUrl ?? tab?.url);
  if (info.menuItemId === SITE_MENU_ID && site) void toggleSite(store, site.id);
});

// Settings changed (from any page, the command or the menu): every tab's badge follows.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes[SETTINGS_KEY]) void updateAllBadges(browser, BUILT_IN_RULES, settingsOf(changes[SETTINGS_KEY].newValue));
});
// No tabs.onUpdated listener: it would wake the worker for every navigation in every tab. A page
// of a built-in site with masking off asks for its badge itself (tab:update-badge).

browser.runtime.onInstalled.addListener(() => {
  // Menus persist across worker restarts but not updates: made again on install and update.
  void browser.contextMenus
    .removeAll()
    .then(() => browser.contextMenus.create({ id: SITE_MENU_ID, title: browser.i18n.getMessage('menuToggleSite'), contexts: ['page'], documentUrlPatterns: siteMatches }));
  void store.read(); // migrates stored settings from an earlier version, makes the salt
  void migrateStored().then(resyncAddedSites);
});

// Installed, updated, or enabled again after being disabled (the worker starts afresh then, and
// storage.session is empty): mask the tabs already open. storage.session survives the worker's
// own idle stops, so this runs once per enable, not on every wake.
void (async () => {
  const session = browser.storage.session;
  const { injected } = session ? await session.get('injected') : { injected: false };
  if (injected) return;
  await session?.set({ injected: true });
  await injectIntoOpenTabs(browser);
  await updateAllBadges(browser, BUILT_IN_RULES, await store.read());
})();
