/**
 * Which browser `npm start` uses, and whether it can show a window. Pure: the platform, the
 * environment and an `exists` check are passed in, so every OS's layout is unit-tested on any OS.
 *
 * Chromium-family browsers come first (the demo is the same in both families), Firefox after.
 * MOMO_BROWSER overrides the search: a path, or chromium / chrome / firefox.
 */
import { posix, win32 } from 'node:path';

/**
 * chromium: honours --load-extension. chrome: Google Chrome 137+ ignores that flag, so the
 * extension is loaded through the DevTools protocol (which Chromium accepts too, so any other
 * Chromium-based browser is treated as this kind). firefox: loaded over WebDriver BiDi.
 */
export type BrowserKind = 'chromium' | 'chrome' | 'firefox';

export interface FoundBrowser {
  kind: BrowserKind;
  path: string;
}

export type Env = Record<string, string | undefined>;

export interface FindInput {
  platform: NodeJS.Platform;
  env: Env;
  exists: (path: string) => boolean;
}

export type FindResult = { ok: true; browser: FoundBrowser } | { ok: false; message: string };

/** Windows' environment names are case-insensitive; a plain object passed in a test is not. */
function envGet(env: Env, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name] || undefined;
  const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
  return (key && env[key]) || undefined;
}

/** Each name (in order of preference) in each directory (in the order given). */
function onPath(names: [BrowserKind, string][], dirs: string[], platform: NodeJS.Platform): FoundBrowser[] {
  const path = platform === 'win32' ? win32 : posix;
  const unique = [...new Set(dirs.filter(Boolean))];
  return names.flatMap(([kind, name]) => unique.map((dir) => ({ kind, path: path.join(dir, name) })));
}

/** Every place looked at, in order of preference, for this OS. */
export function candidates(platform: NodeJS.Platform, env: Env): FoundBrowser[] {
  const get = (name: string) => envGet(env, name, platform);
  const pathDirs = (get('PATH') ?? '').split(platform === 'win32' ? ';' : ':');
  if (platform === 'win32') {
    const roots = [get('ProgramFiles'), get('ProgramFiles(x86)'), get('LocalAppData')].filter((r): r is string => Boolean(r));
    const under = (kind: BrowserKind, rel: string) => roots.map((root) => ({ kind, path: win32.join(root, rel) }));
    return [
      ...under('chromium', 'Chromium\\Application\\chrome.exe'),
      ...under('chrome', 'Google\\Chrome\\Application\\chrome.exe'),
      ...onPath(
        [
          ['chromium', 'chromium.exe'],
          ['chrome', 'chrome.exe'],
        ],
        pathDirs,
        platform,
      ),
      ...under('firefox', 'Mozilla Firefox\\firefox.exe'),
      ...onPath([['firefox', 'firefox.exe']], pathDirs, platform),
    ];
  }
  if (platform === 'darwin') {
    const home = get('HOME');
    const apps = ['/Applications', ...(home ? [posix.join(home, 'Applications')] : [])];
    const app = (kind: BrowserKind, rel: string) => apps.map((dir) => ({ kind, path: posix.join(dir, rel) }));
    return [
      ...app('chromium', 'Chromium.app/Contents/MacOS/Chromium'),
      ...app('chrome', 'Google Chrome.app/Contents/MacOS/Google Chrome'),
      ...app('firefox', 'Firefox.app/Contents/MacOS/firefox'),
      ...onPath(
        [
          ['chromium', 'chromium'],
          ['chrome', 'google-chrome'],
          ['firefox', 'firefox'],
        ],
        pathDirs,
        platform,
      ),
    ];
  }
  // Linux and the other Unixes: the names distributions install, on PATH or in the usual places.
  const dirs = [...pathDirs, '/usr/bin', '/usr/local/bin', '/snap/bin'];
  return [
    ...onPath(
      [
        ['chromium', 'chromium'],
        ['chromium', 'chromium-browser'],
        ['chrome', 'google-chrome'],
        ['chrome', 'google-chrome-stable'],
      ],
      dirs,
      platform,
    ),
    { kind: 'chrome', path: '/opt/google/chrome/chrome' },
    ...onPath(
      [
        ['firefox', 'firefox'],
        ['firefox', 'firefox-esr'],
      ],
      dirs,
      platform,
    ),
  ];
}

/** The kind a browser's file name suggests; a name that says nothing gets the protocol path, which every Chromium accepts. */
export function kindFromName(path: string): BrowserKind {
  const name = path.toLowerCase();
  if (name.includes('firefox')) return 'firefox';
  if (name.includes('chromium')) return 'chromium';
  return 'chrome';
}

/**
 * The kind a browser's `--version` line says it is ("Chromium 156…", "Google Chrome 150…",
 * "Mozilla Firefox 153.0esr", "Microsoft Edge…"), or undefined when it printed nothing useful.
 */
export function kindFromVersion(version: string): BrowserKind | undefined {
  if (/firefox/i.test(version)) return 'firefox';
  if (/^\s*chromium\b/i.test(version)) return 'chromium';
  // Google Chrome, and other Chromium-based browsers (Edge, Brave…) whose --load-extension cannot be relied on.
  if (/\d+\.\d+/.test(version)) return 'chrome';
  return undefined;
}

/** What to install, in this OS's own words. */
export function installHint(platform: NodeJS.Platform, kind?: BrowserKind): string {
  const hints: Record<string, Record<BrowserKind, string>> = {
    linux: {
      chromium: 'Chromium (Debian: sudo apt-get install -y chromium; Ubuntu: sudo apt-get install -y chromium-browser)',
      chrome: 'Google Chrome (https://www.google.com/chrome/)',
      firefox: 'Firefox (Debian: sudo apt-get install -y firefox-esr; Ubuntu: sudo apt-get install -y firefox)',
    },
    darwin: {
      chromium: 'Chromium (brew install --cask chromium)',
      chrome: 'Google Chrome (https://www.google.com/chrome/ or brew install --cask google-chrome)',
      firefox: 'Firefox (https://www.mozilla.org/firefox/ or brew install --cask firefox)',
    },
    win32: {
      chromium: 'Chromium (https://www.chromium.org/getting-involved/download-chromium/)',
      chrome: 'Google Chrome (https://www.google.com/chrome/ or winget install Google.Chrome)',
      firefox: 'Firefox (https://www.mozilla.org/firefox/ or winget install Mozilla.Firefox)',
    },
  };
  const forOs = hints[platform] ?? hints.linux;
  return kind ? forOs[kind] : `${forOs.chromium}, ${forOs.chrome} or ${forOs.firefox}`;
}

const OVERRIDE_KINDS: Record<string, BrowserKind> = { chromium: 'chromium', chrome: 'chrome', 'google-chrome': 'chrome', firefox: 'firefox', 'firefox-esr': 'firefox' };

export function findBrowser({ platform, env, exists }: FindInput): FindResult {
  const override = envGet(env, 'MOMO_BROWSER', platform)?.trim();
  const wanted = override ? OVERRIDE_KINDS[override.toLowerCase()] : undefined;
  if (override && !wanted) {
    if (!exists(override)) return { ok: false, message: `MOMO_BROWSER=${override}: no such file. Give a browser's executable, or one of chromium, chrome, firefox.` };
    return { ok: true, browser: { kind: kindFromName(override), path: override } };
  }
  const found = candidates(platform, env).find((c) => (!wanted || c.kind === wanted) && exists(c.path));
  if (found) return { ok: true, browser: found };
  if (wanted)
    return {
      ok: false,
      message: `MOMO_BROWSER=${override}, but it is not installed where it usually is. Install ${installHint(platform, wanted)}, or set MOMO_BROWSER to its executable.`,
    };
  return { ok: false, message: `no browser found. Install ${installHint(platform)}; or set MOMO_BROWSER to a browser's executable.` };
}

/** A window can be shown: not on CI, and on Linux only with an X or Wayland display. */
export function hasDisplay(platform: NodeJS.Platform, env: Env): boolean {
  const ci = envGet(env, 'CI', platform);
  if (ci && !/^(0|false|no)$/i.test(ci)) return false;
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
