/**
 * The extension pages' way to the worker and to storage, shared by the popup and the options page:
 * every worker message goes through ask(), its reply typed by the one table of replies
 * (src/shared/messages.ts). Settings are only ever changed by asking the worker (the one writer of
 * storage); pages read storage.onChanged to follow changes made elsewhere (the keyboard command,
 * the context menu, another page). Each page keeps its own calls in its own api.ts.
 *
 * The browser's own API, never the polyfill: the popup's first paint waits for its script
 * (shared/extension-api.ts).
 */
import { COMMANDS, type CommandName } from '../shared/commands';
import { extensionApi } from '../shared/extension-api';
import type { MessageFields, PageMessageType, Replies, WorkerMessage, WorkerReply } from '../shared/messages';
import { BACKGROUND_STOPPED, RESEND_AFTER_MS, SAFE_TO_RESEND } from '../shared/resend';
import { SETTINGS_KEY, type Mode, type Settings, settingsOf } from '../shared/settings';
import type { Category } from '../shared/rule/fields';

const browser = extensionApi();

/** A refusal from the worker; `message` is its text ("names[1]: …" lines for a rule). */
export class WorkerRefusal extends Error {}

/** A message without fields of its own may leave them out: ask('page:get-sites'). */
type FieldsArg<K extends PageMessageType> = {} extends MessageFields<K> ? [fields?: MessageFields<K>] : [fields: MessageFields<K>];

/** Sends a message, again after each pause while Firefox's background had stopped and it is safe to (shared/resend.ts). */
async function send(message: WorkerMessage): Promise<WorkerReply | undefined> {
  for (const pause of SAFE_TO_RESEND.test(message.type) ? RESEND_AFTER_MS : []) {
    try {
      return (await browser.runtime.sendMessage(message)) as WorkerReply | undefined;
    } catch (error) {
      if (!BACKGROUND_STOPPED.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  return (await browser.runtime.sendMessage(message)) as WorkerReply | undefined;
}

/** Sends a message to the worker: resolves with its reply's value (typed by Replies), rejects with its refusal. */
export async function ask<K extends PageMessageType>(type: K, ...[fields]: FieldsArg<K>): Promise<Replies[K]> {
  const reply = await send({ type, ...fields } as WorkerMessage);
  if (!reply) throw new Error('no answer from the extension worker');
  if (!reply.ok) throw new WorkerRefusal(reply.error);
  return reply.value as Replies[K];
}

/**
 * Read from storage, not asked of the worker: the popup draws at once, without waking a stopped
 * worker first. settingsOf repairs what it reads exactly as the worker does.
 */
export const getSettings = async (): Promise<Settings> => settingsOf((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
export const setEnabled = (enabled: boolean) => ask('page:set-enabled', { enabled });
export const setSiteEnabled = (siteId: string, enabled: boolean) => ask('page:set-site-enabled', { siteId, enabled });
export const setLabel = (label: string) => ask('page:set-label', { label });
export const setMode = (mode: Mode) => ask('page:set-mode', { mode });
export const setCategory = (category: Category, enabled: boolean) => ask('page:set-category', { category, enabled });
export const setOwnHandles = (handles: string[]) => ask('page:set-own-handles', { handles });

/** Calls `then` when one of these keys of storage.local changes (from any page, or the worker). Returns the unsubscribe. */
export function onStoredChange(keys: readonly string[], then: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && keys.some((key) => key in changes)) then();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Calls `then` whenever the stored settings change, whoever changed them. Returns the unsubscribe. */
export const onSettingsChanged = (then: () => void): (() => void) => onStoredChange([SETTINGS_KEY], then);

/** The shortcut the browser actually assigned to a command ("" when none: a suggestion that conflicts is dropped). */
export async function assignedShortcut(name: CommandName = COMMANDS.toggle): Promise<string> {
  const commands = await browser.commands.getAll();
  return commands.find((command) => command.name === name)?.shortcut ?? '';
}
