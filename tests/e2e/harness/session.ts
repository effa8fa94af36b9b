import { BACKGROUND_STOPPED, RESEND_AFTER_MS, SAFE_TO_RESEND } from '../../../src/shared/resend';
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
 * Asks the worker through an extension page, as the popup does: sent again as src/ui/api.ts does
 * while Firefox's background had stopped (the rule and pauses of shared/resend.ts).
 */
export async function askWorker<T = unknown>(extensionPage: TestPage, message: Record<string, unknown>): Promise<T> {
  const resend = { stopped: BACKGROUND_STOPPED.source, safe: SAFE_TO_RESEND.source, pauses: RESEND_AFTER_MS };
  const reply = await extensionPage.evaluate(
    async ([m, { stopped, safe, pauses }]) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      for (const pause of new RegExp(safe).test(String(m.type)) ? pauses : []) {
        try {
          return (await api.runtime.sendMessage(m)) as { ok: boolean; value?: unknown; error?: string };
        } catch (error) {
          if (!new RegExp(stopped).test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      }
      return (await api.runtime.sendMessage(m)) as { ok: boolean; value?: unknown; error?: string };
    },
    [message, resend] as const,
  );
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}
