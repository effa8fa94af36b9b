import { launchChromium } from './harness/chromium';
import { openChromiumUi } from './harness/ui';
import { optionsSuite } from './options.shared';

optionsSuite(async (internet) => {
  const session = await launchChromium(internet);
  return { session, openUi: (path) => openChromiumUi(session.context, session.extensionUrl(path)) };
});
