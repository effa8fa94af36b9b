/**
 * Reaching the extension's background in each browser, for what no page can do: stopping it for
 * real, and running its keyboard-command handler (a key sent to a page never reaches
 * commands.onCommand). The worker exposes that handler as `momoMaskCommands.run(name)`.
 */
import type { BrowserContext, Worker } from 'playwright-core';
import { askWorker, type TestPage } from './session';

/** Firefox's `browser` global in an extension page (typed here: the tests compile with Chrome's types). */
declare const browser: { runtime: { getBackgroundPage(): Promise<unknown> } };

type WithCommands = { momoMaskCommands?: { run(name: string): Promise<unknown> } };

/** Chromium: the service worker, woken by a message from an extension page when it was stopped. */
export async function chromiumWorker(context: BrowserContext, control: TestPage): Promise<Worker> {
  const running = context.serviceWorkers()[0];
  if (running) return running;
  const started = context.waitForEvent('serviceworker', { timeout: 10_000 });
  await askWorker(control, { type: 'page:get-settings' });
  return started;
}

export async function chromiumRunCommand(context: BrowserContext, control: TestPage, name: string): Promise<void> {
  const worker = await chromiumWorker(context, control);
  await worker.evaluate(async (command) => {
    const commands = (self as unknown as WithCommands).momoMaskCommands;
    if (!commands) throw new Error('the worker exposes no momoMaskCommands');
    await commands.run(command);
  }, name);
}

/**
 * Chromium: stops the service worker through CDP (ServiceWorker.stopAllWorkers), and follows its
 * running status as the browser reports it (ServiceWorker.workerVersionUpdated): "stopped" first,
 * then the check says whether it has been started again since (by whatever woke it).
 * Playwright keeps the stopped worker's handle and sees no new one, and touching that handle can
 * bring the whole context down: after a stop, only CDP speaks to the worker.
 */
export async function chromiumStopWorker(context: BrowserContext, control: TestPage): Promise<() => Promise<boolean>> {
  const worker = await chromiumWorker(context, control);
  const origin = `chrome-extension://${new URL(worker.url()).host}/`;
  // From one of the extension's own pages: the ServiceWorker domain acts on that page's storage partition.
  const extensionPage = context.pages().find((page) => page.url().startsWith(origin));
  if (!extensionPage) throw new Error('open an extension page first: the worker is stopped from there');
  const cdp = await context.newCDPSession(extensionPage);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) if (version.scriptURL.startsWith(origin)) statuses.push(version.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  for (let waited = 0; !statuses.includes('stopped'); waited += 50) {
    if (waited > 10_000) throw new Error(`the service worker did not stop (${statuses.join(' → ')})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return async () => {
    const restarted = statuses.lastIndexOf('running') > statuses.indexOf('stopped');
    await cdp.detach();
    return restarted;
  };
}

/** Firefox: the background page (an event page in MV3), woken by getBackgroundPage() when it was stopped. */
export async function firefoxRunCommand(control: TestPage, name: string): Promise<void> {
  await control.evaluate(async (command) => {
    const page = (await browser.runtime.getBackgroundPage()) as unknown as WithCommands | null;
    if (!page?.momoMaskCommands) throw new Error('the background exposes no momoMaskCommands');
    await page.momoMaskCommands.run(command);
  }, name);
}

/**
 * Firefox: with the pref extensions.background.idle.timeout small (milliseconds, 100 at least), the
 * background stops on its own once idle. A marker left in it before the wait is gone from the
 * background that answers afterwards only if that one is new.
 */
export async function firefoxStopWorker(control: TestPage, idleMs: number): Promise<() => Promise<boolean>> {
  const marker = await control.evaluate(async () => {
    const page = (await browser.runtime.getBackgroundPage()) as unknown as { __testMarker?: number };
    page.__testMarker = Math.random();
    return page.__testMarker;
  });
  await new Promise((resolve) => setTimeout(resolve, idleMs + 1500));
  return async () =>
    control.evaluate(async (before) => {
      const page = (await browser.runtime.getBackgroundPage()) as unknown as { __testMarker?: number };
      return page.__testMarker !== before;
    }, marker);
}
