/**
 * The shipped content script (read from the build, not the source): one classic file that starts
 * at document_start, no module loader, no UI framework or schema library, under 40 KB minified.
 * Runs after `npm run build` (npm test builds before the e2e project).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = resolve(__dirname, '../../dist');
const DEMO_DIST = resolve(__dirname, '../../dist-demo');
const DEMO_HOST = JSON.parse(readFileSync(resolve(__dirname, '../../src/rules/demo/demo.json'), 'utf8')).hosts[0] as string;

/** Every text file of a build, concatenated: the manifest, scripts, stylesheets, pages. */
const allText = (dir: string): string =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(json|js|css|html)$/.test(file))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');

describe.each(['chrome', 'firefox'])('the %s store build and the demo build', (target) => {
  it('the store build (dist/, what users load and the zips hold) has no demo site, rule or permission; the demo build has', () => {
    expect(DEMO_HOST).toMatch(/\.test$/);
    expect(allText(join(DIST, target))).not.toContain(DEMO_HOST);
    // The check can see the demo where it is: the demo and test build carries it.
    const demoManifest = JSON.parse(readFileSync(join(DEMO_DIST, target, 'manifest.json'), 'utf8'));
    expect(demoManifest.host_permissions).toContain(`*://${DEMO_HOST}/*`);
    expect(allText(join(DEMO_DIST, target))).toContain(DEMO_HOST);
  });
});

describe.each(['chrome', 'firefox'])('%s build', (target) => {
  const manifest = JSON.parse(readFileSync(join(DIST, target, 'manifest.json'), 'utf8'));
  const scripts = manifest.content_scripts.filter((s: { js?: string[] }) => s.js?.length);

  it('declares the content scripts at document_start, in every frame: the hook, then per site its stylesheet, its rule, the engine', () => {
    const [hook, ...sites] = scripts as { js: string[]; css?: string[]; run_at: string; all_frames: boolean; world?: string; matches: string[] }[];
    expect([hook.js, hook.world, hook.run_at, hook.all_frames]).toEqual([['src/content/main-world-shadow-hook.js'], 'MAIN', 'document_start', true]);
    expect(sites.length).toBe(readdirSync(resolve(__dirname, '../../src/rules')).filter((f) => f.endsWith('.json')).length);
    for (const site of sites) {
      const id = /site-rules\/([a-z0-9-]+)\.js$/.exec(site.js[0])?.[1];
      expect([site.js, site.css, site.run_at, site.all_frames]).toEqual([[`src/site-rules/${id}.js`, 'src/content/index.js'], [`src/site-css/${id}.css`], 'document_start', true]);
    }
    // Every page gets exactly one site entry: no host is matched twice.
    const patterns = sites.flatMap((s) => s.matches);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('ships the content script as one classic file with no import(), under 40 KB', () => {
    const file = join(DIST, target, 'src/content/index.js');
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/preact|zod|ZodError/);
    expect(statSync(file).size).toBeLessThan(40 * 1024);
  });

  it('makes nothing web-accessible: no page can load or probe an extension address (the artwork reaches pages as a data: URL)', () => {
    expect(manifest.web_accessible_resources).toBeUndefined();
    const css = readFileSync(join(DIST, target, 'src/site-css/x.css'), 'utf8');
    expect(css).toContain('url("data:image/svg+xml,');
    expect(css).not.toMatch(/extension:|__MSG_@@extension_id__/);
  });

  it('loads the popup from one script that imports nothing, with its CSS inline, without the polyfill', () => {
    const html = readFileSync(join(DIST, target, manifest.action.default_popup), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*src="\/([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(html).not.toMatch(/<link[^>]*rel="(stylesheet|modulepreload)"/);
    expect(html).toMatch(/<style>[^<]*--pink/);
    const code = readFileSync(join(DIST, target, scripts[0]), 'utf8');
    expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s|\bfrom\s*["'`]/m);
    expect(code.match(/[^\x00-\x7f]/g) ?? []).toEqual([]);
    // The polyfill refuses to run outside an extension with this text; the popup uses the browser's own API.
    expect(code).not.toContain('This script should only be loaded in a browser extension');
  });

  it('loads the background from one ASCII-only script that imports nothing, without the polyfill', () => {
    const background = target === 'chrome' ? [manifest.background.service_worker] : manifest.background.scripts;
    expect(background).toEqual(['service-worker-loader.js']);
    const code = readFileSync(join(DIST, target, background[0]), 'utf8');
    expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s|\bfrom\s*["'`]/m);
    expect(code).not.toContain('This script should only be loaded in a browser extension');
    // One character outside ASCII makes V8 hold all of it as two-byte source (scripts/one-file-plugin.ts).
    expect(code.match(/[^\x00-\x7f]/g) ?? []).toEqual([]);
  });

  it('ships the public suffix list as one string, not a trie the worker would build at every wake', () => {
    const worker = readFileSync(join(DIST, target, 'service-worker-loader.js'), 'utf8');
    expect(worker.includes('\nco.uk\n') || worker.includes('co.uk\\n')).toBe(true);
    expect(worker).not.toMatch(/new Uint8Array\(\[1,\s*2,/);
  });
});
