/**
 * The picker's dependencies on the browser: where sessions live, how the picker and the masking
 * scripts get into a tab. Kept apart from picker.ts so its logic is tested with fakes.
 */
import type { Browser, Storage } from 'webextension-polyfill';
import pickerScript from '../picker/picker.ts?iife';
import { IMPORTED_RULES_KEY } from '../shared/packs/keys';
import { importedRuleForHost } from '../shared/rule/effective';
import type { PickerDeps, TabMap } from './picker';
import { ADDED_SITE_SCRIPTS } from './site-registrations';

/** A { [tabId]: host } map under one key of storage.session. */
function tabMap(area: Storage.StorageArea, key: string): TabMap {
  const all = async () => ((await area.get(key))[key] ?? {}) as Record<string, string>;
  return {
    all,
    get: async (tabId) => (await all())[tabId],
    set: async (tabId, host) => area.set({ [key]: { ...(await all()), [tabId]: host } }),
    delete: async (tabId) => {
      const map = await all();
      if (!(tabId in map)) return;
      delete map[tabId];
      await area.set({ [key]: map });
    },
  };
}

export function pickerDeps(ext: Browser, base: Pick<PickerDeps, 'rules' | 'userRules' | 'addedSites' | 'hostAccess'>): PickerDeps {
  // storage.session: the worker may be stopped while the user picks; the sessions end with the browser.
  const area = ext.storage.session ?? ext.storage.local;
  return {
    ...base,
    importedRules: async () => (await ext.storage.local.get(IMPORTED_RULES_KEY))[IMPORTED_RULES_KEY],
    importedRuleForHost: async (host) => importedRuleForHost((await ext.storage.local.get(IMPORTED_RULES_KEY))[IMPORTED_RULES_KEY], host),
    sessions: tabMap(area, 'pickerSessions'),
    waiting: tabMap(area, 'pickerWaiting'),
    tabUrl: async (tabId) => (await ext.tabs.get(tabId)).url,
    injectPicker: async (tabId) => void (await ext.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [pickerScript] })),
    startMasking: async (tabId) => {
      const { main, isolated } = ADDED_SITE_SCRIPTS;
      const target = { tabId, allFrames: true };
      await ext.scripting.executeScript({ target, files: [...main], world: 'MAIN' } as Parameters<typeof ext.scripting.executeScript>[0]);
      await ext.scripting.executeScript({ target, files: [...isolated] });
    },
  };
}
