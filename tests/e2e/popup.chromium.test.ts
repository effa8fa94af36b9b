import { launchChromium } from './harness/chromium';
import { chromiumRunCommand, chromiumStopWorker } from './harness/extension-worker';
import { openChromiumUi } from './harness/ui';
import { popupSuite } from './popup.shared';

popupSuite(async (internet) => {
  const session = await launchChromium(internet);
  return {
    session,
    openUi: (path) => openChromiumUi(session.context, session.extensionUrl(path)),
    stopWorker: (control) => chromiumStopWorker(session.context, control),
    runCommand: (control, name) => chromiumRunCommand(session.context, control, name),
    tabUrls: async () => session.context.pages().map((page) => page.url()),
  };
});
