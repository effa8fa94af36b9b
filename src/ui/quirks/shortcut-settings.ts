/**
 * Where each browser lets the user change an extension's keyboard shortcuts, and how a page takes
 * them there: Firefox has commands.openShortcutSettings() (137+) for its add-ons manager; Chrome
 * lets an extension page open chrome://extensions/shortcuts in a tab. The help text differs too.
 */
import { extensionApi } from '../../shared/extension-api';

const browser = extensionApi();

/** Firefox gives extension pages moz-extension: addresses, Chrome chrome-extension: ones. */
const isFirefox = () => browser.runtime.getURL('').startsWith('moz-extension:');

/** Whose shortcut settings this browser has: the help text to show says how to get there. */
export const shortcutSettingsOf = (): 'firefox' | 'chrome' => (isFirefox() ? 'firefox' : 'chrome');

/** Opens the browser's own shortcut settings. */
export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (isFirefox() && commands.openShortcutSettings) await commands.openShortcutSettings();
  else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
