/**
 * The screenshot keyboard command (suggested Alt+Shift+S): the visible part of the tab in front,
 * copied to the clipboard from the tab and saved. No popup is open to answer in, so the outcome
 * shows on the toolbar button of that tab for a few seconds (a badge, and the full sentence as its
 * tooltip), and the popup, opened next on that tab, says it in full (LAST_SHOT_KEY). After the
 * fallback warning, pressing the command again within CONFIRM_MS captures anyway.
 */
import type { Browser } from 'webextension-polyfill';
import { LAST_SHOT_KEY, shotMessage, type ShotOutcome } from '../shared/screenshot';
import { takeScreenshot } from './screenshot';

/** In storage.session: { tabId, until } after a warning: the next press on that tab before `until` is the confirmation. */
const CONFIRM_KEY = 'commandShotConfirm';
export const CONFIRM_MS = 10_000;
/** How long the badge shows the outcome before the tab's own badge (OFF or nothing) comes back. */
const BADGE_MS = 6_000;

export async function screenshotFromCommand(ext: Browser, restoreBadge: (tabId: number) => Promise<void>): Promise<ShotOutcome | { kind: 'failed'; error: string } | null> {
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  const tabId = tab.id;
  const session = ext.storage.session;
  const pending = (await session.get(CONFIRM_KEY))[CONFIRM_KEY] as { tabId?: unknown; until?: unknown } | undefined;
  const confirmed = pending?.tabId === tabId && typeof pending.until === 'number' && Date.now() < pending.until;
  let outcome: ShotOutcome | { kind: 'failed'; error: string };
  try {
    outcome = await takeScreenshot(ext, { tabId, scope: 'visible', confirmed, copyInTab: true });
  } catch (error) {
    outcome = { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
  const text = (name: string, ...substitutions: string[]) => ext.i18n.getMessage(name, substitutions);
  const message =
    outcome.kind === 'failed'
      ? text('screenshotFailed', outcome.error)
      : outcome.kind === 'warn'
        ? `${shotMessage(outcome, text)} ${text('screenshotWarnCommand')}`
        : shotMessage(outcome, text);
  await session.set({
    [CONFIRM_KEY]: outcome.kind === 'warn' ? { tabId, until: Date.now() + CONFIRM_MS } : null,
    [LAST_SHOT_KEY]: { tabId, message },
  });
  await ext.action.setBadgeText({ tabId, text: outcome.kind === 'done' ? '\u2713' : '!' });
  await ext.action.setBadgeBackgroundColor({ tabId, color: outcome.kind === 'done' ? '#2e7d4f' : '#b3261e' });
  await ext.action.setTitle({ tabId, title: message });
  setTimeout(() => {
    void Promise.all([restoreBadge(tabId), ext.action.setTitle({ tabId, title: text('extName') })]).catch(() => undefined);
  }, BADGE_MS);
  return outcome;
}
