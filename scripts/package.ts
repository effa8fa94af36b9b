/**
 * `npm run package`: store-ready zips of both builds in artifacts/
 * (momo-mask-chrome-<version>.zip for the Chrome Web Store, momo-mask-firefox-<version>.zip for AMO).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const out = join(ROOT, 'artifacts');
mkdirSync(out, { recursive: true });

for (const target of ['chrome', 'firefox']) {
  const dir = join(ROOT, 'dist', target);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`dist/${target} is missing: run npm run build first`);
  const zip = join(out, `momo-mask-${target}-${version}.zip`);
  rmSync(zip, { force: true });
  // -X: no extra file attributes; -r from inside the folder so manifest.json sits at the zip's root.
  execFileSync('zip', ['-q', '-X', '-r', zip, '.'], { cwd: dir, stdio: 'inherit' });
  console.log(zip);
}
