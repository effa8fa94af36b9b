/**
 * After crxjs has written the extension, give each built-in site its own content-script entry: the
 * site's stylesheet, a tiny script holding only that site's rule, then the shared engine. A page
 * thus loads one rule, not all of them, and the engine file stays the same size however many sites
 * are built in (the PRODUCT.md budget is 40 KB). In the Firefox build, the stylesheets' artwork
 * URL gets Firefox's scheme. Runs in `closeBundle`, on the files crxjs wrote.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { SHEET_AVATAR_URL } from '../src/content/masker';
import { ANY_SITE_AVATAR_PATH, AVATAR_PATH } from '../src/shared/artwork';
import type { SiteRule } from '../src/shared/site-rule';

export const SITE_RULES_DIR = 'src/site-rules';

interface ContentScript {
  matches: string[];
  js?: string[];
  css?: string[];
  world?: string;
}

export function siteScriptsPlugin(rules: SiteRule[], outDir: () => string): Plugin {
  let firefox = false;
  return {
    name: 'momo:site-scripts',
    apply: 'build',
    configResolved(config) {
      firefox = config.mode === 'firefox';
    },
    closeBundle() {
      const dir = outDir();
      const manifestPath = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const scripts: ContentScript[] = manifest.content_scripts;
      const engine = scripts.find((s) => s.js?.length && !s.world);
      if (!engine?.js) throw new Error('site scripts: the engine content script is missing from the manifest');
      mkdirSync(join(dir, SITE_RULES_DIR), { recursive: true });
      const perSite = scripts
        .filter((s) => s.css?.length && !s.js?.length)
        .map((entry) => {
          const id = /site-css\/([a-z0-9-]+)\.css$/.exec(entry.css![0])?.[1];
          const rule = rules.find((r) => r.id === id);
          if (!rule) throw new Error(`site scripts: no rule for ${entry.css![0]}`);
          const file = `${SITE_RULES_DIR}/${rule.id}.js`;
          // The engine reads this from the isolated world it shares with every content script of the extension.
          writeFileSync(join(dir, file), `globalThis.__momoMaskSiteRule=${JSON.stringify(rule)};\n`);
          // Both browsers fill in __MSG_@@extension_id__ in a content-script stylesheet; the scheme is each one's own.
          if (firefox) {
            const css = join(dir, entry.css![0]);
            writeFileSync(css, readFileSync(css, 'utf8').replaceAll(SHEET_AVATAR_URL, SHEET_AVATAR_URL.replace('chrome-extension:', 'moz-extension:')));
          }
          return { ...entry, js: [file, ...engine.js!] };
        });
      manifest.content_scripts = [...scripts.filter((s) => s.world === 'MAIN'), ...perSite];
      // crxjs lists scripts imported with ?iife as web-accessible on every site; the picker is only
      // ever injected with scripting.executeScript, which needs no such entry, and a listed file lets
      // any page detect the extension.
      manifest.web_accessible_resources = manifest.web_accessible_resources.filter(
        (entry: { resources: string[] }) => !entry.resources.every((file) => file.startsWith('src/picker/')),
      );
      // The artwork for the sites the user adds (see ANY_SITE_AVATAR_PATH); Firefox has no dynamic URLs.
      mkdirSync(join(dir, dirname(ANY_SITE_AVATAR_PATH)), { recursive: true });
      copyFileSync(join(dir, AVATAR_PATH), join(dir, ANY_SITE_AVATAR_PATH));
      manifest.web_accessible_resources.push({
        resources: [ANY_SITE_AVATAR_PATH],
        matches: ['<all_urls>'],
        ...(firefox ? {} : { use_dynamic_url: true }),
      });
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    },
  };
}
