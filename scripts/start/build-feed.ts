/**
 * Builds the demo feed's React bundle (tests/fixtures/demo/live-feed/dist/app.js) unless it is
 * newer than its sources: the build empties its folder first, so skipping it when nothing changed
 * saves a second and spares anything reading the bundle at the same moment (the e2e tests).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_DIR } from '../demo-site';

export function buildFeed(): void {
  const dir = join(DEMO_DIR, 'live-feed');
  const bundle = join(dir, 'dist/app.js');
  const sources = ['app.jsx', 'build.mjs'].map((file) => statSync(join(dir, file)).mtimeMs);
  if (existsSync(bundle) && statSync(bundle).mtimeMs > Math.max(...sources)) return;
  execFileSync(process.execPath, [join(dir, 'build.mjs')], { stdio: 'inherit' });
}
