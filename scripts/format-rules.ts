/** `npm run format:rules`: rewrites src/rules/*.json in canonical form (checked by tests/rules). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runnerImport } from 'vite';
import { formatRule } from '../src/shared/rule/format';
import { publicSuffixPlugin } from './public-suffix-plugin';

// The checker needs the public suffix list's virtual module: loaded through Vite, as the build does.
const { module: checker } = await runnerImport<typeof import('../src/shared/rule/check')>(resolve(import.meta.dirname, '../src/shared/rule/check.ts'), {
  configFile: false,
  plugins: [publicSuffixPlugin()],
  logLevel: 'warn',
});

for (const dir of ['../src/rules', '../src/rules/demo'].map((d) => resolve(import.meta.dirname, d))) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const { rule, problems } = checker.checkRule(JSON.parse(readFileSync(join(dir, file), 'utf8')), { builtIn: {} });
    if (!rule) {
      console.error(`${file}:\n  ${checker.problemLines(problems).join('\n  ')}`);
      process.exitCode = 1;
      continue;
    }
    writeFileSync(join(dir, file), formatRule(rule));
  }
}
