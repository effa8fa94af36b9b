import { CHROME_DIST, launchChromium } from './harness/chromium';
import { chromiumRunCommand } from './harness/extension-worker';
import { capturableBuild, shareSuite } from './share.shared';

shareSuite(async (internet) => {
  const session = await launchChromium(internet, capturableBuild(CHROME_DIST));
  const { context } = session;
  // What a person allows the site: notifications; and the clipboard, which the test reads back from the page.
  await context.grantPermissions(['notifications', 'clipboard-read', 'clipboard-write'], { origin: 'https://demo.momomask.test' });
  // The browser's own download behaviour, which keeps the name the extension gives a file (Playwright's renames it to a GUID).
  const cdp = await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  return { session, runCommand: (control, name) => chromiumRunCommand(context, control, name), clipboardKeepsImages: true };
});
