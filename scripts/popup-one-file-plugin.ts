/**
 * After crxjs has written the extension, the popup loads one script and no stylesheet file: its
 * entry chunk and the chunks it shares with the options page are bundled again into one file, and
 * its CSS goes inline into index.html. Every file an extension page loads is a request to the
 * browser process, and the popup's first paint waited for six of them (~15 ms in paired runs,
 * BENCHMARKS.md). The options page keeps the shared chunks. Runs in `closeBundle`, on the files
 * crxjs wrote.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown } from 'rolldown';
import type { Plugin } from 'vite';

export const POPUP_HTML = 'src/popup/index.html';

export function popupOneFilePlugin(outDir: () => string): Plugin {
  return {
    name: 'momo:popup-one-file',
    apply: 'build',
    async closeBundle() {
      const dir = outDir();
      const htmlPath = join(dir, POPUP_HTML);
      let html = readFileSync(htmlPath, 'utf8');
      const entry = /<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
      if (!entry) throw new Error(`popup in one file: no module script in ${htmlPath}`);

      const bundle = await rolldown({ input: join(dir, entry), logLevel: 'warn' });
      const { output } = await bundle.generate({ format: 'esm', minify: true });
      await bundle.close();
      if (output.length !== 1) throw new Error(`popup in one file: expected one chunk, got ${output.map((o) => o.fileName).join(', ')}`);
      const code = output[0].code;
      const script = `assets/popup-${createHash('sha256').update(code).digest('base64url').slice(0, 8)}.js`;
      writeFileSync(join(dir, script), code);
      // Only the popup loaded its entry chunk; the chunks it imported stay for the options page.
      rmSync(join(dir, entry));

      const styles: string[] = [];
      const inlined: string[] = [];
      html = html
        .replace(`src="/${entry}"`, `src="/${script}"`)
        .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
        .replace(/\s*<link rel="stylesheet" crossorigin href="\/(assets\/[^"]+\.css)">/g, (_, css: string) => {
          styles.push(readFileSync(join(dir, css), 'utf8'));
          inlined.push(css);
          return '';
        });
      if (/url\(\s*['"]?(?!\/|data:)/.test(styles.join(''))) throw new Error('popup in one file: a relative url() in its CSS would resolve against the page once inlined');
      writeFileSync(htmlPath, html.replace('</head>', `  <style>\n${styles.join('\n')}</style>\n  </head>`));
      // A stylesheet only the popup used goes; one the options page shares stays.
      const otherPages = readdirSync(join(dir, 'src'), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.html') && join('src', file) !== POPUP_HTML)
        .map((file) => readFileSync(join(dir, 'src', file), 'utf8'))
        .join('');
      for (const css of inlined) if (!otherPages.includes(css)) rmSync(join(dir, css));
    },
  };
}
