/**
 * The picker's whole flow in Firefox: the popup's click asks for the forum's permission (the pref
 * below answers the prompt as a user's "Allow" would; headless Chromium cannot show one).
 */
import { launchFirefox } from './harness/firefox';
import { openFirefoxUi } from './harness/ui';
import { pickerSuite } from './picker.shared';

pickerSuite(async (internet) => {
  const session = await launchFirefox(internet, { prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  return {
    session,
    openUi: (path) => openFirefoxUi(session.browser, session.extensionUrl(path)),
    // Puppeteer's deep combinator reaches into open shadow roots.
    inPicker: (inner) => `momo-mask-picker >>> ${inner}`,
  };
});
