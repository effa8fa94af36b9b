import type { Browser } from 'puppeteer-core';
import { launchFirefox } from './harness/firefox';
import type { TestPage } from './harness/session';
import { openFirefoxUi } from './harness/ui';
import { redesignSuite } from './redesign.shared';

/**
 * Under Puppeteer, Firefox's HTML parser can stop for good partway through a large saved page
 * (TESTING.md; the Bluesky thread here is 0.7 MB). A load whose element count has not moved for
 * 4 s while the document is still loading is reloaded in the same tab; the harness's own wait then
 * sees the reloaded document complete. (Not seen in this file's runs so far: insurance.)
 */
async function openReloadingStalls(browser: Browser, open: (url: string) => Promise<TestPage>, url: string): Promise<TestPage> {
  let done = false;
  const opening = open(url).finally(() => (done = true));
  opening.catch(() => undefined); // awaited below, once the watch ends
  let count = -1;
  let since = Date.now();
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const page = (await browser.pages()).filter((p) => !p.url().startsWith('moz-extension:')).at(-1);
    const state = page
      ? ((await page.evaluate('[location.href, document.readyState, document.getElementsByTagName("*").length]').catch(() => null)) as [string, string, number] | null)
      : null;
    const stalled = !!page && !!state && state[0].startsWith(url.split('#')[0]) && state[1] === 'loading' && state[2] === count;
    if (!stalled) {
      count = state?.[2] ?? -1;
      since = Date.now();
    } else if (Date.now() - since > 4_000) {
      console.warn(`Firefox stalled loading ${url} at ${count} elements: reloading`);
      void page?.reload().catch(() => undefined);
      count = -1;
      since = Date.now();
    }
  }
  return opening;
}

/**
 * Firefox: navigator.clipboard in the popup page. readText() asks the user with a "Paste" menu
 * unless `dom.events.testing.asyncClipboard` is set (its testing switch), which also lets the test
 * write its marker without a click; the report itself is written by the popup's click handler.
 */
redesignSuite(
  async (internet) => {
    const session = await launchFirefox(internet, { prefs: { 'dom.events.testing.asyncClipboard': true } });
    const open = session.open;
    return {
      session: { ...session, open: (url: string) => openReloadingStalls(session.browser, open, url) },
      openPopup: (tabId) => openFirefoxUi(session.browser, session.extensionUrl(`src/popup/index.html?tab=${tabId}`)),
      readClipboard: (popup) => popup.evaluate(() => navigator.clipboard.readText()),
      writeClipboard: (popup, text) => popup.evaluate((t) => navigator.clipboard.writeText(t), text),
    };
  },
  ['x/profile-phnixhamsta-rendered-2025'],
);
