import { firefoxRunCommand, firefoxStopWorker } from './harness/extension-worker';
import { launchFirefox } from './harness/firefox';
import { openFirefoxUi } from './harness/ui';
import { popupSuite } from './popup.shared';

/** The background stops after this long idle (the default is 30 s), so the suite also runs against a sleeping worker. */
const IDLE_MS = 1000;

popupSuite(async (internet) => {
  const session = await launchFirefox(internet, { prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  return {
    session,
    openUi: (path) => openFirefoxUi(session.browser, session.extensionUrl(path)),
    stopWorker: (control) => firefoxStopWorker(control, IDLE_MS),
    runCommand: (control, name) => firefoxRunCommand(control, name),
    tabUrls: async () => (await session.browser.pages()).map((page) => page.url()),
  };
});
