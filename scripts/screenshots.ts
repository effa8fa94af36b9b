/**
 * `npm run screenshots`: the README's pictures, made from the real build (dist/chrome) in Debian's
 * Chromium, headless: the popup (light and dark) over the demo feed, the feed masked with the
 * user's label on their own identity, and the options page's rule editor. Written to
 * .github/screenshots/. The demo feed is served by the browser driver at its made-up address, so
 * nothing leaves the machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_DIR, DEMO_FEED_URL, serveDemo } from './demo-site';
import { chromium, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist/chrome');
const DEMO = DEMO_DIR;
const OUT = join(ROOT, '.github/screenshots');
const FEED_URL = DEMO_FEED_URL;
const CHROMIUM = '/usr/bin/chromium';

function fail(message: string): never {
  console.error(`npm run screenshots: ${message}`);
  process.exit(1);
}

async function ask(page: Page, message: object): Promise<void> {
  const reply = await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  if (!reply?.ok) fail(`the worker refused ${JSON.stringify(message)}: ${reply?.error}`);
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'manifest.json'))) fail('dist/chrome is missing: run `npm run build` first.');
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: install Debian's Chromium (sudo apt-get install -y chromium).`);
  try {
    if (!execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim()) {
      console.warn('No Chinese font is installed: the feed’s Chinese posts will show as boxes (sudo apt-get install -y fonts-noto-cjk).');
    }
  } catch {
    // no fontconfig tools: nothing to check
  }
  execFileSync(process.execPath, [join(DEMO, 'live-feed/build.mjs')], { stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });

  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'momo-shots-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1000, height: 760 },
    colorScheme: 'light',
    args: [
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--lang=en-US',
    ],
  });
  try {
    await serveDemo(context);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const base = `chrome-extension://${new URL(worker.url()).host}/`;

    const feed = context.pages()[0] ?? (await context.newPage());
    await feed.goto(FEED_URL, { waitUntil: 'load' });
    await feed.waitForSelector('article.post');

    const control = await context.newPage();
    await control.goto(`${base}src/popup/index.html`);
    await ask(control, { type: 'page:set-label', label: 'milk-tea mo' });
    const [tab] = await control.evaluate((url) => chrome.tabs.query({ url: `${url}*` }), FEED_URL);
    await control.close();

    // The feed, masked, with the user's label on their own identity ("Signed in as …").
    await feed.bringToFront();
    await feed.waitForFunction(() => (document.querySelector('[data-role="self"]') as HTMLElement | null)?.innerText.includes('milk-tea mo'));
    await feed.waitForTimeout(400);
    await feed.screenshot({ path: join(OUT, 'masked-feed.png') });

    // The popup as the toolbar shows it (its own width), over the feed's tab, in both themes.
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`${base}src/popup/index.html?tab=${tab.id}`);
    await popup.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''));
    await popup.screenshot({ path: join(OUT, 'popup.png'), fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: join(OUT, 'popup-dark.png'), fullPage: true });
    await popup.close();

    // The options page with the demo site's rule editor open, after "Test on the open tab".
    const options = await context.newPage();
    await options.setViewportSize({ width: 1000, height: 1100 });
    await options.goto(`${base}src/options/index.html`);
    await options.click('[data-testid="edit-demo"]');
    await options.click('[data-testid="rule-test"]');
    await options.waitForSelector('output.count');
    await (await options.$('[data-testid="rule-editor"]'))!.screenshot({ path: join(OUT, 'options-rule-editor.png') });
  } finally {
    await context.close();
  }
  console.log(`Screenshots written to ${OUT}: masked-feed.png, popup.png, popup-dark.png, options-rule-editor.png`);
}

main().catch((error) => fail(String(error?.stack ?? error)));
