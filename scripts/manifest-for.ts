/**
 * Turns the manifest source (manifest.json) into the manifest of one browser: the built-in sites'
 * match patterns, one stylesheet per site that keeps its identities hidden until masked and draws
 * the artwork over the avatars the engine marks, and the
 * background entry each browser wants (Chrome: a service worker; Firefox MV3: background scripts).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestV3Export } from '@crxjs/vite-plugin';
import { hidingStylesheet } from '../src/content/compile-rule';
import { drawingStylesheet } from '../src/content/masker';
import type { SiteRule } from '../src/shared/site-rule';

export type Target = 'chrome' | 'firefox';

export function readBuiltInRules(rulesDir: string): SiteRule[] {
  return readdirSync(rulesDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(rulesDir, file), 'utf8')) as SiteRule);
}

export function matchPatterns(hosts: readonly string[]): string[] {
  return hosts.flatMap((host) => [`*://${host}/*`, `*://*.${host}/*`]);
}

/** Writes the hiding stylesheets into `cssDir` (relative to the project root) and returns the manifest. */
export function manifestFor(target: Target, root: string, cssDir: string): ManifestV3Export {
  const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const rules = readBuiltInRules(join(root, 'src/rules'));
  const allMatches = rules.flatMap((rule) => matchPatterns(rule.hosts));
  mkdirSync(join(root, cssDir), { recursive: true });

  const siteStyles = rules.map((rule) => {
    const file = `${cssDir}/${rule.id}.css`;
    writeFileSync(join(root, file), `/* Generated from src/rules/${rule.id}.json by scripts/manifest-for.ts. */\n${hidingStylesheet(rule)}${drawingStylesheet()}`);
    return { matches: matchPatterns(rule.hosts), css: [file], run_at: 'document_start', all_frames: true, match_about_blank: true };
  });

  const [hook, content] = source.content_scripts;
  const manifest = {
    ...source,
    host_permissions: allMatches,
    content_scripts: [{ ...hook, matches: allMatches }, { ...content, matches: allMatches }, ...siteStyles],
    web_accessible_resources: source.web_accessible_resources.map((war: { resources: string[] }) => ({ ...war, matches: allMatches })),
  };
  if (target === 'firefox') {
    manifest.background = { scripts: [source.background.service_worker], type: 'module' };
  } else {
    delete manifest.browser_specific_settings;
  }
  return manifest;
}
