/**
 * Runs `npm start`'s script (scripts/demo.ts) as a user on a machine with no display would, with
 * MOMO_BROWSER naming the browser, and checks the screenshots it reports: the "after" one must show
 * the momo artwork (its body colour, counted in pixels: what a person sees, not what the masker
 * says it did) and the "before" one none of it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { countMomoPixels } from './harness/serve';

const ROOT = resolve(__dirname, '../..');

export interface DemoRun {
  stdout: string;
  stderr: string;
  before: string;
  after: string;
}

export async function runDemoHeadless(browser: string): Promise<DemoRun> {
  const outDir = mkdtempSync(join(tmpdir(), 'momo-start-out-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: 'true',
    MOMO_BROWSER: browser,
    // MOMO_DIST, when set (a private build), passes through; else the script picks the build as for a user.
    MOMO_ARTIFACTS: outDir,
    // A fresh home, so the browsers' caches and profiles do not pile up.
    HOME: mkdtempSync(join(tmpdir(), 'momo-start-home-')),
  };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((done, failed) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/demo.ts'], { cwd: ROOT, env, timeout: 55_000 }, (error, stdout, stderr) =>
      error ? failed(new Error(`scripts/demo.ts failed (${error.message})\n${stdout}\n${stderr}`)) : done({ stdout, stderr }),
    );
  });
  return { stdout, stderr, before: join(outDir, 'demo-before.png'), after: join(outDir, 'demo-after.png') };
}

export function expectMaskedShots(run: DemoRun): void {
  expect(run.stdout).toContain(run.before);
  expect(run.stdout).toContain(run.after);
  expect(existsSync(run.before), 'the before screenshot').toBe(true);
  expect(existsSync(run.after), 'the after screenshot').toBe(true);
  const before = countMomoPixels(readFileSync(run.before));
  const after = countMomoPixels(readFileSync(run.after));
  // About 250 pixels per momo avatar at this size, and 7 posts in view: at least 4 avatars' worth.
  expect({ before, after }).toEqual({ before: 0, after: expect.any(Number) });
  expect(after, 'momo artwork pixels in the after screenshot').toBeGreaterThan(1000);
}
