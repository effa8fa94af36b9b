/**
 * Messages the worker and extension pages send to a tab's content script. Checked by hand, not with
 * zod, because this module is bundled into the content script (kept small, see PRODUCT.md).
 */
export type ContentMessage = { type: 'content:get-status' } | { type: 'content:count-matches'; selector: string };

export interface ContentStatus {
  siteId: string;
  siteName: string;
  active: boolean;
  masked: number;
}

export function parseContentMessage(raw: unknown): ContentMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { type, selector } = raw as { type?: unknown; selector?: unknown };
  if (type === 'content:get-status') return { type };
  if (type === 'content:count-matches' && typeof selector === 'string' && selector.length <= 400) return { type, selector };
  return null;
}
