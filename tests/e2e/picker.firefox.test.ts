/**
 * The picker's whole flow in Firefox: the popup's click asks for the forum's permission (the pref
 * below answers the prompt as a user's "Allow" would; headless Chromium cannot show one).
 */
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { launchFirefox } from './harness/firefox';
import type { TestPage } from './harness/session';
import { openFirefoxUi } from './harness/ui';
import { pickerSuite } from './picker.shared';

/** The Puppeteer page behind a TestPage: the first tab at its address. */
const pageOf = async (browser: Browser, page: TestPage): Promise<Page> => (await browser.pages()).find((p) => p.url() === page.url())!;

/**
 * A handle on the picker's closed shadow root, if there is one. WebDriver BiDi serialises an
 * element with its shadow root, closed ones too; Puppeteer keeps the serialisation, not a handle on
 * the root: one is made from it the way Puppeteer makes its own (its handle classes' `from`). The
 * last host: the "saved" toast of the round before is one too, for 5 s, and a new panel comes after it.
 */
async function pickerRoot(page: Page): Promise<ElementHandle | undefined> {
  const host = (await page.$$('momo-mask-picker')).at(-1);
  type Bidi = { remoteValue(): { value?: { shadowRoot?: unknown } }; handle: { realm: unknown }; constructor: { from(value: unknown, realm: unknown): ElementHandle } };
  const bidi = host as unknown as Bidi | null;
  const shadow = bidi?.remoteValue().value?.shadowRoot;
  return shadow ? bidi.constructor.from(shadow, bidi.handle.realm) : undefined;
}

pickerSuite(async (internet) => {
  const session = await launchFirefox(internet, { prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  return {
    session,
    openUi: (path) => openFirefoxUi(session.browser, session.extensionUrl(path)),
    async inPicker(page, fn, arg) {
      const target = await pageOf(session.browser, page);
      const root = await pickerRoot(target);
      // Evaluated over BiDi, which the page's script-src 'none' does not stop.
      return (await target.evaluate(fn as never, root ?? null, arg)) as never;
    },
    async clickAt(page, x, y) {
      const target = await pageOf(session.browser, page);
      await target.bringToFront();
      await target.mouse.click(x, y);
    },
  };
});
