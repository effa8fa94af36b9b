/**
 * What the browser chrome shows: the toolbar badge ("OFF" on a tab of a built-in site where masking
 * is off, nothing where it is on), the keyboard command that toggles masking everywhere (for the
 * moment before a screen-share), and the right-click item that masks or unmasks the current site.
 */
import type { Browser, Tabs } from 'webextension-polyfill';
import { findRuleForHost } from '../shared/host-match';
import { isMaskingOn, type Settings } from '../shared/settings';
import type { SiteRule } from '../shared/rule/fields';
import type { SettingsStore } from './settings-store';

export const SITE_MENU_ID = 'toggle-site';

export function siteOfUrl(rules: readonly SiteRule[], url: string | undefined): SiteRule | undefined {
  if (!url) return undefined;
  try {
    return findRuleForHost(rules, new URL(url).hostname);
  } catch {
    return undefined;
  }
}

export async function updateBadge(ext: Browser, rules: readonly SiteRule[], settings: Settings, tab: Pick<Tabs.Tab, 'id' | 'url'>): Promise<void> {
  if (tab.id === undefined) return;
  const site = siteOfUrl(rules, tab.url);
  const off = site !== undefined && !isMaskingOn(settings, site.id);
  await ext.action.setBadgeText({ tabId: tab.id, text: off ? ext.i18n.getMessage('badgeOff') : '' });
  if (off) await ext.action.setBadgeBackgroundColor({ tabId: tab.id, color: '#6d6272' });
}

export async function updateAllBadges(ext: Browser, rules: readonly SiteRule[], settings: Settings): Promise<void> {
  const tabs = await ext.tabs.query({});
  await Promise.all(tabs.map((tab) => updateBadge(ext, rules, settings, tab).catch(() => undefined)));
}

/** The keyboard command: masking off everywhere if it is on, on if it is off. */
export function toggleEverywhere(store: SettingsStore): Promise<Settings> {
  return store.update((s) => ({ ...s, enabled: !s.enabled }));
}

/** The context menu item: this site off if masking runs on it, else on (and masking on everywhere). */
export function toggleSite(store: SettingsStore, siteId: string): Promise<Settings> {
  return store.update((s) => {
    const on = isMaskingOn(s, siteId);
    const disabledSites = on ? [...new Set([...s.disabledSites, siteId])] : s.disabledSites.filter((id) => id !== siteId);
    return { ...s, enabled: on ? s.enabled : true, disabledSites };
  });
}
