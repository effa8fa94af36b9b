/**
 * The picker in Chromium from the grant onwards: headless Chromium cannot answer a permission
 * prompt, so this copy of the built extension was granted the forum at install (its manifest lists
 * the host). The popup's permissions.request then resolves at once, as after a user's "Allow", and
 * everything after it runs as shipped: the start, the picks, the save, the registration, the reload.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_DIST, launchChromium } from './harness/chromium';
import { openChromiumUi } from './harness/ui';
import { PICKER_HOST, pickerSuite } from './picker.shared';

function grantedAtInstall(host: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'momo-granted-')), 'chrome');
  cpSync(CHROME_DIST, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions.push(`*://${host}/*`, `*://*.${host}/*`);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

pickerSuite(async (internet) => {
  const session = await launchChromium(internet, grantedAtInstall(PICKER_HOST));
  return {
    session,
    openUi: (path) => openChromiumUi(session.context, session.extensionUrl(path)),
    // Playwright's CSS engine pierces open shadow roots by itself.
    inPicker: (inner) => `momo-mask-picker ${inner}`,
  };
});
