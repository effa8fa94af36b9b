/**
 * `npm start`: shows the built extension masking the bundled demo feed in the browser this machine
 * has (scripts/start/find-browser.ts says where it looks; MOMO_BROWSER overrides: a path, or
 * chromium / chrome / firefox). With a display, a browser window opens on the feed (close it to
 * finish). Without one (a server, CI), it writes before/after screenshots to artifacts/ (or
 * MOMO_ARTIFACTS) and prints where they are. The feed is served at its own made-up address by the
 * browser driver, so nothing leaves the machine. The extension comes from dist-demo/ (the build
 * with the demo site's rule) when there is one, else dist/; MOMO_DIST names another folder with
 * chrome/ and firefox/ builds (a private build when testing).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findBrowser, hasDisplay } from './start/find-browser';
import { buildFeed } from './start/build-feed';
import { identify } from './start/identify';
import { describeShots, type Shots } from './start/shots';

const ROOT = resolve(import.meta.dirname, '..');
const NAMES = { chromium: 'Chromium', chrome: 'Chrome', firefox: 'Firefox' } as const;

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const found = findBrowser({ platform: process.platform, env: process.env, exists: existsSync });
  if (!found.ok) fail(found.message);
  const browser = identify(found.browser);
  const builds = process.env.MOMO_DIST ?? [join(ROOT, 'dist-demo'), join(ROOT, 'dist')].find((dir) => existsSync(dir)) ?? join(ROOT, 'dist');
  const dist = resolve(builds, browser.kind === 'firefox' ? 'firefox' : 'chrome');
  if (!existsSync(join(dist, 'manifest.json'))) fail(`${dist} is missing: build the extension first (npm start does).`);
  buildFeed();

  const name = NAMES[browser.kind];
  const how = { chromium: '--load-extension', chrome: 'the DevTools protocol (Extensions.loadUnpacked)', firefox: 'WebDriver BiDi (a temporary add-on)' }[browser.kind];
  console.log(`Using ${browser.version ?? name} at ${browser.path}; the extension is loaded through ${how}.`);
  const headed = hasDisplay(process.platform, process.env);
  const outDir = resolve(process.env.MOMO_ARTIFACTS ?? join(ROOT, 'artifacts'));
  if (!headed) mkdirSync(outDir, { recursive: true });

  let shots: Shots | undefined;
  // Each family's driver (Puppeteer, Playwright) is imported only when used: a second saved at start.
  if (browser.kind === 'firefox') {
    const { shootFirefox, showFirefox } = await import('./start/demo-firefox');
    if (headed) await showFirefox(browser.path, dist);
    else shots = await shootFirefox(browser.path, dist, outDir);
  } else {
    const [{ launchChromium }, { launchChromeCdp }, { shootChromium, showChromium }] = await Promise.all([
      import('./start/launch-chromium'),
      import('./start/launch-chrome-cdp'),
      import('./start/demo-chromium'),
    ]);
    const session =
      browser.kind === 'chrome'
        ? await launchChromeCdp(browser.path, dist, headed)
        : // A Chromium build that ignores the flag (as Chrome does) still accepts the protocol.
          await launchChromium(browser.path, dist, headed).catch((error: Error) => {
            console.log(`${error.message}: trying the DevTools protocol instead.`);
            return launchChromeCdp(browser.path, dist, headed);
          });
    if (headed) await showChromium(session, name);
    else shots = await shootChromium(session, outDir);
  }
  if (shots) console.log(describeShots(shots, name));
}

main().catch((error) => fail(String(error?.stack ?? error)));
