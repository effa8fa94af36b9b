import { CHROME_DIST, launchChromium } from './harness/chromium';
import { openChromiumUi } from './harness/ui';
import { zhLocaleSuite } from './popup-zh.shared';

zhLocaleSuite(async (internet) => {
  const session = await launchChromium(internet, CHROME_DIST, ['--lang=zh-CN']);
  return { session, openUi: (path) => openChromiumUi(session.context, session.extensionUrl(path)) };
});
