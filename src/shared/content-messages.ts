/**
 * Messages the worker and extension pages send to a tab's content script. Checked by hand, not with
 * zod, because this module is bundled into the content script (kept small, see PRODUCT.md).
 */
export type ContentMessage = { type: 'content:get-status' };

export interface ContentStatus {
  siteId: string;
  siteName: string;
  active: boolean;
  masked: number;
}

export function parseContentMessage(raw: unknown): ContentMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const type = (raw as { type?: unknown }).type;
  return type === 'content:get-status' ? { type } : null;
}
