/** A SubscriptionService for tests that do not fetch: any request it would make fails the test. */
import type { StorageArea, SettingsStore } from '../../../src/background/settings-store';
import { SubscriptionService } from '../../../src/background/subscriptions';
import type { SiteRule } from '../../../src/shared/rule/fields';

export function offlineSubscriptions(storage: StorageArea & { getMany(keys: string[]): Promise<Record<string, unknown>> }, settings: SettingsStore, builtIn: readonly SiteRule[]) {
  return new SubscriptionService({
    storage,
    settings,
    builtIn,
    fetch: () => Promise.reject(new Error('this test makes no request')),
    granted: async () => false,
    alarms: { get: async () => undefined, create: () => undefined, clear: async () => true },
  });
}
