/**
 * Content scripts declared in the manifest only reach pages loaded after install. Tabs that were
 * already open on a built-in site get the same stylesheet and script injected, so they are masked
 * without a reload. The script guards itself against running twice in a frame.
 */
import type { Browser } from 'webextension-polyfill';

export async function injectIntoOpenTabs(ext: Browser): Promise<void> {
  const manifest = ext.runtime.getManifest();
  // One entry per built-in site: its stylesheet, its rule script, the engine (see scripts/site-rules-plugin.ts).
  const sites = (manifest.content_scripts ?? []).filter((s) => s.js?.length && (s as { world?: string }).world !== 'MAIN');
  if (!sites.length) return;
  const tabs = await ext.tabs.query({ url: sites.flatMap((s) => s.matches ?? []) });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || !tab.url) return;
      const host = new URL(tab.url).hostname;
      const site = sites.find((s) => s.matches?.some((m) => matchesHost(m, host)));
      if (!site?.js) return;
      try {
        if (site.css?.length) await ext.scripting.insertCSS({ target: { tabId: tab.id, allFrames: true }, files: site.css });
        await ext.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: site.js });
      } catch (error) {
        // A tab showing an error page or the browser's own store cannot be scripted; the others still are.
        console.info(`[Momo Mask] tab ${tab.id} not masked until reload:`, error);
      }
    }),
  );
}

function matchesHost(pattern: string, host: string): boolean {
  const patternHost = pattern.split('://')[1]?.split('/')[0] ?? '';
  if (patternHost.startsWith('*.')) return host.endsWith(patternHost.slice(1));
  return host === patternHost;
}
