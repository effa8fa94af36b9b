/**
 * The bundled demo site as `npm start` and `npm run screenshots` serve it, through the browser
 * driver (nothing leaves the machine): the React live feed at https://demo.momomask.test/live/ and
 * its pictures. Every /live/… path is the app, which routes with pushState.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const DEMO_DIR = resolve(import.meta.dirname, '../tests/fixtures/demo');
export const DEMO_FEED_URL = 'https://demo.momomask.test/live/';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.svg': 'image/svg+xml', '.html': 'text/html; charset=utf-8' };

export async function serveDemo(context: BrowserContext): Promise<void> {
  await context.route(/^https?:/, (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== 'demo.momomask.test') return route.abort();
    const file =
      url.pathname === '/live/app.js'
        ? join(DEMO_DIR, 'live-feed/dist/app.js')
        : url.pathname.startsWith('/live/')
          ? join(DEMO_DIR, 'live-feed/index.html')
          : join(DEMO_DIR, url.pathname);
    if (!file.startsWith(DEMO_DIR) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
}
