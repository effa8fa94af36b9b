/**
 * The masked screenshot, taken by the worker for the popup's button and for the keyboard command:
 * the tab's content script first says that masking has settled (content/index.ts), and is on;
 * then the visible part is captured, or the whole page, scrolled a viewport at a time, each time
 * settled again; the stamp goes in a corner (screenshot-image.ts); the PNG is saved through the
 * downloads API and, for the command, copied to the clipboard from the tab, which has the focus
 * (the popup copies it itself: it has the focus then, and a worker has no clipboard).
 */
import type { Browser } from 'webextension-polyfill';
import type { ContentStatus } from '../shared/content-messages';
import { shotFileName, type ShotOutcome, type ShotScope } from '../shared/screenshot';
import { composeShot, type Frame } from './screenshot-image';

/**
 * Chrome allows two captureVisibleTab calls a second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND);
 * a whole page waits this long between its captures. Firefox has no such limit, but the same pace
 * keeps one code path.
 */
export const CAPTURE_INTERVAL_MS = 550;
/** The stitched picture's height at most, in device pixels: browsers refuse larger canvases (32,767 px in Chrome). */
export const MAX_PAGE_PIXELS = 16_384;

export interface ShotRequest {
  tabId: number;
  scope: ShotScope;
  /** The user was warned that the fallback caught identities here (the site may have changed) and asked again. */
  confirmed: boolean;
  /** Copy to the clipboard from the tab (the command); the popup copies the picture itself. */
  copyInTab: boolean;
}

export async function takeScreenshot(ext: Browser, { tabId, scope, confirmed, copyInTab }: ShotRequest): Promise<ShotOutcome> {
  const status = await settledStatus(ext, tabId);
  if (!status) return { kind: 'refused', reason: 'unmasked' };
  if (!status.active) return { kind: 'refused', reason: 'off' };
  if (status.fallback > 0 && !confirmed) return { kind: 'warn', fallback: status.fallback };
  const tab = await ext.tabs.get(tabId);
  // captureVisibleTab takes whatever its window shows.
  if (!tab.active || tab.windowId === undefined) throw new Error('the tab is not the one its window shows: only what is shown can be captured');
  const windowId = tab.windowId;
  const frames = scope === 'visible' ? [await captureAt(ext, tabId, windowId, null)] : await captureWholePage(ext, tabId, windowId);
  const png = await composeShot(frames, ext.i18n.getMessage('screenshotStamp'));
  const file = shotFileName(tab.url ?? '', new Date());
  const dataUrl = await asDataUrl(png);
  await save(ext, png, dataUrl, file);
  const copied = copyInTab && (await copyFromTab(ext, tabId, dataUrl));
  return { kind: 'done', file, png: dataUrl, copied };
}

/**
 * The tab's status once masking has settled there; null when no content script masks the tab's
 * page. Settled: the content script has applied the stored settings and rule (and masked every
 * mutation before the question: observer callbacks run before the next task), the parser is done
 * (the engine's rescan at DOMContentLoaded ran) and two frames have painted what was masked.
 */
async function settledStatus(ext: Browser, tabId: number): Promise<ContentStatus | null> {
  let status: ContentStatus | null;
  try {
    status = ((await ext.tabs.sendMessage(tabId, { type: 'content:get-settled-status' }, { frameId: 0 })) as ContentStatus | undefined) ?? null;
  } catch {
    return null;
  }
  if (status?.active) await ext.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: painted });
  return status;
}

/** Runs in the tab: resolves once the parser is done and two frames have painted. A hidden tab paints none: 300 ms at most. */
function painted(): Promise<void> {
  return new Promise((done) => {
    const twoFrames = () => {
      requestAnimationFrame(() => requestAnimationFrame(() => done()));
      setTimeout(done, 300);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', twoFrames, { once: true });
    else twoFrames();
  });
}

/** Where the page is scrolled and how large it is, in CSS pixels. */
interface PagePlace {
  y: number;
  viewportWidth: number;
  viewportHeight: number;
  pageHeight: number;
}

/** Runs in the tab (scripting.executeScript): scrolls to `y` unless null, and says where the page is. */
function scrollPage(y: number | null): PagePlace {
  // "instant": a page's `scroll-behavior: smooth` would otherwise still be moving at the capture.
  if (y !== null) scrollTo({ top: y, behavior: 'instant' });
  return { y: scrollY, viewportWidth: innerWidth, viewportHeight: innerHeight, pageHeight: document.documentElement.scrollHeight };
}

async function placePage(ext: Browser, tabId: number, y: number | null): Promise<PagePlace> {
  const [injection] = await ext.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: scrollPage, args: [y] });
  return injection.result as PagePlace;
}

async function captureAt(ext: Browser, tabId: number, windowId: number, y: number | null): Promise<Frame> {
  const place = await placePage(ext, tabId, y);
  // Scrolled: what came into view is masked, and painted, before the capture.
  if (y !== null) {
    const status = await settledStatus(ext, tabId);
    if (!status?.active) throw new Error('masking went off on the tab while the page was captured');
  }
  const image = await createImageBitmap(await (await fetch(await ext.tabs.captureVisibleTab(windowId, { format: 'png' }))).blob());
  return { image, y: place.y, viewportWidth: place.viewportWidth };
}

/**
 * The scroll positions that cover a page `pageHeight` high, a viewport at a time, up to
 * `maxHeight` (CSS pixels): the last one ends at the page's (or the limit's) bottom.
 */
export function scrollPlan(pageHeight: number, viewportHeight: number, maxHeight: number): number[] {
  const height = Math.min(pageHeight, maxHeight);
  const plan: number[] = [];
  for (let y = 0; y < height - viewportHeight; y += viewportHeight) plan.push(y);
  plan.push(Math.max(0, height - viewportHeight));
  return plan;
}

async function captureWholePage(ext: Browser, tabId: number, windowId: number): Promise<Frame[]> {
  const start = await placePage(ext, tabId, null);
  const frames: Frame[] = [];
  try {
    // Device pixels per CSS pixel are known from the first capture; until then, the page's height in CSS pixels is a safe bound.
    let plan = scrollPlan(start.pageHeight, start.viewportHeight, MAX_PAGE_PIXELS);
    for (let i = 0; i < plan.length; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, CAPTURE_INTERVAL_MS));
      const frame = await captureAt(ext, tabId, windowId, plan[i]);
      frames.push(frame);
      if (i === 0) plan = scrollPlan(start.pageHeight, start.viewportHeight, MAX_PAGE_PIXELS / (frame.image.width / frame.viewportWidth));
    }
  } finally {
    await placePage(ext, tabId, start.y).catch(() => undefined);
  }
  return frames;
}

function asDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Saves to the downloads folder and waits until the file is there. Chrome's worker has no object URLs: a data: URL there. */
async function save(ext: Browser, png: Blob, dataUrl: string, filename: string): Promise<void> {
  const url = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(png) : dataUrl;
  try {
    const id = await ext.downloads.download({ url, filename, saveAs: false, conflictAction: 'uniquify' });
    await new Promise<void>((resolve, reject) => {
      const check = (state: string | undefined, error?: string) => {
        if (state !== 'complete' && state !== 'interrupted') return;
        ext.downloads.onChanged.removeListener(listener);
        if (state === 'complete') resolve();
        else reject(new Error(`the PNG could not be saved: ${error ?? 'interrupted'}`));
      };
      const listener = (delta: { id: number; state?: { current?: string }; error?: { current?: string } }) => {
        if (delta.id === id) check(delta.state?.current, delta.error?.current);
      };
      ext.downloads.onChanged.addListener(listener);
      // It may have finished before the listener was added.
      void ext.downloads.search({ id }).then(([item]) => check(item?.state, item?.error));
    });
  } finally {
    if (url !== dataUrl) URL.revokeObjectURL(url);
  }
}

/** Runs in the tab (scripting.executeScript, the isolated world): the page has the focus a clipboard write needs. */
async function writeClipboard(dataUrl: string): Promise<boolean> {
  try {
    const bytes = Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
    return true;
  } catch {
    return false;
  }
}

async function copyFromTab(ext: Browser, tabId: number, dataUrl: string): Promise<boolean> {
  try {
    const [injection] = await ext.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: writeClipboard, args: [dataUrl] });
    return injection.result === true;
  } catch {
    return false;
  }
}
