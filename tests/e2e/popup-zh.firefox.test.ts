import { launchFirefox } from './harness/firefox';
import { openFirefoxUi } from './harness/ui';
import { zhLocaleSuite } from './popup-zh.shared';

zhLocaleSuite(async (internet) => {
  // The system language pack (firefox-esr-l10n-zh-cn) is used once the profile asks for zh-CN.
  const session = await launchFirefox(internet, { prefs: { 'intl.locale.requested': 'zh-CN', 'intl.locale.matchOS': false } });
  return { session, openUi: (path) => openFirefoxUi(session.browser, session.extensionUrl(path)) };
});
