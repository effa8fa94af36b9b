/**
 * After crxjs has written the extension, the popup and the background each load one script that
 * imports nothing, written in ASCII only:
 * - Every file an extension page or worker loads is a request to the browser process: the popup's
 *   first paint waited for six of them (~15 ms in paired runs), the worker's cold answer for seven
 *   (~3 ms).
 * - A script with one character outside ASCII is held by V8 as two-byte source, all of it: the
 *   worker's 270 KB (the public suffix list's internationalised names) cost ~4 ms of every wake in
 *   paired runs until its output was escaped (`charset: 'ascii'`).
 * The entry chunk and the chunks it shares with the options page are bundled again into one file;
 * the popup's CSS goes inline into index.html. The options page keeps the shared chunks; a chunk
 * nothing names any more is removed. Runs in `closeBundle`, on the files crxjs wrote.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown } from 'rolldown';
import type { Plugin } from 'vite';

export const POPUP_HTML = 'src/popup/index.html';
/** crxjs's loader for the background: `import './assets/index.ts-<hash>.js';` (Chrome's worker, Firefox's module script). */
export const BACKGROUND_LOADER = 'service-worker-loader.js';

async function bundleOne(dir: string, entry: string, what: string, minify: boolean): Promise<string> {
  const bundle = await rolldown({ input: join(dir, entry), logLevel: 'warn' });
  const { output } = await bundle.generate({ format: 'esm', minify, charset: 'ascii' });
  await bundle.close();
  if (output.length !== 1) throw new Error(`${what} in one file: expected one chunk, got ${output.map((o) => o.fileName).join(', ')}`);
  return output[0].code;
}

async function popupInOneFile(dir: string, minify: boolean): Promise<void> {
  const htmlPath = join(dir, POPUP_HTML);
  let html = readFileSync(htmlPath, 'utf8');
  const entry = /<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
  if (!entry) throw new Error(`popup in one file: no module script in ${htmlPath}`);
  const code = await bundleOne(dir, entry, 'popup', minify);
  const script = `assets/popup-${createHash('sha256').update(code).digest('base64url').slice(0, 8)}.js`;
  writeFileSync(join(dir, script), code);
  const styles: string[] = [];
  html = html
    .replace(`src="/${entry}"`, `src="/${script}"`)
    .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
    .replace(/\s*<link rel="stylesheet" crossorigin href="\/(assets\/[^"]+\.css)">/g, (_, css: string) => {
      styles.push(readFileSync(join(dir, css), 'utf8'));
      return '';
    });
  if (/url\(\s*['"]?(?!\/|data:)/.test(styles.join(''))) throw new Error('popup in one file: a relative url() in its CSS would resolve against the page once inlined');
  writeFileSync(htmlPath, html.replace('</head>', `  <style>\n${styles.join('\n')}</style>\n  </head>`));
}

async function backgroundInOneFile(dir: string, minify: boolean): Promise<void> {
  const loader = readFileSync(join(dir, BACKGROUND_LOADER), 'utf8');
  if (!/^import '\.\/assets\/[^']+\.js';\s*$/.test(loader))
    throw new Error(`background in one file: ${BACKGROUND_LOADER} is not crxjs's one-import loader: ${loader.slice(0, 200)}`);
  writeFileSync(join(dir, BACKGROUND_LOADER), await bundleOne(dir, BACKGROUND_LOADER, 'background', minify));
}

/** Removes the chunks and stylesheets under assets/ that no file of the extension names any more. */
function removeUnnamedAssets(dir: string): void {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(js|css|html|json)$/.test(file));
  for (;;) {
    const texts = files.map((file) => readFileSync(join(dir, file), 'utf8'));
    const unnamed = files.filter((file) => /^assets\/[^/]+\.(js|css)$/.test(file) && !texts.some((text, i) => files[i] !== file && text.includes(file.slice('assets/'.length))));
    if (unnamed.length === 0) return;
    for (const file of unnamed) {
      rmSync(join(dir, file));
      files.splice(files.indexOf(file), 1);
    }
  }
}

export function oneFilePlugin(outDir: () => string): Plugin {
  let minify = true;
  return {
    name: 'momo:one-file',
    apply: 'build',
    configResolved(config) {
      minify = config.build.minify !== false;
    },
    async closeBundle() {
      const dir = outDir();
      await popupInOneFile(dir, minify);
      await backgroundInOneFile(dir, minify);
      removeUnnamedAssets(dir);
    },
  };
}
