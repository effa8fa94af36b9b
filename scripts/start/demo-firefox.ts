/**
 * The demo in Firefox: a window on the feed, or, with no display, the feed screenshotted before the
 * extension is installed (masking off) and after (masking on). Installing in between, rather than
 * switching masking off through the extension, needs no access to the extension's own pages.
 */
import { join } from 'node:path';
import { DEMO_FEED_URL } from '../demo-site';
import { installExtension, launchFirefox, openFeed, serveDemoPage } from './launch-firefox';
import type { Shots } from './shots';

/** Resolves when the window is closed. */
export async function showFirefox(executablePath: string, extensionDir: string): Promise<void> {
  const browser = await launchFirefox(executablePath, true);
  await installExtension(browser, extensionDir);
  const [first] = await browser.pages();
  await openFeed(browser, first);
  // A tab the user opens from the feed (a profile in a new tab) is served the demo too.
  browser.on('targetcreated', async (target) => {
    const page = await target.page().catch(() => null);
    if (page && page !== first) await serveDemoPage(page).catch(() => undefined);
  });
  console.log(`Momo Mask is masking ${DEMO_FEED_URL} in the Firefox window. Click the toolbar icon to switch it off and on. Close the window to finish.`);
  await new Promise((resolveClosed) => browser.on('disconnected', resolveClosed));
}

export async function shootFirefox(executablePath: string, extensionDir: string, outDir: string): Promise<Shots> {
  const browser = await launchFirefox(executablePath, false);
  try {
    const shoot = async (file: string) => {
      const page = await openFeed(browser);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await page.screenshot({ path: join(outDir, file) as `${string}.png` });
      await page.close();
      return join(outDir, file);
    };
    const before = await shoot('demo-before.png');
    await installExtension(browser, extensionDir);
    const after = await shoot('demo-after.png');
    return { before, after };
  } finally {
    await browser.close();
  }
}
