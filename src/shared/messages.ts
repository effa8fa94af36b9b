/**
 * Messages to the worker, defined once and parsed at the boundary. Direction is in the name:
 * "page:*" come from the extension's own pages (popup, options) and may change settings;
 * the worker refuses them from anywhere else (see background/message-router.ts). "picker:*" come
 * from the element picker, accepted only from the tab and site it was started on; "tab:*" from the
 * content script in a tab's top frame. What each message is answered with: Replies, below.
 */
import { z } from 'zod/mini';
import type { AddedSite } from './added-sites';
import type { ImportPreview } from './packs/merge';
import { WAITING_CHOICES, type Subscription } from './packs/subscription';
import { PACK_LIMITS, type MomoPack } from './packs/types';
import { SHOT_SCOPES, type ShotOutcome } from './screenshot';
import { isLabel, MAX_LABEL_LENGTH, MAX_OWN_HANDLES, type Settings } from './settings';
import { CATEGORIES, LIMITS, type SiteRule } from './rule/fields';

// zod/mini, not the classic API: the worker parses every message with these schemas, and the mini
// build is a fifth of the size and quicker to set up, which a worker woken for one answer pays on
// every start (BENCHMARKS.md, the worker's cold answer). English messages for the checks without
// one of our own ("Too small: expected string to have >=1 characters").
z.config(z.locales.en());

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
const siteId = () => text(1, 64);
const host = () => text(1, 253);
const url = () => z.string().check(z.maxLength(4096));
const pickedList = () => z.optional(z.array(text(1, LIMITS.selectorLength)).check(z.maxLength(5)));

/**
 * Each message's fields besides its type. A message's schema is built the first time one of its
 * type arrives (parseWorkerMessage): the worker is woken for one message, often after being
 * stopped, and building all of them first was a tenth of its cold answer (BENCHMARKS.md).
 */
const FIELDS = {
  'page:get-settings': () => ({}),
  'page:set-enabled': () => ({ enabled: z.boolean() }),
  'page:set-site-enabled': () => ({ siteId: siteId(), enabled: z.boolean() }),
  // One definition of a valid label for the worker, the popup and stored settings alike.
  'page:set-label': () => ({ label: z.string().check(z.trim(), z.refine(isLabel, `must be 1–${MAX_LABEL_LENGTH} characters, without < > or control characters`)) }),
  'page:set-mode': () => ({ mode: z.enum(['crowd', 'pseudonym']) }),
  'page:set-category': () => ({ category: z.enum(CATEGORIES), enabled: z.boolean() }),
  'page:set-own-handles': () => ({ handles: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))).check(z.maxLength(MAX_OWN_HANDLES)) }),
  'page:get-sites': () => ({}),
  'page:get-rule': () => ({ siteId: siteId() }),
  // The rule arrives unchecked (z.unknown) so the reply can list every problem, field by field.
  'page:save-user-rule': () => ({ rule: z.unknown() }),
  'page:reset-user-rule': () => ({ siteId: siteId() }),
  // Sent by a page right after the user granted the host permission (permissions.request needs the
  // click itself, so the page asks; the worker checks the grant and registers the content script).
  // engine: which rules the site runs on ("mastodon": any Mastodon instance takes the built-in Mastodon rule).
  'page:add-site': () => ({ host: host(), engine: z.optional(z.enum(['generic', 'mastodon'])) }),
  'page:remove-site': () => ({ host: host() }),
  'page:get-added-sites': () => ({}),
  // Sites that imported packs brought and that are not built in: each masks once its host is added.
  'page:get-pack-sites': () => ({}),
  'page:export-pack': () => ({
    meta: z.object({
      title: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
      author: z.optional(z.string().check(z.maxLength(60))),
      description: z.optional(z.string().check(z.maxLength(500))),
      packVersion: z.optional(z.string().check(z.maxLength(PACK_LIMITS.packVersionLength))),
      changelog: z.optional(z.string().check(z.maxLength(PACK_LIMITS.changelogLength))),
    }),
  }),
  // A pack as the user gave it: a .momo.json file's text or a pasted share code. The worker reads
  // and checks it itself each time; a preview sent back by a page is never trusted.
  'page:preview-import': () => ({ text: z.string().check(z.maxLength(400_000)) }),
  'page:apply-import': () => ({
    text: z.string().check(z.maxLength(400_000)),
    choices: z.record(z.string().check(z.maxLength(64)), z.enum(['apply', 'skip', 'take-theirs', 'keep-mine'])),
  }),
  'page:undo-import': () => ({}),
  // Subscriptions to packs at an HTTPS address (background/subscriptions.ts): the page asked for the
  // origin's permission in the click; the worker checks the grant and fetches only from there.
  'page:get-subscriptions': () => ({}),
  'page:subscribe': () => ({ url: url() }),
  'page:check-subscription': () => ({ url: url() }),
  'page:resolve-subscription': () => ({ url: url(), key: text(1, 80), choice: z.enum(WAITING_CHOICES) }),
  'page:unsubscribe': () => ({ url: url() }),
  // The popup's "Pick on this page": the host it would add (to ask the permission for at the click), then the start.
  'page:get-pick-host': () => ({ url: url() }),
  'page:start-picker': () => ({ tabId: z.int().check(z.nonnegative()), waitForGrant: z.optional(z.boolean()) }),
  // The popup's masked screenshot of its tab; confirmed: asked again after the fallback warning (shared/screenshot.ts).
  'page:take-screenshot': () => ({ tabId: z.int().check(z.nonnegative()), scope: z.enum(SHOT_SCOPES), confirmed: z.boolean() }),
  // "picker:*" come from the element picker in a tab, and only from the tab it was started in.
  'picker:save': () => ({
    selectors: z.strictObject({ avatars: pickedList(), names: pickedList(), handles: pickedList(), locations: pickedList() }),
  }),
  'picker:cancel': () => ({}),
  // "tab:*" come from the content script in a tab's top frame: masking is off on this built-in site's
  // page, which just loaded (the browser cleared its badge). The worker reads the settings itself.
  'tab:update-badge': () => ({}),
  // A site's selectors that the content script switched off as too slow on the tab's page (mask-engine.ts).
  'tab:report-slow-selectors': () => ({
    siteId: siteId(),
    selectors: z.array(z.object({ field: text(1, 40), selector: text(1, LIMITS.selectorLength), ms: z.number().check(z.nonnegative()) })).check(z.minLength(1), z.maxLength(60)),
  }),
};
type Fields = typeof FIELDS;
export type MessageType = keyof Fields;
/** The messages an extension page may send (the pages' ask(), src/ui/api.ts). */
export type PageMessageType = Extract<MessageType, `page:${string}`>;

export type WorkerMessage = { [K in MessageType]: z.infer<z.ZodMiniObject<{ type: z.ZodMiniLiteral<K> } & ReturnType<Fields[K]>>> }[MessageType];
/** A message's fields besides its type. */
export type MessageFields<K extends MessageType> = Omit<Extract<WorkerMessage, { type: K }>, 'type'>;

const schemas = new Map<string, z.ZodMiniType>();

/** A message as it arrived, checked: its type, then the fields that type has (unknown keys dropped). */
export function parseWorkerMessage(raw: unknown): { success: true; data: WorkerMessage } | { success: false; problems: string[] } {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(FIELDS, type)) return { success: false, problems: ['type: not a message this extension knows'] };
  let schema = schemas.get(type);
  if (!schema) schemas.set(type, (schema = z.object({ type: z.literal(type), ...FIELDS[type as MessageType]() })));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { success: true, data: parsed.data as WorkerMessage };
  return { success: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`) };
}

export type WorkerReply = { ok: true; value: unknown } | { ok: false; error: string };

/** Names every message type once, and nothing else: a missing or misspelt type fails to compile. */
type OnePerMessage<T extends { [K in MessageType | keyof T]: K extends MessageType ? unknown : never }> = T;

/**
 * What the worker answers each message with (the value of an ok reply). The pages' ask()
 * (src/ui/api.ts) and the worker's router (background/message-router.ts) are both typed by this
 * one table, so no page casts a reply.
 */
export type Replies = OnePerMessage<{
  'page:get-settings': Settings;
  'page:set-enabled': Settings;
  'page:set-site-enabled': Settings;
  'page:set-label': Settings;
  'page:set-mode': Settings;
  'page:set-category': Settings;
  'page:set-own-handles': Settings;
  'page:get-sites': SiteSummary[];
  'page:get-rule': RuleView;
  /** The rule as checked and stored. */
  'page:save-user-rule': SiteRule;
  'page:reset-user-rule': null;
  'page:add-site': AddedSite;
  'page:remove-site': null;
  'page:get-added-sites': AddedSite[];
  'page:get-pack-sites': PackSite[];
  'page:export-pack': { pack: MomoPack; code: string };
  'page:preview-import': ImportPreview;
  /** The sites written. */
  'page:apply-import': { applied: string[] };
  /** Sites changed again since the import, left as they are now. */
  'page:undo-import': { problems: string[] };
  'page:get-subscriptions': Subscription[];
  'page:subscribe': Subscription;
  'page:check-subscription': Subscription;
  'page:resolve-subscription': Subscription;
  'page:unsubscribe': null;
  /** null: no picker on this page (not a web site, or a public suffix). */
  'page:get-pick-host': { host: string; needsPermission: boolean } | null;
  /** waiting: the worker starts the picker once the host permission is granted. */
  'page:start-picker': { host: string; waiting: boolean };
  'page:take-screenshot': ShotOutcome;
  'picker:save': { siteName: string; rule: SiteRule };
  'picker:cancel': null;
  'tab:update-badge': null;
  'tab:report-slow-selectors': null;
}>;

/** The reply to a message of type K, its value typed by Replies. */
export type ReplyTo<K extends MessageType> = { ok: true; value: Replies[K] } | { ok: false; error: string };

/** A built-in site as the pages list it. */
export interface SiteSummary {
  id: string;
  name: string;
  hosts: string[];
  enabled: boolean;
  /** The user has edited this site's rule (their version wins over the built-in one). */
  edited: boolean;
}

/** page:get-pack-sites answers with these: a site an imported pack brought that is not built in. */
export interface PackSite {
  siteId: string;
  name: string;
  /** The title of the pack it came from. */
  pack: string;
  hosts: string[];
}

/** page:get-rule answers with the rule in force and the built-in one it started from. */
export interface RuleView {
  rule: unknown;
  builtIn: unknown;
  edited: boolean;
  /** Selectors of this site that a page made too slow: switched off there, shown in the editor. */
  slow: SlowSelectorReport[];
}

/** A selector switched off at run time on a page of its site, as the worker keeps it. */
export interface SlowSelectorReport {
  field: string;
  selector: string;
  ms: number;
  /** ISO date-time it was last seen slow. */
  at: string;
}
