/**
 * Messages to the worker, defined once and parsed at the boundary. Direction is in the name:
 * "page:*" come from the extension's own pages (popup, options) and may change settings;
 * the worker refuses them from anywhere else (see background/message-router.ts).
 */
import { z } from 'zod';
import { MAX_LABEL_LENGTH } from './settings';

export const WorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page:get-settings') }),
  z.object({ type: z.literal('page:set-enabled'), enabled: z.boolean() }),
  z.object({ type: z.literal('page:set-site-enabled'), siteId: z.string().min(1).max(64), enabled: z.boolean() }),
  z.object({ type: z.literal('page:set-label'), label: z.string().trim().min(1).max(MAX_LABEL_LENGTH) }),
  z.object({ type: z.literal('page:get-site-for-url'), url: z.string().max(4096) }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessage>;

export type WorkerReply = { ok: true; value: unknown } | { ok: false; error: string };
