/**
 * The demo feed's files by URL, for drivers that answer requests themselves (Puppeteer in Firefox).
 * Mirrors serveDemo in scripts/demo-site.ts, which does the same for a Playwright context.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { DEMO_DIR } from '../demo-site';

export const DEMO_HOST = 'demo.momomask.test';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.svg': 'image/svg+xml', '.html': 'text/html; charset=utf-8' };

export interface DemoReply {
  status: number;
  contentType: string;
  body: Buffer;
}

/** The reply for a URL of the demo site; undefined for any other site (refuse it: nothing leaves the machine). */
export function demoReply(address: string): DemoReply | undefined {
  const url = new URL(address);
  if (url.hostname !== DEMO_HOST) return undefined;
  // Every /live/… path is the app (it routes with pushState).
  const file =
    url.pathname === '/live/app.js'
      ? join(DEMO_DIR, 'live-feed/dist/app.js')
      : url.pathname.startsWith('/live/')
        ? join(DEMO_DIR, 'live-feed/index.html')
        : join(DEMO_DIR, url.pathname);
  if (!file.startsWith(DEMO_DIR) || !existsSync(file)) return { status: 404, contentType: 'text/plain', body: Buffer.alloc(0) };
  return { status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
}
