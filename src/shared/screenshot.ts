/**
 * The masked screenshot, as the worker, the popup and the tests share it: what it answers, the
 * file it saves, and the stamp in its corner (background/screenshot.ts takes it).
 */

/** The visible part of the tab, or the whole page (scrolled and stitched). */
export const SHOT_SCOPES = ['visible', 'page'] as const;
export type ShotScope = (typeof SHOT_SCOPES)[number];

export type ShotOutcome =
  /** Nothing captured. off: masking is off on the tab; unmasked: no masking runs there (no rule, a browser page, not loaded). */
  | { kind: 'refused'; reason: 'off' | 'unmasked' }
  /** Nothing captured yet: the fallback caught identities the site's rule missed (the site may have changed); ask again with confirmed. */
  | { kind: 'warn'; fallback: number }
  /** Saved as `file` (in the downloads folder); `png` is the picture as a data: URL, for the popup's clipboard. */
  | { kind: 'done'; file: string; png: string; copied: boolean };

/** In storage.session: the keyboard command's last outcome, { tabId, message }: the popup, opened next on that tab, shows it. */
export const LAST_SHOT_KEY = 'lastCommandShot';

/** What a person is told of an outcome, in their language (`message`: the pages' t, the worker's i18n.getMessage). */
export function shotMessage(outcome: ShotOutcome, message: (name: string, ...substitutions: string[]) => string): string {
  if (outcome.kind === 'refused') return message(outcome.reason === 'off' ? 'screenshotOff' : 'screenshotUnmasked');
  if (outcome.kind === 'warn') return message('screenshotWarn', String(outcome.fallback));
  return message(outcome.copied ? 'screenshotDone' : 'screenshotSaved', outcome.file);
}

/** The stamp: a box in the bottom-right corner, in CSS pixels of the page (scaled with it). */
export const STAMP = { colour: '#3d1f2b', text: '#ffe4ee', height: 22, margin: 8, padding: 8, font: 12 } as const;

/**
 * "momo-mask-x.com-20261205-203107.png": the site and the local time, never the page's title
 * (it may name the person the page is about).
 */
export function shotFileName(url: string, when: Date): string {
  let host = 'page';
  try {
    host = new URL(url).hostname.replace(/^www\./, '') || host;
  } catch {
    // not a URL: "page"
  }
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${when.getFullYear()}${two(when.getMonth() + 1)}${two(when.getDate())}`;
  const time = `${two(when.getHours())}${two(when.getMinutes())}${two(when.getSeconds())}`;
  return `momo-mask-${host}-${date}-${time}.png`;
}
