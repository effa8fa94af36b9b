/**
 * Google Chrome (137+ ignores --load-extension) with the extension loaded through the DevTools
 * protocol: `Extensions.loadUnpacked`, which Chrome accepts only over --remote-debugging-pipe and
 * with --enable-unsafe-extension-debugging. Playwright always drives Chromium over that pipe, and a
 * persistent context still has a Browser, whose browser-level CDP session reaches the Extensions
 * domain: so the demo's Playwright code serves the feed the same way as with Chromium.
 * Debian's Chromium accepts this path as well (that is how it is tested here).
 */
import { chromium } from 'playwright-core';
import { chromiumOptions, extensionIdOf, profileDir, type ChromiumSession } from './launch-chromium';

export async function launchChromeCdp(executablePath: string, extensionDir: string, headed: boolean): Promise<ChromiumSession> {
  const context = await chromium.launchPersistentContext(profileDir(), {
    ...chromiumOptions(executablePath, headed, ['--enable-unsafe-extension-debugging']),
    // Playwright's defaults switch extensions off altogether; the flag path escapes that with
    // --disable-extensions-except, which this path has no use for.
    ignoreDefaultArgs: ['--disable-extensions'],
  });
  try {
    const browser = context.browser();
    if (!browser) throw new Error('Playwright gave no Browser for this context: cannot reach the DevTools protocol');
    const cdp = await browser.newBrowserCDPSession();
    const { id } = await cdp.send('Extensions.loadUnpacked', { path: extensionDir });
    await cdp.detach();
    // The worker proves the extension runs (and the id it reports is the one loadUnpacked gave).
    const extensionId = await extensionIdOf(context);
    if (extensionId !== id) throw new Error(`loaded extension ${id}, but the running worker is ${extensionId}`);
    return { context, extensionId };
  } catch (error) {
    await context.close();
    throw error;
  }
}
