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
    // After the user has pressed one of the picker's own buttons a second time, Puppeteer's next
    // click on the page never returns in Firefox (the same clicks return at once without the
    // picker, and in Chromium; not found why). The later rounds are driven in Chromium only, and
    // what they mask is left out of the check here.
    laterRounds: [],
  };
});
