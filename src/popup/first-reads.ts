/**
 * What the popup's first view needs (settings, tab, added sites, the assigned shortcut), asked of the browser before anything else of the popup's
 * script runs (main.tsx imports this first): the answers travel while Preact and the components
 * load, and the popup draws once, complete.
 */
import { assignedShortcut, getAddedSites, getSettings, targetTab } from './api';

export const firstReads = {
  settings: getSettings(),
  tab: targetTab().catch(() => null),
  addedSites: getAddedSites().catch(() => undefined),
  shortcut: assignedShortcut().catch(() => ''),
};
