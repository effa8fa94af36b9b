/**
 * Messages the worker and extension pages send to a tab's content script. Checked by hand, not with
 * zod, because this module is bundled into the content script (kept small, see PRODUCT.md).
 */
export type ContentMessage =
  | { type: 'content:get-status' }
  /** The status once the stored settings and rule are applied (the screenshot waits for it): see content/index.ts. */
  | { type: 'content:get-settled-status' }
  | { type: 'content:get-report' }
  | { type: 'content:count-matches'; selector: string };

/** What the content script answers to each message. */
export interface ContentReplies {
  'content:get-status': ContentStatus;
  'content:get-settled-status': ContentStatus;
  'content:get-report': MaskingReport;
  'content:count-matches': number;
}

/** How the content script answers each message: one function per type, given its message. */
export type ContentAnswers = { [T in ContentMessage['type']]: (message: Extract<ContentMessage, { type: T }>) => Promise<ContentReplies[T]> };

/** `message` answered by the function for its type (one generic call, so no caller casts). */
export function answerContentMessage<T extends ContentMessage['type']>(answers: ContentAnswers, message: Extract<ContentMessage, { type: T }>): Promise<ContentReplies[T]> {
  return answers[message.type as T](message);
}

export interface ContentStatus {
  siteId: string;
  siteName: string;
  active: boolean;
  masked: number;
  /** Identities only the layers beyond the site's structure caught: the site may have changed. */
  fallback: number;
}

/**
 * What "Copy a report" copies: how the rule fares on the page, never what it found. Only the
 * rule's own selectors and counts, the site and the extension's version: no name, handle, address
 * or text of the page.
 */
export interface MaskingReport {
  site: string;
  version: string;
  masked: number;
  fallback: number;
  /** Per rule field, how many elements each of its selectors matches on the page, in the rule's order. */
  selectors: Record<string, { selector: string; matches: number }[]>;
}

export function parseContentMessage(raw: unknown): ContentMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { type, selector } = raw as { type?: unknown; selector?: unknown };
  if (type === 'content:get-status' || type === 'content:get-settled-status' || type === 'content:get-report') return { type };
  if (type === 'content:count-matches' && typeof selector === 'string' && selector.length <= 400) return { type, selector };
  return null;
}

/** The report as text to paste into an issue or a chat. */
export function formatReport(report: MaskingReport): string {
  const lines = [`Momo Mask ${report.version} on site "${report.site}"`, `identities masked: ${report.masked}; caught only by the fallback: ${report.fallback}`];
  for (const [field, rows] of Object.entries(report.selectors)) {
    lines.push(`${field}:`);
    for (const { selector, matches } of rows) lines.push(`  ${String(matches).padStart(4)}  ${selector}`);
  }
  return `${lines.join('\n')}\n`;
}
