/**
 * The worker: answers the extension pages, keeps the settings, and brings masking to tabs that
 * were open before the extension was installed or enabled. It keeps nothing in memory that
 * matters: every answer is read from storage.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { BUILT_IN_RULES } from '../rules';
import { injectIntoOpenTabs } from './inject-open-tabs';
import { routeMessage, type RouterContext } from './message-router';
import { SettingsStore } from './settings-store';

const ctx: RouterContext = {
  extensionId: browser.runtime.id,
  extensionOrigin: browser.runtime.getURL(''),
  store: new SettingsStore(browser.storage.local),
  rules: BUILT_IN_RULES,
};

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => routeMessage(message, sender, ctx));

// Installed, updated, or enabled again after being disabled (the worker starts afresh then, and
// storage.session is empty): mask the tabs already open. storage.session survives the worker's
// own idle stops, so this runs once per enable, not on every wake.
void (async () => {
  const session = browser.storage.session;
  const { injected } = session ? await session.get('injected') : { injected: false };
  if (injected) return;
  await session?.set({ injected: true });
  await injectIntoOpenTabs(browser);
})();
