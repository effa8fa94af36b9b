/**
 * The built-in rules' one trip through the build, in one direction: read each src/rules/*.json,
 * check it with the same checker as every other rule (a bad built-in rule fails the build), then
 * write the manifest's site entries and each site's files straight into the output:
 * - the manifest (before crxjs builds): host permissions and the hook and engine for every site;
 * - after crxjs has written the extension: per site, a stylesheet (hidden until masked, artwork
 *   drawn over marked avatars), a tiny script holding only that site's rule, then the shared engine.
 *   A page thus loads one rule, not all of them, and the engine stays the same size however many
 *   sites are built in (PRODUCT.md: 40 KB).
 * Nothing is written into src/.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManifestV3Export } from '@crxjs/vite-plugin';
import type { Plugin } from 'vite';
import { drawingStylesheet } from '../src/content/masker';
import { ENGINE_FILE, GENERIC_RULE_FILE, MAIN_WORLD_HOOK_FILE, siteRuleFile, siteStylesheetFile } from '../src/shared/content-script-files';
import type { checkRule as CheckRule } from '../src/shared/rule/check';
import type { SiteRule } from '../src/shared/rule/fields';
import { hidingStylesheet } from '../src/shared/rule/stylesheet';

export type Target = 'chrome' | 'firefox';

/**
 * The rules in `dirs` (each a folder of <id>.json), checked with `checkRule` (src/shared/rule/check.ts,
 * which vite.config.ts loads through Vite with the public suffix list's plugin); throws with every
 * problem of every file.
 */
export function readBuiltInRules(dirs: readonly string[], checkRule: typeof CheckRule): SiteRule[] {
  const claimed = new Map<string, string>();
  const problems: string[] = [];
  const rules: SiteRule[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const reading = checkRule(JSON.parse(readFileSync(join(dir, file), 'utf8')), { builtIn: {}, claimed, siteId: file.slice(0, -'.json'.length) });
      // Notices too: a built-in file holds nothing the checker would drop.
      const lines = reading.problems.map((p) => `${p.path || 'rule'}: ${p.message}`);
      if (reading.rule && !lines.length) rules.push(reading.rule);
      else problems.push(`${join(dir, file)}:\n  ${lines.join('\n  ')}`);
    }
  }
  if (problems.length) throw new Error(`built-in rules refused:\n${problems.join('\n')}`);
  return rules;
}

export const matchPatterns = (hosts: readonly string[]): string[] => hosts.flatMap((host) => [`*://${host}/*`, `*://*.${host}/*`]);

/** manifest.json as one browser wants it, for these sites; the per-site entries come after the bundle. */
export function manifestFor(target: Target, root: string, rules: readonly SiteRule[]): ManifestV3Export {
  const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const allMatches = rules.flatMap((rule) => matchPatterns(rule.hosts));
  const manifest = {
    ...source,
    host_permissions: allMatches,
    content_scripts: source.content_scripts.map((entry: object) => ({ ...entry, matches: allMatches })),
  };
  // Chrome's background is a service worker; Firefox MV3 runs background scripts.
  if (target === 'firefox') manifest.background = { scripts: [source.background.service_worker], type: 'module' };
  else delete manifest.browser_specific_settings;
  return manifest;
}

interface ContentScript {
  matches: string[];
  js?: string[];
  css?: string[];
  world?: string;
}

/** A site's stylesheet: its rule's hiding block and the drawing block (the artwork as a data: URL, shared/artwork.ts). */
export const siteStylesheet = (rule: SiteRule): string => `${hidingStylesheet(rule)}${drawingStylesheet()}`;

/** @param generic generic mode's rule (its id, name and host are filled in on the page) */
export function siteRulesPlugin(rules: readonly SiteRule[], generic: SiteRule, outDir: () => string): Plugin {
  return {
    name: 'momo:site-rules',
    apply: 'build',
    closeBundle() {
      const dir = outDir();
      const manifestPath = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const scripts: ContentScript[] = manifest.content_scripts;
      const hook = scripts.find((s) => s.world === 'MAIN');
      const engine = scripts.find((s) => s.world !== 'MAIN');
      if (hook?.js?.join() !== MAIN_WORLD_HOOK_FILE || engine?.js?.join() !== ENGINE_FILE) {
        throw new Error(`site rules: expected the content scripts ${MAIN_WORLD_HOOK_FILE} and ${ENGINE_FILE}, got ${JSON.stringify(scripts)}`);
      }
      // A stack through the MAIN-world hook names its script, chrome-extension://<id>/… in Chromium: this
      // name instead (the minifier drops the comment from the source; content/shadow-hook.ts).
      appendFileSync(join(dir, MAIN_WORLD_HOOK_FILE), '\n//# sourceURL=<anonymous>\n');
      const write = (file: string, text: string) => {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      };
      const perSite = rules.map((rule) => {
        // The engine reads this from the isolated world it shares with every content script of the extension.
        write(siteRuleFile(rule.id), `globalThis.__momoMaskSiteRule=${JSON.stringify(rule)};\n`);
        write(siteStylesheetFile(rule.id), `/* Generated from src/rules/${rule.id}.json by scripts/site-rules-plugin.ts. */\n${siteStylesheet(rule)}`);
        const { matches: _all, js: _engine, ...rest } = engine;
        return { matches: matchPatterns(rule.hosts), css: [siteStylesheetFile(rule.id)], js: [siteRuleFile(rule.id), ENGINE_FILE], ...rest };
      });
      manifest.content_scripts = [hook, ...perSite];
      write(GENERIC_RULE_FILE, `globalThis.__momoMaskGenericRule=${JSON.stringify(generic)};\n`);
      // crxjs lists scripts imported with ?iife as web-accessible on every site; the picker is only
      // ever injected with scripting.executeScript, which needs no such entry, and a listed file lets
      // any page detect the extension. Nothing else is web-accessible: pages get the artwork as a
      // data: URL (shared/artwork.ts), so no page can probe an extension address.
      const accessible = (manifest.web_accessible_resources ?? []).filter((entry: { resources: string[] }) => !entry.resources.every((file) => file.startsWith('src/picker/')));
      if (accessible.length) manifest.web_accessible_resources = accessible;
      else delete manifest.web_accessible_resources;
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    },
  };
}
