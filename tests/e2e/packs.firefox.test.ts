import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchFirefox } from './harness/firefox';
import { openFirefoxUi, type UiPage } from './harness/ui';
import { packsSuite } from './packs.shared';

packsSuite(async (internet) => {
  // Downloads land in a folder of this run's own, without asking.
  const downloads = mkdtempSync(join(tmpdir(), 'momo-downloads-'));
  const session = await launchFirefox(internet, {
    prefs: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  const pages = new WeakMap<UiPage, Page>();
  return {
    session,
    async openUi(path) {
      const before = new Set(await session.browser.pages());
      const ui = await openFirefoxUi(session.browser, session.extensionUrl(path));
      // Puppeteer's Firefox backend names moz-extension:// pages about:blank: the new tab is the page.
      pages.set(ui, (await session.browser.pages()).filter((page) => !before.has(page)).at(-1)!);
      return ui;
    },
    async expectDownload() {
      const before = new Set(readdirSync(downloads));
      return async () => {
        const deadline = Date.now() + 15_000;
        for (;;) {
          const name = readdirSync(downloads).find((n) => !before.has(n) && !n.endsWith('.part'));
          const path = name && join(downloads, name);
          if (name && path && existsSync(path) && statSync(path).size > 0 && !existsSync(`${path}.part`)) return { name, path, text: readFileSync(path, 'utf8') };
          if (Date.now() > deadline) throw new Error(`no download in ${downloads} after 15 s`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
    },
    async chooseFile(ui, selector, path) {
      const input = await pages.get(ui)!.$(selector);
      if (!input) throw new Error(`no ${selector}`);
      await (input as import('puppeteer-core').ElementHandle<HTMLInputElement>).uploadFile(path);
    },
  };
});
