/**
 * Content scripts declared in the manifest only reach pages loaded after install. Tabs that were
 * already open on a built-in site get the same stylesheet and script injected, so they are masked
 * without a reload. The script guards itself against running twice in a frame.
 */
import type { Browser } from 'webextension-polyfill';

export async function injectIntoOpenTabs(ext: Browser): Promise<void> {
  const manifest = ext.runtime.getManifest();
  const scripts = manifest.content_scripts ?? [];
  const isolated = scripts.find((s) => s.js?.length && !(s as { world?: string }).world);
  if (!isolated?.js) return;
  const tabs = await ext.tabs.query({ url: isolated.matches });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || !tab.url) return;
      const host = new URL(tab.url).hostname;
      const styles = scripts.find((s) => s.css?.length && s.matches?.some((m) => matchesHost(m, host)));
      try {
        if (styles?.css) await ext.scripting.insertCSS({ target: { tabId: tab.id, allFrames: true }, files: styles.css });
        await ext.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: isolated.js! });
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
