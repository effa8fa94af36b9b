import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firefoxRunCommand } from './harness/extension-worker';
import { FIREFOX_DIST, launchFirefox } from './harness/firefox';
import { capturableBuild, shareSuite } from './share.shared';

shareSuite(async (internet) => ({
  session: await launchFirefox(internet, {
    dist: capturableBuild(FIREFOX_DIST),
    prefs: {
      // Saved without asking, into a folder of the test's own.
      'browser.download.dir': mkdtempSync(join(tmpdir(), 'momo-downloads-')),
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      // What a person allows the site: notifications; and reading the clipboard back without Firefox's paste prompt.
      'permissions.default.desktop-notification': 1,
      'dom.events.testing.asyncClipboard': true,
    },
  }),
  runCommand: firefoxRunCommand,
  clipboardKeepsImages: false,
}));
