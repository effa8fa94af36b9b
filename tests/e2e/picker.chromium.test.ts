/**
 * The picker in Chromium from the grant onwards: headless Chromium cannot answer a permission
 * prompt, so this copy of the built extension was granted the forum at install (its manifest lists
 * the host). The popup's permissions.request then resolves at once, as after a user's "Allow", and
 * everything after it runs as shipped: the start, the picks, the save, the registration, the reload.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROME_DIST, launchChromium } from './harness/chromium';
import type { TestPage } from './harness/session';
import { openChromiumUi } from './harness/ui';
import { PICKER_HOST, pickerSuite } from './picker.shared';

function grantedAtInstall(host: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'momo-granted-')), 'chrome');
  cpSync(CHROME_DIST, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions.push(`*://${host}/*`, `*://*.${host}/*`);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

/** The Playwright page behind a TestPage: the first tab at its address. */
const pageOf = (context: BrowserContext, page: TestPage): Page => context.pages().find((p) => p.url() === page.url())!;

/**
 * The picker's closed shadow root as a DevTools object in the page's world, if there is one: the
 * host found by the page's own query, its shadow roots by the DOM domain, which pierces closed ones.
 * (Objects, not DOM node ids: a node id dies when the page changes between two calls.) The last
 * host: the "saved" toast of the round before is one too, for 5 s, and a new panel comes after it.
 */
async function pickerRoot(cdp: CDPSession): Promise<string | undefined> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: `[...document.querySelectorAll('momo-mask-picker')].at(-1) ?? null` });
  if (!result.objectId) return undefined;
  const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId, depth: 1, pierce: true });
  const shadow = node.shadowRoots?.[0];
  return shadow && (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })).object.objectId;
}

pickerSuite(async (internet) => {
  const session = await launchChromium(internet, grantedAtInstall(PICKER_HOST));
  const sessions = new Map<Page, CDPSession>();
  const cdpOf = async (page: Page) => sessions.get(page) ?? sessions.set(page, await session.context.newCDPSession(page)).get(page)!;
  return {
    session,
    openUi: (path) => openChromiumUi(session.context, session.extensionUrl(path)),
    async inPicker(page, fn, arg) {
      // DevTools calls, which the page's script-src 'none' does not stop.
      const cdp = await cdpOf(pageOf(session.context, page));
      const objectId = await pickerRoot(cdp);
      const reply = objectId
        ? await cdp.send('Runtime.callFunctionOn', {
            objectId,
            functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
            arguments: [{ value: arg }],
            returnByValue: true,
          })
        : await cdp.send('Runtime.evaluate', { expression: `(${fn.toString()})(null, ${JSON.stringify(arg ?? null)})`, returnByValue: true });
      if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
      return reply.result.value;
    },
    async clickAt(page, x, y) {
      const target = pageOf(session.context, page);
      await target.bringToFront();
      await target.mouse.click(x, y);
    },
  };
});
