import { launchChromium } from './harness/chromium';
import { openChromiumUi } from './harness/ui';
import { redesignSuite } from './redesign.shared';

/**
 * Chromium: clipboard-read and clipboard-write are granted (Playwright's grantPermissions: for
 * every origin, as Chromium refuses to name an extension's origin, "opaque" to it), and the page is brought to front before the copy and each read: the async
 * clipboard wants a focused document.
 */
redesignSuite(async (internet) => {
  const session = await launchChromium(internet);
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const front = async (url: string) => {
    const page = session.context.pages().find((p) => p.url() === url);
    if (!page) throw new Error(`no tab at ${url}`);
    await page.bringToFront();
  };
  return {
    session,
    async openPopup(tabId) {
      const url = session.extensionUrl(`src/popup/index.html?tab=${tabId}`);
      const ui = await openChromiumUi(session.context, url);
      await front(url);
      return ui;
    },
    async readClipboard(popup) {
      await front(popup.url());
      return popup.evaluate(() => navigator.clipboard.readText());
    },
    async writeClipboard(popup, text) {
      await front(popup.url());
      await popup.evaluate((t) => navigator.clipboard.writeText(t), text);
    },
  };
});
