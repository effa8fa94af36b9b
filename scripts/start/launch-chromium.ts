/**
 * Chromium (Debian's, Ubuntu's, a downloaded build) with the extension passed on the command line,
 * through Playwright. Branded Google Chrome 137+ ignores --load-extension: see launch-chrome-cdp.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type LaunchOptions } from 'playwright-core';

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
}

/** What both Chromium launches share: a throwaway profile and a quiet browser that calls nobody. */
export function chromiumOptions(executablePath: string, headed: boolean, args: string[]): LaunchOptions & { viewport: { width: number; height: number } } {
  return {
    executablePath,
    headless: !headed,
    args: [...args, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 1100, height: 900 },
  };
}

export const profileDir = () => mkdtempSync(join(tmpdir(), 'momo-demo-'));

/** The extension's id, from its service worker's address (it starts with the browser, or soon after). */
export async function extensionIdOf(context: BrowserContext, timeout = 15_000): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout }));
  return new URL(worker.url()).host;
}

export async function launchChromium(executablePath: string, extensionDir: string, headed: boolean): Promise<ChromiumSession> {
  const context = await chromium.launchPersistentContext(
    profileDir(),
    chromiumOptions(executablePath, headed, [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
  );
  try {
    // Loaded from the command line, the worker starts within a second or two.
    return { context, extensionId: await extensionIdOf(context, 10_000) };
  } catch {
    await context.close();
    throw new Error(`${executablePath} did not start the extension from --load-extension (it may be a build that ignores it, as Google Chrome does)`);
  }
}
