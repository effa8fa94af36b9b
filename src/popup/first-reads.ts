/**
 * What the popup's first view needs (settings, the tab, added sites, the assigned shortcuts), asked
 * of the browser as soon as the popup's own modules start to evaluate (main.tsx imports this
 * first): the answers travel while the components load and render, and the popup draws once,
 * complete. (The chunks it shares with the options page, Preact among them, evaluate before it.)
 */
import { COMMANDS } from '../shared/commands';
import { assignedShortcut, getSettings } from '../ui/api';
import { getAddedSites, targetTab } from './api';

export const firstReads = {
  settings: getSettings(),
  tab: targetTab().catch(() => null),
  addedSites: getAddedSites().catch(() => undefined),
  shortcut: assignedShortcut().catch(() => ''),
  screenshotShortcut: assignedShortcut(COMMANDS.screenshot).catch(() => ''),
};
