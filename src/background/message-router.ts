/**
 * Routes messages to the worker. Every message is parsed before use; settings may only be changed
 * by the extension's own pages, never by a content script or another extension.
 */
import { checkRule, problemLines } from '../shared/rule/check';
import { parseWorkerMessage, type MessageType, type Replies, type ReplyTo, type RuleView, type SiteSummary, type WorkerReply } from '../shared/messages';
import { normalizeHandle } from '../shared/settings';
import type { SiteRule } from '../shared/rule/fields';
import { matchPatternsFor } from '../shared/added-sites';
import { checkSiteHost } from '../shared/site-host';
import type { PackService } from './packs';
import type { ShotRequest } from './screenshot';
import type { ShotOutcome } from '../shared/screenshot';
import { cancelPicker, pickTargetFor, savePicks, startPicker, type PickerDeps } from './picker';
import type { AddedSitesStore, SettingsStore, SlowSelectorsStore, UserRulesStore } from './settings-store';
import { hostCovers } from '../shared/host-match';
import type { SubscriptionService } from './subscriptions';

const hostOf = (url: string | undefined): string | null => {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
};

export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

export interface RouterContext {
  extensionId: string;
  /** The extension's own base URL: chrome-extension://<id>/ or moz-extension://<uuid>/. */
  extensionOrigin: string;
  store: SettingsStore;
  userRules: UserRulesStore;
  addedSites: AddedSitesStore;
  packs: PackService;
  /** Subscribed packs: fetch, merge, answers to waiting parts (subscriptions.ts). */
  subscriptions: SubscriptionService;
  picker: PickerDeps;
  rules: readonly SiteRule[];
  /** The browser's host permissions and script registrations (a fake in unit tests). */
  hostAccess: {
    granted(origins: string[]): Promise<boolean>;
    revoke(origins: string[]): Promise<void>;
    sync(sites: Awaited<ReturnType<AddedSitesStore['read']>>): Promise<void>;
  };
  /** Sets a tab's toolbar badge from the settings and the tab's own address (toolbar.ts). */
  updateBadge(tabId: number): Promise<void>;
  slowSelectors: SlowSelectorsStore;
  /** The masked screenshot of a tab (screenshot.ts). */
  screenshot(request: ShotRequest): Promise<ShotOutcome>;
}

export function isExtensionPage(sender: Sender, ctx: RouterContext): boolean {
  return sender.id === ctx.extensionId && typeof sender.url === 'string' && sender.url.startsWith(ctx.extensionOrigin);
}

/** An answer to the message, its value checked against what the pages expect of it (Replies). */
const ok = <K extends MessageType>(_message: { type: K }, value: Replies[K]): ReplyTo<K> => ({ ok: true, value });

/** The answer of work that refuses by throwing (a subscription's address, fetch or checks): its refusal, as the page shows it. */
async function settle<K extends MessageType>(message: { type: K }, work: () => Promise<Replies[K]>): Promise<ReplyTo<K>> {
  try {
    return ok(message, await work());
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function routeMessage(raw: unknown, sender: Sender, ctx: RouterContext): Promise<WorkerReply> {
  const parsed = parseWorkerMessage(raw);
  if (!parsed.success) {
    const type = typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type) : typeof raw;
    return { ok: false, error: `message "${type}" refused: ${parsed.problems.join('; ')}` };
  }
  const message = parsed.data;
  if (message.type === 'picker:save' || message.type === 'picker:cancel') {
    if (sender.id !== ctx.extensionId) return { ok: false, error: `message "${message.type}" refused: not from this extension` };
    return message.type === 'picker:save'
      ? (savePicks(message.selectors, sender, ctx.picker) satisfies Promise<ReplyTo<'picker:save'>>)
      : (cancelPicker(sender, ctx.picker) satisfies Promise<ReplyTo<'picker:cancel'>>);
  }
  if (message.type === 'tab:update-badge') {
    const tabId = sender.tab?.id;
    if (sender.id !== ctx.extensionId || tabId === undefined || sender.frameId !== 0)
      return { ok: false, error: `message "${message.type}" refused: only a tab's own page may send it` };
    await ctx.updateBadge(tabId);
    return ok(message, null);
  }
  if (message.type === 'tab:report-slow-selectors') {
    // Only the content script of a tab on that site's own page: a page cannot fill another site's list.
    const rule = ctx.rules.find((r) => r.id === message.siteId);
    const host = hostOf(sender.url);
    if (sender.id !== ctx.extensionId || sender.tab?.id === undefined || !rule || !host || !rule.hosts.some((h) => hostCovers(h, host)))
      return { ok: false, error: `message "${message.type}" refused: only a page of that site may send it` };
    await ctx.slowSelectors.record(message.siteId, message.selectors, new Date());
    return ok(message, null);
  }
  if (!isExtensionPage(sender, ctx)) return { ok: false, error: `message "${message.type}" refused: only the extension's own pages may send it` };

  switch (message.type) {
    case 'page:get-settings':
      return ok(message, await ctx.store.read());
    case 'page:set-enabled':
      return ok(message, await ctx.store.update((s) => ({ ...s, enabled: message.enabled })));
    case 'page:set-site-enabled': {
      const known = ctx.rules.some((rule) => rule.id === message.siteId) || Object.hasOwn(await ctx.addedSites.read(), message.siteId);
      if (!known) return { ok: false, error: `unknown site "${message.siteId}"` };
      return ok(
        message,
        await ctx.store.update((s) => ({
          ...s,
          disabledSites: message.enabled ? s.disabledSites.filter((id) => id !== message.siteId) : [...new Set([...s.disabledSites, message.siteId])],
        })),
      );
    }
    case 'page:set-label':
      return ok(message, await ctx.store.update((s) => ({ ...s, label: message.label })));
    case 'page:set-mode':
      return ok(message, await ctx.store.update((s) => ({ ...s, mode: message.mode })));
    case 'page:set-category':
      return ok(message, await ctx.store.update((s) => ({ ...s, categories: { ...s.categories, [message.category]: message.enabled } })));
    case 'page:set-own-handles':
      return ok(message, await ctx.store.update((s) => ({ ...s, ownHandles: [...new Set(message.handles.map(normalizeHandle).filter(Boolean))] })));
    case 'page:get-sites': {
      const [settings, userRules] = await Promise.all([ctx.store.read(), ctx.userRules.read()]);
      const sites: SiteSummary[] = ctx.rules.map((rule) => ({
        id: rule.id,
        name: rule.name,
        hosts: rule.hosts,
        enabled: !settings.disabledSites.includes(rule.id),
        edited: Object.hasOwn(userRules, rule.id),
      }));
      return ok(message, sites);
    }
    case 'page:get-rule': {
      const builtIn = ctx.rules.find((rule) => rule.id === message.siteId);
      if (!builtIn) return { ok: false, error: `unknown site "${message.siteId}"` };
      const userRules = await ctx.userRules.read();
      const edited = Object.hasOwn(userRules, builtIn.id);
      const slow = (await ctx.slowSelectors.read())[builtIn.id] ?? [];
      const view: RuleView = { rule: edited ? userRules[builtIn.id] : builtIn, builtIn, edited, slow };
      return ok(message, view);
    }
    case 'page:save-user-rule': {
      const { rule, problems } = checkRule(message.rule, { builtIn: Object.fromEntries(ctx.rules.map((r) => [r.id, r])) });
      if (!rule) return { ok: false, error: problemLines(problems).join('\n') };
      if (!ctx.rules.some((r) => r.id === rule.id)) return { ok: false, error: `id: no built-in site is called "${rule.id}"` };
      await ctx.userRules.update((rules) => ({ ...rules, [rule.id]: rule }));
      return ok(message, rule);
    }
    case 'page:add-site': {
      const checked = checkSiteHost(message.host);
      if ('error' in checked) return { ok: false, error: checked.error };
      const { host } = checked;
      if (ctx.rules.some((rule) => rule.hosts.some((h) => host === h || host.endsWith(`.${h}`)))) {
        return { ok: false, error: `${host} is already built in` };
      }
      if (!(await ctx.hostAccess.granted(matchPatternsFor(host)))) return { ok: false, error: `permission for ${host} was not granted` };
      // A Mastodon instance wears the built-in Mastodon rule (Mastodon's own markup), on its own host.
      const engineRule = message.engine === 'mastodon' ? ctx.rules.find((rule) => rule.id === 'mastodon') : undefined;
      const site = { host, addedAt: new Date().toISOString(), ...(engineRule ? { rule: { ...engineRule, hosts: [host] } } : {}) };
      const sites = await ctx.addedSites.update((current) => ({ ...current, [host]: site }));
      await ctx.hostAccess.sync(sites);
      return ok(message, sites[host]);
    }
    case 'page:remove-site': {
      const host = message.host.trim().toLowerCase();
      const sites = await ctx.addedSites.update((current) => Object.fromEntries(Object.entries(current).filter(([h]) => h !== host)));
      await ctx.hostAccess.sync(sites);
      await ctx.hostAccess.revoke(matchPatternsFor(host));
      return ok(message, null);
    }
    case 'page:get-pack-sites':
      return ok(message, await ctx.packs.packSites());
    case 'page:export-pack':
      return ok(message, await ctx.packs.export(message.meta));
    case 'page:preview-import':
      return ok(message, await ctx.packs.preview(message.text));
    case 'page:apply-import': {
      const result = await ctx.packs.apply(message.text, message.choices);
      return result.ok ? ok(message, result) : { ok: false, error: result.problems.join('\n') };
    }
    case 'page:undo-import': {
      const result = await ctx.packs.undo();
      return result.ok ? ok(message, result) : { ok: false, error: result.problems.join('\n') };
    }
    case 'page:get-subscriptions':
      return ok(message, await ctx.subscriptions.list());
    case 'page:subscribe':
      return settle(message, () => ctx.subscriptions.subscribe(message.url));
    case 'page:check-subscription':
      return settle(message, () => ctx.subscriptions.check(message.url));
    case 'page:resolve-subscription':
      return settle(message, () => ctx.subscriptions.resolve(message.url, message.key, message.choice));
    case 'page:unsubscribe':
      return settle(message, async () => {
        await ctx.subscriptions.unsubscribe(message.url);
        return null;
      });
    case 'page:get-added-sites':
      return ok(message, Object.values(await ctx.addedSites.read()));
    case 'page:reset-user-rule':
      await ctx.userRules.update((rules) => Object.fromEntries(Object.entries(rules).filter(([id]) => id !== message.siteId)));
      return ok(message, null);
    case 'page:get-pick-host': {
      const target = await pickTargetFor(message.url, ctx.picker);
      return ok(message, target && { host: target.host, needsPermission: target.kind !== 'built-in' });
    }
    case 'page:start-picker':
      return startPicker(message.tabId, ctx.picker, message.waitForGrant) satisfies Promise<ReplyTo<'page:start-picker'>>;
    case 'page:take-screenshot':
      return ok(message, await ctx.screenshot({ tabId: message.tabId, scope: message.scope, confirmed: message.confirmed, copyInTab: false }));
  }
}
