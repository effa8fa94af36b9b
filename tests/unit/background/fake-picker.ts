/** The picker's browser side, faked: tab URLs, session maps in memory, injections recorded. */
import type { PickerDeps, TabMap } from '../../../src/background/picker';
import { findRuleForHost } from '../../../src/shared/host-match';
import type { SiteRule } from '../../../src/shared/rule/fields';

function memoryTabMap(): TabMap & { data: Record<string, string> } {
  const data: Record<string, string> = {};
  return {
    data,
    all: async () => ({ ...data }),
    get: async (tabId) => data[tabId],
    set: async (tabId, host) => void (data[tabId] = host),
    delete: async (tabId) => void delete data[tabId],
  };
}

export function fakePickerDeps(
  base: Pick<PickerDeps, 'rules' | 'userRules' | 'addedSites' | 'hostAccess'>,
  tabs: Record<number, string> = {},
  imported: Record<string, SiteRule> = {},
) {
  const injected: number[] = [];
  const masked: number[] = [];
  const sessions = memoryTabMap();
  const waiting = memoryTabMap();
  const deps: PickerDeps = {
    ...base,
    importedRules: async () => Object.fromEntries(Object.entries(imported).map(([id, rule]) => [id, { rule, pack: 'test pack', importedAt: '2026-01-01T00:00:00.000Z' }])),
    importedRuleForHost: async (host) => findRuleForHost(Object.values(imported), host),
    sessions,
    waiting,
    tabUrl: async (tabId) => tabs[tabId],
    injectPicker: async (tabId) => void injected.push(tabId),
    startMasking: async (tabId) => void masked.push(tabId),
  };
  return { deps, injected, masked, sessions: sessions.data, waiting: waiting.data, tabs };
}
