/**
 * Where the content script's time goes: one extra 1,000-post feed round (and one 1,000-unit round of
 * each real-markup feed) with the extension under the CDP sampling profiler. Every sample whose stack holds a frame of the content script counts as
 * masking; it is charged to the frame it was in (a content-script function, or a native DOM call the
 * content script made — a forced style recalculation shows up inside the call that forced it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH, FEED_URL } from './feed';
import type { Page } from 'playwright-core';
import { CHROME_DIST, openTab, settle, type Session } from './lib';
import { insertSiteUnits, loadSiteFeed, siteUrl, type SiteFeed } from './site-feed';

export interface ProfileLine {
  /** Function name (minified in the shipped build), or the native call. */
  frame: string;
  /** Where it is in the content script (start of the function's source), empty for native calls. */
  where: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  posts: number;
  /** Sampled time with a content-script frame on the stack. */
  contentMs: number;
  /** Sampled time of the whole insertion. */
  totalMs: number;
  lines: ProfileLine[];
}

const CONTENT_SCRIPT = 'src/content/index.js';

/** The parts of CDP's Profiler.Profile used here. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export async function profileFeed(session: Session, posts = 1000): Promise<ProfileSummary> {
  return profileInsertion(session, FEED_URL, posts, async (page) => {
    await page.evaluate(([n, batch]) => (window as unknown as { __bench: { run(n: number, b: number): Promise<unknown> } }).__bench.run(n, batch), [posts, BATCH] as const);
  });
}

/** The same for a real-markup feed (site-feed.ts): its page with the site's rule, `units` clones inserted SITE_BATCH per frame. */
export async function profileSiteFeed(session: Session, feed: SiteFeed, units: number): Promise<ProfileSummary> {
  return profileInsertion(
    session,
    siteUrl(feed, 'plain'),
    units,
    (page) => insertSiteUnits(page, units),
    (page) => loadSiteFeed(page, feed, units),
  );
}

async function profileInsertion(
  session: Session,
  url: string,
  count: number,
  insert: (page: Page) => Promise<unknown>,
  prepare?: (page: Page) => Promise<unknown>,
): Promise<ProfileSummary> {
  const { page, cdp } = await openTab(session);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await settle(page, 200);
    await prepare?.(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await insert(page);
    const { profile } = await cdp.send('Profiler.stop');
    return summarise(profile as CpuProfile, count);
  } finally {
    await page.close();
  }
}

function summarise(profile: CpuProfile, posts: number): ProfileSummary {
  const byId = new Map<number, ProfileNode>(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const isContent = (node: ProfileNode) => node.callFrame.url.endsWith(CONTENT_SCRIPT);
  // Is a content-script frame on the stack at or above this node?
  const underContent = new Map<number, boolean>();
  const inContent = (id: number): boolean => {
    const known = underContent.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const up = parent.get(id);
    const value = isContent(node) || (up !== undefined && inContent(up));
    underContent.set(id, value);
    return value;
  };

  const source = readSource();
  const self = new Map<string, { frame: string; where: string; us: number }>();
  let contentUs = 0;
  let totalUs = 0;
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) {
    const us = timeDeltas[i + 1] ?? 0; // a sample's time runs until the next one
    const node = byId.get(samples[i])!;
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
    totalUs += us;
    if (!inContent(node.id)) continue;
    contentUs += us;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const native = !url;
    const key = native ? `native:${functionName}` : `${functionName}@${lineNumber}:${columnNumber}`;
    const where = native ? '' : snippet(source, lineNumber, columnNumber);
    const entry = self.get(key) ?? { frame: native ? `${functionName || '(native)'} (native)` : functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    self.set(key, entry);
  }
  const lines = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, 15)
    .map(({ frame, where, us }) => ({ frame, where, selfMs: us / 1000, share: contentUs ? us / contentUs : 0 }));
  return { posts, contentMs: contentUs / 1000, totalMs: totalUs / 1000, lines };
}

function readSource(): string[] {
  try {
    return readFileSync(join(CHROME_DIST, CONTENT_SCRIPT), 'utf8').split('\n');
  } catch {
    return [];
  }
}

function snippet(lines: string[], line: number, column: number): string {
  const text = lines[line] ?? '';
  return text.slice(column, column + 70).replace(/\s+/g, ' ');
}
