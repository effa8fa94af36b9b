/**
 * The rule's field table (src/shared/rule/fields.ts) as the bundles load it: each row a constant of
 * its own, and every list the module derives from the table (RULE_KEYS, SELECTOR_FIELDS,
 * MASKED_FIELDS, HIDDEN_FIELDS) written out as the rows or values it holds. The source stays the one
 * table; a bundle keeps only the rows it uses. The content script uses the masked rows (key,
 * category, mask kind), not the editor's whole table, which had made it about 1 KB larger (issue 14).
 *
 * An alias, not a plugin's load hook: crxjs builds the content script with no plugins but the same
 * `resolve` options. It maps every import of ".../rule/fields" (modules inside rule/ import it as
 * "../rule/fields" too, so the alias sees one spelling) to the folded file, written where Vite keeps
 * its own build cache, never into src/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Alias } from 'vite';
import * as fields from '../src/shared/rule/fields';

/** The module's exports as constants (also what the unit test compares with the module itself). */
export function foldedFields(): string {
  const exports = Object.entries(fields);
  // Every object in an exported list is a row: one constant each, named once, so lists that share a row share it.
  const rows = new Map<unknown, string>();
  for (const [, value] of exports) if (Array.isArray(value)) for (const item of value) if (typeof item === 'object' && !rows.has(item)) rows.set(item, `row${rows.size}`);
  const out = [...rows].map(([value, name]) => `const ${name} = ${JSON.stringify(value)};`);
  for (const [name, value] of exports) {
    if (typeof value === 'function') throw new Error(`fold-rule-fields: ${name} is a function; fields.ts holds data only`);
    const ofRows = Array.isArray(value) && value.length > 0 && value.every((item) => rows.has(item));
    out.push(`export const ${name} = ${ofRows ? `[${(value as unknown[]).map((item) => rows.get(item)).join(', ')}]` : JSON.stringify(value)};`);
  }
  return `${out.join('\n')}\n`;
}

/** Writes the folded module under `root`'s node_modules/.cache and returns the alias to it. */
export function foldedFieldsAlias(root: string): Alias {
  const dir = resolve(root, 'node_modules/.cache/momo-mask');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'rule-fields.js');
  writeFileSync(file, foldedFields());
  return { find: /^(?:\.\.\/)+(?:shared\/)?rule\/fields$|^\.\/rule\/fields$/, replacement: file };
}
