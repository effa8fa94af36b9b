/**
 * The shipped content script (read from the build, not the source): one classic file that starts
 * at document_start, no module loader, no UI framework or schema library, under 40 KB minified.
 * Runs after `npm run build` (npm test builds before the e2e project).
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = resolve(__dirname, '../../dist');

describe.each(['chrome', 'firefox'])('%s build', (target) => {
  const manifest = JSON.parse(readFileSync(join(DIST, target, 'manifest.json'), 'utf8'));
  const scripts = manifest.content_scripts.filter((s: { js?: string[] }) => s.js?.length);

  it('declares the content scripts at document_start, in every frame', () => {
    expect(scripts.map((s: { js: string[]; run_at: string; all_frames: boolean }) => [s.js, s.run_at, s.all_frames])).toEqual([
      [['src/content/main-world-shadow-hook.js'], 'document_start', true],
      [['src/content/index.js'], 'document_start', true],
    ]);
  });

  it('ships the content script as one classic file with no import(), under 40 KB', () => {
    const file = join(DIST, target, 'src/content/index.js');
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/preact|zod|ZodError/);
    expect(statSync(file).size).toBeLessThan(40 * 1024);
  });

  it('keeps only its own artwork web-accessible', () => {
    expect(manifest.web_accessible_resources.flatMap((w: { resources: string[] }) => w.resources)).toEqual(['momo-avatar.svg']);
  });
});
