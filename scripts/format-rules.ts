/** `npm run format:rules`: rewrites src/rules/*.json in canonical form (checked by tests/rules). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRule, problemLines } from '../src/shared/rule/check';
import { formatRule } from '../src/shared/rule/format';

const dir = resolve(import.meta.dirname, '../src/rules');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const { rule, problems } = checkRule(JSON.parse(readFileSync(join(dir, file), 'utf8')), { builtIn: {} });
  if (!rule) {
    console.error(`${file}:\n  ${problemLines(problems).join('\n  ')}`);
    process.exitCode = 1;
    continue;
  }
  writeFileSync(join(dir, file), formatRule(rule));
}
