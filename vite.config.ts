import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig, runnerImport, type UserConfig } from 'vite';
import { foldedFieldsAlias } from './scripts/fold-rule-fields-plugin';
import { oneFilePlugin } from './scripts/one-file-plugin';
import { publicSuffixPlugin } from './scripts/public-suffix-plugin';
import { manifestFor, readBuiltInRules, siteRulesPlugin, type Target } from './scripts/site-rules-plugin';
import { genericRule } from './src/content/generic-rule';

/**
 * `vite build --mode chrome` or `--mode firefox`: one source, one output folder per browser.
 * The store build (dist/) has the real sites only; MOMO_DEMO=1 adds the demo site's rule
 * (src/rules/demo/), for `npm start` and the tests (dist-demo/).
 */
export default defineConfig(async ({ mode }): Promise<UserConfig> => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  const demo = process.env.MOMO_DEMO === '1';
  // MOMO_OUT lets a second build (a rule author checking a fixture) run beside the main one.
  const outDir = `${process.env.MOMO_OUT ?? (demo ? 'dist-demo' : 'dist')}/${target}`;
  // The one rule checker, loaded through Vite: it needs the public suffix list's virtual module.
  const { module: checker } = await runnerImport<typeof import('./src/shared/rule/check')>(resolve(__dirname, 'src/shared/rule/check.ts'), {
    configFile: false,
    plugins: [publicSuffixPlugin()],
    logLevel: 'warn',
  });
  const rules = readBuiltInRules([resolve(__dirname, 'src/rules'), ...(demo ? [resolve(__dirname, 'src/rules/demo')] : [])], checker.checkRule);
  return {
    define: { __MOMO_DEMO__: JSON.stringify(demo) },
    resolve: { alias: [foldedFieldsAlias(__dirname)] },
    plugins: [
      preact(),
      publicSuffixPlugin(),
      crx({
        manifest: manifestFor(target, __dirname, rules),
        browser: target,
        contentScripts: {
          // One classic file each, run at document_start without crxjs's async import() loader.
          standaloneFiles: ['src/content/index.ts', 'src/content/main-world-shadow-hook.ts'],
        },
      }),
      siteRulesPlugin(rules, genericRule('generic.invalid'), () => resolve(__dirname, outDir)),
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
