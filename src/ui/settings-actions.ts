/**
 * What the user can change from the popup and the options page: each asks the worker, and says what
 * the settings will be, so the control shows the choice at once (see useSettings).
 */
import type { Mode } from '../shared/settings';
import type { Category } from '../shared/rule/fields';
import * as api from './api';
import type { SettingsHandle } from './use-settings';

export function settingsActions(change: SettingsHandle['change']) {
  return {
    setEnabled: (enabled: boolean) =>
      change(
        () => api.setEnabled(enabled),
        (s) => ({ ...s, enabled }),
      ),
    setSiteEnabled: (siteId: string, on: boolean) =>
      change(
        () => api.setSiteEnabled(siteId, on),
        (s) => ({ ...s, disabledSites: on ? s.disabledSites.filter((id) => id !== siteId) : [...new Set([...s.disabledSites, siteId])] }),
      ),
    setLabel: (label: string) =>
      change(
        () => api.setLabel(label),
        (s) => ({ ...s, label }),
      ),
    setMode: (mode: Mode) =>
      change(
        () => api.setMode(mode),
        (s) => ({ ...s, mode }),
      ),
    setCategory: (category: Category, on: boolean) =>
      change(
        () => api.setCategory(category, on),
        (s) => ({ ...s, categories: { ...s.categories, [category]: on } }),
      ),
    setOwnHandles: (handles: string[]) => change(() => api.setOwnHandles(handles)),
  };
}
