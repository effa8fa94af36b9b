/** One interface over Playwright (Chromium) and Puppeteer (Firefox over WebDriver BiDi). */
export interface TestPage {
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
  /** Waits until `fn` returns truthy in the page. */
  /** Waits until `fn` returns true in the page (return a boolean: DOM nodes do not cross to the driver). */
  waitFor<A = undefined>(fn: (arg: A) => boolean, arg?: A, timeoutMs?: number): Promise<void>;
  url(): string;
  /** A trusted click, as a user's (permissions.request needs one). */
  click(selector: string): Promise<void>;
}

export interface BrowserSession {
  name: 'chromium' | 'firefox';
  /** Opens a web page (served by the FakeInternet) and waits for its load event. */
  open(url: string): Promise<TestPage>;
  /** Opens one of the extension's own pages, e.g. "src/popup/index.html". */
  openExtensionPage(path: string): Promise<TestPage>;
  extensionUrl(path: string): string;
  /** Errors the pages logged or threw since launch (console.error and uncaught exceptions). */
  consoleErrors(): string[];
  close(): Promise<void>;
}

/**
 * Asks the worker through an extension page, as the popup does: a read or a setting is sent again
 * when Firefox's event page was stopping, like src/ui/api.ts does.
 */
export async function askWorker<T = unknown>(extensionPage: TestPage, message: Record<string, unknown>): Promise<T> {
  const reply = await extensionPage.evaluate(async (m) => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    for (let tries = 1; ; tries++) {
      try {
        return (await api.runtime.sendMessage(m)) as { ok: boolean; value?: unknown; error?: string };
      } catch (error) {
        if (tries === 4 || !/^page:(?:get|set)-/.test(String(m.type)) || !/Receiving end does not exist/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * tries));
      }
    }
  }, message);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}
