/**
 * Subscriptions in Chromium. The worker's fetch reaches the test through Playwright's context.route:
 * since 1.5x Playwright attaches to service workers and routes their requests too (unless
 * serviceWorkers is 'block'), and Request.serviceWorker() names the requests a worker made, which
 * is how the extension's own requests are watched. Headless Chromium cannot answer a permission
 * prompt, so this copy of the build was granted the pack's origin at install (its manifest lists
 * it): the options page's permissions.request then resolves at once, as after "Allow".
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_DIST, launchChromium } from './harness/chromium';
import { chromiumStopWorker } from './harness/extension-worker';
import { openChromiumUi } from './harness/ui';
import { PACK_HOST, subscriptionsSuite } from './subscriptions.shared';

/** The build, with the pack's origin among the permissions granted at install. */
function withPackOrigin(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'momo-subscriptions-')), 'chrome');
  cpSync(CHROME_DIST, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  manifest.host_permissions.push(`https://${PACK_HOST}/*`);
  writeFileSync(path, JSON.stringify(manifest));
  return dir;
}

subscriptionsSuite(async (internet, server) => {
  const session = await launchChromium(internet, withPackOrigin());
  const fromExtension: string[] = [];
  // Registered after the harness's route, so it is asked first: it watches, answers the pack's host, and passes the rest on.
  await session.context.route(/^https?:/, async (route) => {
    const request = route.request();
    let frameUrl = '';
    try {
      frameUrl = request.frame().url();
    } catch {
      // a request from the service worker has no frame
    }
    if (request.serviceWorker() || frameUrl.startsWith('chrome-extension://')) fromExtension.push(request.url());
    if (new URL(request.url()).hostname !== PACK_HOST) return route.fallback();
    const reply = await server.answer(request.url(), (await request.allHeaders())['if-none-match']);
    // The worker may have been stopped while its answer was held back: nobody to answer then.
    await route.fulfill({ status: reply.status, headers: reply.headers, body: reply.body }).catch(() => undefined);
  });
  return {
    session,
    openUi: (path) => openChromiumUi(session.context, session.extensionUrl(path)),
    extensionRequests: () => fromExtension.slice(),
    // CDP ServiceWorker.stopAllWorkers; its returned check (restarted since?) also detaches CDP.
    async stopWorker(control) {
      const restartedSince = await chromiumStopWorker(session.context, control);
      await restartedSince();
    },
  };
});
