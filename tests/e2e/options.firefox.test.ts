import { launchFirefox } from './harness/firefox';
import { openFirefoxUi } from './harness/ui';
import { optionsSuite } from './options.shared';

optionsSuite(async (internet) => {
  const session = await launchFirefox(internet);
  return { session, openUi: (path) => openFirefoxUi(session.browser, session.extensionUrl(path)) };
});
