/**
 * Routes messages to the worker. Every message is parsed before use; settings may only be changed
 * by the extension's own pages, never by a content script or another extension.
 */
import { findRuleForHost } from '../shared/host-match';
import { WorkerMessage, type SiteSummary, type WorkerReply } from '../shared/messages';
import { normalizeHandle } from '../shared/settings';
import type { SiteRule } from '../shared/site-rule';
import type { SettingsStore } from './settings-store';

export interface Sender {
  id?: string;
  url?: string;
  tab?: unknown;
}

export interface RouterContext {
  extensionId: string;
  /** The extension's own base URL: chrome-extension://<id>/ or moz-extension://<uuid>/. */
  extensionOrigin: string;
  store: SettingsStore;
  rules: readonly SiteRule[];
}

export function isExtensionPage(sender: Sender, ctx: RouterContext): boolean {
  return sender.id === ctx.extensionId && typeof sender.url === 'string' && sender.url.startsWith(ctx.extensionOrigin);
}

export async function routeMessage(raw: unknown, sender: Sender, ctx: RouterContext): Promise<WorkerReply> {
  const parsed = WorkerMessage.safeParse(raw);
  if (!parsed.success) {
    const type = typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type) : typeof raw;
    return { ok: false, error: `message "${type}" refused: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}` };
  }
  const message = parsed.data;
  if (!isExtensionPage(sender, ctx)) return { ok: false, error: `message "${message.type}" refused: only the extension's own pages may send it` };

  switch (message.type) {
    case 'page:get-settings':
      return { ok: true, value: await ctx.store.read() };
    case 'page:set-enabled':
      return { ok: true, value: await ctx.store.update((s) => ({ ...s, enabled: message.enabled })) };
    case 'page:set-site-enabled': {
      if (!ctx.rules.some((rule) => rule.id === message.siteId)) return { ok: false, error: `unknown site "${message.siteId}"` };
      return {
        ok: true,
        value: await ctx.store.update((s) => ({
          ...s,
          disabledSites: message.enabled ? s.disabledSites.filter((id) => id !== message.siteId) : [...new Set([...s.disabledSites, message.siteId])],
        })),
      };
    }
    case 'page:set-label':
      return { ok: true, value: await ctx.store.update((s) => ({ ...s, label: message.label })) };
    case 'page:set-mode':
      return { ok: true, value: await ctx.store.update((s) => ({ ...s, mode: message.mode })) };
    case 'page:set-category':
      return { ok: true, value: await ctx.store.update((s) => ({ ...s, categories: { ...s.categories, [message.category]: message.enabled } })) };
    case 'page:set-own-handles':
      return { ok: true, value: await ctx.store.update((s) => ({ ...s, ownHandles: [...new Set(message.handles.map(normalizeHandle).filter(Boolean))] })) };
    case 'page:get-sites': {
      const settings = await ctx.store.read();
      const sites: SiteSummary[] = ctx.rules.map((rule) => ({ id: rule.id, name: rule.name, hosts: rule.hosts, enabled: !settings.disabledSites.includes(rule.id) }));
      return { ok: true, value: sites };
    }
    case 'page:get-site-for-url': {
      let host = '';
      try {
        host = new URL(message.url).hostname;
      } catch {
        return { ok: true, value: null };
      }
      const rule = findRuleForHost(ctx.rules, host);
      return { ok: true, value: rule ? { id: rule.id, name: rule.name } : null };
    }
  }
}
