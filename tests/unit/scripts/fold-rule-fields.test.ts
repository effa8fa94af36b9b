import { describe, expect, it } from 'vitest';
import { foldedFields } from '../../../scripts/fold-rule-fields-plugin';
import * as fields from '../../../src/shared/rule/fields';

describe('the field table as the bundles load it', () => {
  it('exports what fields.ts exports, with the derived lists holding the same rows', async () => {
    const folded = (await import(/* @vite-ignore */ `data:text/javascript,${encodeURIComponent(foldedFields())}`)) as Record<string, unknown>;
    expect(Object.keys(folded).sort()).toEqual(Object.keys(fields).sort());
    for (const [name, value] of Object.entries(fields)) expect(folded[name], name).toEqual(value);
    // A derived list holds the table's own rows (one object each), so a bundle keeps only those it uses.
    const rows = folded.RULE_FIELDS as object[];
    for (const list of ['MASKED_FIELDS', 'HIDDEN_FIELDS'] as const) for (const row of folded[list] as object[]) expect(rows).toContain(row);
    expect(foldedFields()).toMatch(/^export const MASKED_FIELDS = \[field\d+(, field\d+)*\];$/m);
  });
});
