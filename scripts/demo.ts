/**
 * `npm start`: shows the built extension masking the bundled demo feed in Debian's Chromium.
 * With a display, a Chromium window opens on the feed (close it to finish). Without one (a server,
 * CI), it writes before/after screenshots to artifacts/ and prints where they are.
 * The feed is served at its own made-up address by the browser driver, so nothing leaves the machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_DIR, DEMO_FEED_URL, serveDemo } from './demo-site';
import { chromium, type BrowserContext } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist/chrome');
const DEMO = DEMO_DIR;
const FEED_URL = DEMO_FEED_URL;
const CHROMIUM = '/usr/bin/chromium';

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}


async function askWorker(context: BrowserContext, extensionId: string, message: object): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  await page.close();
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'manifest.json'))) fail('dist/chrome is missing: run `npm run build` first.');
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: install Debian's Chromium (sudo apt-get install -y chromium).`);
  execFileSync(process.execPath, [join(DEMO, 'live-feed/build.mjs')], { stdio: 'inherit' });
  const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'momo-demo-')), {
    executablePath: CHROMIUM,
    headless: !headed,
    viewport: { width: 1100, height: 900 },
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  await serveDemo(context);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  if (headed) {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(FEED_URL);
    console.log(`Momo Mask is masking ${FEED_URL} in the Chromium window. Click the toolbar icon to switch it off and on. Close the window to finish.`);
    await new Promise((resolveClosed) => context.on('close', resolveClosed));
    return;
  }

  const out = join(ROOT, 'artifacts');
  mkdirSync(out, { recursive: true });
  const shoot = async (file: string) => {
    const page = await context.newPage();
    await page.goto(FEED_URL, { waitUntil: 'load' });
    await page.waitForSelector('article.post');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, file), fullPage: false });
    await page.close();
  };
  await askWorker(context, extensionId, { type: 'page:set-enabled', enabled: false });
  await shoot('demo-before.png');
  await askWorker(context, extensionId, { type: 'page:set-enabled', enabled: true });
  await shoot('demo-after.png');
  await context.close();
  console.log(`No display here, so the demo was screenshotted instead:\n  before (masking off): ${join(out, 'demo-before.png')}\n  after  (masking on):  ${join(out, 'demo-after.png')}`);
}

main().catch((error) => fail(String(error?.stack ?? error)));
