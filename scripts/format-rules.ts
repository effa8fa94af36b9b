/** `npm run format:rules`: rewrites src/rules/*.json in canonical form (checked by tests/rules). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatRule } from '../src/shared/format-rule';
import { describeIssues, SiteRuleSchema } from '../src/shared/rule-schema';

const dir = resolve(import.meta.dirname, '../src/rules');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const parsed = SiteRuleSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  if (!parsed.success) {
    console.error(`${file}:\n  ${describeIssues(parsed.error).join('\n  ')}`);
    process.exitCode = 1;
    continue;
  }
  writeFileSync(join(dir, file), formatRule(parsed.data));
}
