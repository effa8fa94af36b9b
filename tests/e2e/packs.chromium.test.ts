import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './harness/chromium';
import { openChromiumUi, type UiPage } from './harness/ui';
import { packsSuite } from './packs.shared';

packsSuite(async (internet) => {
  const session = await launchChromium(internet);
  const pages = new WeakMap<UiPage, Page>();
  const saved = mkdtempSync(join(tmpdir(), 'momo-downloads-'));
  return {
    session,
    async openUi(path) {
      const url = session.extensionUrl(path);
      const ui = await openChromiumUi(session.context, url);
      pages.set(
        ui,
        session.context
          .pages()
          .filter((page) => page.url() === url)
          .at(-1)!,
      );
      return ui;
    },
    async expectDownload(ui) {
      const download = pages.get(ui)!.waitForEvent('download', { timeout: 15_000 });
      return async () => {
        const done = await download;
        // Playwright keeps downloads under generated names: saved again under the name the page gave.
        const path = join(saved, done.suggestedFilename());
        await done.saveAs(path);
        return { name: done.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
      };
    },
    chooseFile: (ui, selector, path) => pages.get(ui)!.setInputFiles(selector, path),
  };
});
