import { describe, expect, it } from 'vitest';
import { findBrowser, hasDisplay, kindFromName, kindFromVersion, type Env } from '../../../scripts/start/find-browser';

/** A machine whose only files are `files`. */
const find = (platform: NodeJS.Platform, files: string[], env: Env = {}) => findBrowser({ platform, env, exists: (path) => files.includes(path) });
const found = (result: ReturnType<typeof findBrowser>) => (result.ok ? result.browser : result.message);

describe('findBrowser on Linux', () => {
  const env = { PATH: '/home/u/bin:/usr/local/bin:/usr/bin' };

  it("finds Debian's Chromium", () => {
    expect(found(find('linux', ['/usr/bin/chromium', '/usr/bin/firefox-esr'], env))).toEqual({ kind: 'chromium', path: '/usr/bin/chromium' });
  });

  it('prefers Chromium and Chrome to Firefox, whatever the order on PATH', () => {
    expect(found(find('linux', ['/home/u/bin/firefox', '/usr/bin/google-chrome-stable'], env))).toEqual({ kind: 'chrome', path: '/usr/bin/google-chrome-stable' });
    expect(found(find('linux', ['/usr/bin/firefox', '/usr/bin/chromium-browser'], env))).toEqual({ kind: 'chromium', path: '/usr/bin/chromium-browser' });
  });

  it('looks in PATH first, then the usual places even when PATH leaves them out', () => {
    expect(found(find('linux', ['/home/u/bin/chromium', '/usr/bin/chromium'], env))).toEqual({ kind: 'chromium', path: '/home/u/bin/chromium' });
    expect(found(find('linux', ['/usr/bin/google-chrome'], { PATH: '/nowhere' }))).toEqual({ kind: 'chrome', path: '/usr/bin/google-chrome' });
    expect(found(find('linux', ['/snap/bin/chromium'], {}))).toEqual({ kind: 'chromium', path: '/snap/bin/chromium' });
    expect(found(find('linux', ['/opt/google/chrome/chrome'], env))).toEqual({ kind: 'chrome', path: '/opt/google/chrome/chrome' });
  });

  it('falls back to Firefox, then Firefox ESR', () => {
    expect(found(find('linux', ['/usr/bin/firefox-esr'], env))).toEqual({ kind: 'firefox', path: '/usr/bin/firefox-esr' });
    expect(found(find('linux', ['/usr/bin/firefox-esr', '/usr/bin/firefox'], env))).toEqual({ kind: 'firefox', path: '/usr/bin/firefox' });
  });

  it('names what to install when there is no browser', () => {
    const result = find('linux', [], env);
    expect(result.ok).toBe(false);
    expect(found(result)).toMatch(/no browser found/);
    expect(found(result)).toContain('sudo apt-get install -y chromium');
    expect(found(result)).toContain('firefox-esr');
    expect(found(result)).toContain('MOMO_BROWSER');
  });
});

describe('findBrowser on macOS', () => {
  it('finds the apps in /Applications, Chromium first, then Chrome, then Firefox', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const firefox = '/Applications/Firefox.app/Contents/MacOS/firefox';
    expect(found(find('darwin', [firefox, chrome]))).toEqual({ kind: 'chrome', path: chrome });
    expect(found(find('darwin', [firefox, chrome, '/Applications/Chromium.app/Contents/MacOS/Chromium']))).toMatchObject({ kind: 'chromium' });
    expect(found(find('darwin', [firefox]))).toEqual({ kind: 'firefox', path: firefox });
  });

  it("finds an app in the user's own Applications folder", () => {
    const path = '/Users/u/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(found(find('darwin', [path], { HOME: '/Users/u' }))).toEqual({ kind: 'chrome', path });
  });

  it('names what to install with Homebrew', () => {
    expect(found(find('darwin', []))).toMatch(/brew install --cask google-chrome.*brew install --cask firefox/);
  });
});

describe('findBrowser on Windows', () => {
  const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local', Path: 'C:\\Windows' };

  it('finds Chrome under Program Files, Program Files (x86) or the user’s AppData', () => {
    for (const root of ['C:\\Program Files', 'C:\\Program Files (x86)', 'C:\\Users\\u\\AppData\\Local']) {
      const path = `${root}\\Google\\Chrome\\Application\\chrome.exe`;
      expect(found(find('win32', [path, 'C:\\Program Files\\Mozilla Firefox\\firefox.exe'], env))).toEqual({ kind: 'chrome', path });
    }
  });

  it('finds Firefox when there is no Chrome, and reads the environment case-insensitively', () => {
    const path = 'C:\\Program Files (x86)\\Mozilla Firefox\\firefox.exe';
    expect(found(find('win32', [path], env))).toEqual({ kind: 'firefox', path });
    expect(found(find('win32', ['C:\\Windows\\firefox.exe'], env))).toEqual({ kind: 'firefox', path: 'C:\\Windows\\firefox.exe' });
  });

  it('names what to install with winget', () => {
    expect(found(find('win32', [], env))).toMatch(/winget install Google\.Chrome.*winget install Mozilla\.Firefox/);
  });
});

describe('MOMO_BROWSER', () => {
  const files = ['/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/firefox-esr', '/opt/x/browser'];

  it('picks a family by name', () => {
    expect(found(find('linux', files, { MOMO_BROWSER: 'firefox' }))).toEqual({ kind: 'firefox', path: '/usr/bin/firefox-esr' });
    expect(found(find('linux', files, { MOMO_BROWSER: 'Chrome' }))).toEqual({ kind: 'chrome', path: '/usr/bin/google-chrome' });
    expect(found(find('linux', files, { MOMO_BROWSER: 'chromium' }))).toEqual({ kind: 'chromium', path: '/usr/bin/chromium' });
  });

  it('says so when the family asked for is not installed', () => {
    const result = find('linux', ['/usr/bin/chromium'], { MOMO_BROWSER: 'firefox' });
    expect(result.ok).toBe(false);
    expect(found(result)).toMatch(/MOMO_BROWSER=firefox.*Install Firefox/);
  });

  it('takes a path as it is, guessing the kind from its name', () => {
    expect(found(find('linux', files, { MOMO_BROWSER: '/usr/bin/firefox-esr' }))).toEqual({ kind: 'firefox', path: '/usr/bin/firefox-esr' });
    // A name that says nothing: the protocol path, which every Chromium accepts (the version line refines it).
    expect(found(find('linux', files, { MOMO_BROWSER: '/opt/x/browser' }))).toEqual({ kind: 'chrome', path: '/opt/x/browser' });
  });

  it('refuses a path that is not there', () => {
    expect(found(find('linux', files, { MOMO_BROWSER: '/opt/none' }))).toMatch(/MOMO_BROWSER=\/opt\/none: no such file/);
  });
});

describe('what a browser says it is', () => {
  it('reads the --version line', () => {
    expect(kindFromVersion('Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)')).toBe('chromium');
    expect(kindFromVersion('Chromium 137.0.7151.68 snap')).toBe('chromium');
    expect(kindFromVersion('Google Chrome 150.0.7700.0')).toBe('chrome');
    expect(kindFromVersion('Microsoft Edge 140.0.3485.54')).toBe('chrome');
    expect(kindFromVersion('Mozilla Firefox 153.8.0esr')).toBe('firefox');
    expect(kindFromVersion('')).toBeUndefined();
  });

  it('reads a file name', () => {
    expect(kindFromName('C:\\Users\\u\\AppData\\Local\\Chromium\\Application\\chrome.exe')).toBe('chromium');
    expect(kindFromName('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')).toBe('chrome');
    expect(kindFromName('/usr/bin/firefox-esr')).toBe('firefox');
  });
});

describe('hasDisplay', () => {
  it('needs X or Wayland on Linux, and never on CI', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('linux', { DISPLAY: ':0', CI: 'true' })).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0', CI: 'false' })).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('win32', { CI: '1' })).toBe(false);
  });
});
