import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { oneFilePlugin } from './scripts/one-file-plugin';
import { publicSuffixPlugin } from './scripts/public-suffix-plugin';
import { manifestFor, readBuiltInRules, type Target } from './scripts/manifest-for';
import { siteScriptsPlugin } from './scripts/site-scripts-plugin';

/** `vite build --mode chrome` or `--mode firefox`: one source, one dist folder per browser. */
export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  // MOMO_OUT lets a second build (a rule author checking a fixture) run beside the main one.
  const outDir = process.env.MOMO_OUT ? `${process.env.MOMO_OUT}/${target}` : `dist/${target}`;
  return {
    plugins: [
      preact(),
      publicSuffixPlugin(),
      crx({
        manifest: manifestFor(target, __dirname, 'src/site-css'),
        browser: target,
        contentScripts: {
          // One classic file each, run at document_start without crxjs's async import() loader.
          standaloneFiles: ['src/content/index.ts', 'src/content/main-world-shadow-hook.ts'],
        },
      }),
      siteScriptsPlugin(readBuiltInRules(`${__dirname}/src/rules`), () => resolve(__dirname, outDir)),
      oneFilePlugin(() => resolve(__dirname, outDir)),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      assetsInlineLimit: 0,
      minify: true,
      // See scripts/one-file-plugin.ts: a script with one non-ASCII character is held as two-byte source.
      rolldownOptions: { output: { charset: 'ascii' } },
    },
  };
});
