/**
 * Messages to the worker, defined once and parsed at the boundary. Direction is in the name:
 * "page:*" come from the extension's own pages (popup, options) and may change settings;
 * the worker refuses them from anywhere else (see background/message-router.ts). "picker:*" come
 * from the element picker, accepted only from the tab and site it was started on.
 */
import { z } from 'zod/mini';
import { isLabel, MAX_LABEL_LENGTH, MAX_OWN_HANDLES } from './settings';
import { LIMITS, SiteRuleSchema } from './rule-schema';
import { CATEGORIES } from './site-rule';

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
const SiteId = text(1, 64);
const Host = text(1, 253);
const Url = z.string().check(z.maxLength(4096));
const PickedList = z.optional(z.array(text(1, LIMITS.selectorLength)).check(z.maxLength(5)));

export const WorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page:get-settings') }),
  z.object({ type: z.literal('page:set-enabled'), enabled: z.boolean() }),
  z.object({ type: z.literal('page:set-site-enabled'), siteId: SiteId, enabled: z.boolean() }),
  z.object({
    type: z.literal('page:set-label'),
    // One definition of a valid label for the worker, the popup and stored settings alike.
    label: z.string().check(z.trim(), z.refine(isLabel, `must be 1–${MAX_LABEL_LENGTH} characters, without < > or control characters`)),
  }),
  z.object({ type: z.literal('page:set-mode'), mode: z.enum(['crowd', 'pseudonym']) }),
  z.object({ type: z.literal('page:set-category'), category: z.enum(CATEGORIES), enabled: z.boolean() }),
  z.object({ type: z.literal('page:set-own-handles'), handles: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))).check(z.maxLength(MAX_OWN_HANDLES)) }),
  z.object({ type: z.literal('page:get-site-for-url'), url: Url }),
  z.object({ type: z.literal('page:get-sites') }),
  z.object({ type: z.literal('page:get-rule'), siteId: SiteId }),
  // The rule arrives unchecked (z.unknown) so the reply can list every problem, field by field.
  z.object({ type: z.literal('page:save-user-rule'), rule: z.unknown() }),
  z.object({ type: z.literal('page:reset-user-rule'), siteId: SiteId }),
  // Sent by a page right after the user granted the host permission (permissions.request needs the
  // click itself, so the page asks; the worker checks the grant and registers the content script).
  // engine: which rules the site runs on ("mastodon": any Mastodon instance takes the built-in Mastodon rule).
  z.object({ type: z.literal('page:add-site'), host: Host, engine: z.optional(z.enum(['generic', 'mastodon'])) }),
  z.object({ type: z.literal('page:remove-site'), host: Host }),
  z.object({ type: z.literal('page:get-added-sites') }),
  // Sites that imported packs brought and that are not built in: each masks once its host is added.
  z.object({ type: z.literal('page:get-pack-sites') }),
  z.object({
    type: z.literal('page:export-pack'),
    meta: z.object({
      title: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
      author: z.optional(z.string().check(z.maxLength(60))),
      description: z.optional(z.string().check(z.maxLength(500))),
    }),
  }),
  // A pack as the user gave it: a .momo.json file's text or a pasted share code. The worker reads
  // and checks it itself each time; a preview sent back by a page is never trusted.
  z.object({ type: z.literal('page:preview-import'), text: z.string().check(z.maxLength(400_000)) }),
  z.object({
    type: z.literal('page:apply-import'),
    text: z.string().check(z.maxLength(400_000)),
    choices: z.record(z.string().check(z.maxLength(64)), z.enum(['apply', 'skip', 'take-theirs', 'keep-mine'])),
  }),
  z.object({ type: z.literal('page:undo-import') }),
  // The popup's "Pick on this page": the host it would add (to ask the permission for at the click), then the start.
  z.object({ type: z.literal('page:get-pick-host'), url: Url }),
  z.object({ type: z.literal('page:start-picker'), tabId: z.int().check(z.nonnegative()), waitForGrant: z.optional(z.boolean()) }),
  // "picker:*" come from the element picker in a tab, and only from the tab it was started in.
  z.object({
    type: z.literal('picker:save'),
    selectors: z.strictObject({ avatars: PickedList, names: PickedList, handles: PickedList, locations: PickedList }),
  }),
  z.object({ type: z.literal('picker:cancel') }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessage>;

export type WorkerReply = { ok: true; value: unknown } | { ok: false; error: string };

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
}

export { SiteRuleSchema };
