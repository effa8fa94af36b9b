import { launchFirefox, reloadingStalls } from './harness/firefox';
import { openFirefoxUi } from './harness/ui';
import { redesignSuite } from './redesign.shared';

/**
 * Firefox: navigator.clipboard in the popup page. readText() asks the user with a "Paste" menu
 * unless `dom.events.testing.asyncClipboard` is set (its testing switch), which also lets the test
 * write its marker without a click; the report itself is written by the popup's click handler.
 */
redesignSuite(
  async (internet) => {
    const session = await launchFirefox(internet, { prefs: { 'dom.events.testing.asyncClipboard': true } });
    return {
      session: { ...session, open: reloadingStalls(session.browser, session.open) },
      openPopup: (tabId) => openFirefoxUi(session.browser, session.extensionUrl(`src/popup/index.html?tab=${tabId}`)),
      readClipboard: (popup) => popup.evaluate(() => navigator.clipboard.readText()),
      writeClipboard: (popup, text) => popup.evaluate((t) => navigator.clipboard.writeText(t), text),
    };
  },
  ['x/profile-phnixhamsta-rendered-2025'],
);
