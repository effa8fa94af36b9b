/**
 * Asks the browser what it is: a file called `chromium` may be Google Chrome (or a wrapper around
 * either), and only Chromium honours --load-extension. On Windows, `chrome.exe --version` opens a
 * window instead of printing, so there the file's name decides.
 */
import { execFileSync } from 'node:child_process';
import { kindFromVersion, type FoundBrowser } from './find-browser';

export function identify(found: FoundBrowser, platform: NodeJS.Platform = process.platform): FoundBrowser & { version?: string } {
  if (platform === 'win32') return found;
  try {
    const version = execFileSync(found.path, ['--version'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { ...found, kind: kindFromVersion(version) ?? found.kind, version };
  } catch {
    // It would not say: trust the name, the launch will tell.
    return found;
  }
}
