/**
 * The demo in a Chromium-family browser (whichever way the extension was loaded): a window on the
 * feed, or, with no display, the feed screenshotted with masking off and then on.
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { DEMO_FEED_URL, serveDemo } from '../demo-site';
import type { ChromiumSession } from './launch-chromium';
import type { Shots } from './shots';

/** Messages the worker as the popup does, from one of the extension's own pages. */
async function askWorker(context: BrowserContext, extensionId: string, message: object): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  const reply = await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  await page.close();
  if (!reply?.ok) throw new Error(`the extension refused ${JSON.stringify(message)}: ${reply?.error}`);
}

/** Resolves when the window is closed. */
export async function showChromium({ context }: ChromiumSession, name: string): Promise<void> {
  await serveDemo(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(DEMO_FEED_URL);
  console.log(`Momo Mask is masking ${DEMO_FEED_URL} in the ${name} window. Click the toolbar icon to switch it off and on. Close the window to finish.`);
  await new Promise((resolveClosed) => context.on('close', resolveClosed));
}

export async function shootChromium({ context, extensionId }: ChromiumSession, outDir: string): Promise<Shots> {
  await serveDemo(context);
  const shoot = async (file: string) => {
    const page = await context.newPage();
    await page.goto(DEMO_FEED_URL, { waitUntil: 'load' });
    await page.waitForSelector('article.post');
    await page.waitForFunction(() => [...document.images].every((image) => image.complete));
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(outDir, file) });
    await page.close();
    return join(outDir, file);
  };
  try {
    await askWorker(context, extensionId, { type: 'page:set-enabled', enabled: false });
    const before = await shoot('demo-before.png');
    await askWorker(context, extensionId, { type: 'page:set-enabled', enabled: true });
    const after = await shoot('demo-after.png');
    return { before, after };
  } finally {
    await context.close();
  }
}
