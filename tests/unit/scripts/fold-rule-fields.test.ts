import { describe, expect, it } from 'vitest';
import { foldedFields } from '../../../scripts/fold-rule-fields-plugin';
import * as fields from '../../../src/shared/rule/fields';

describe('the field table as the bundles load it', () => {
  it('exports what fields.ts exports, with the derived lists holding the same rows', async () => {
    const folded = (await import(/* @vite-ignore */ `data:text/javascript,${encodeURIComponent(foldedFields())}`)) as Record<string, unknown>;
    expect(Object.keys(folded).sort()).toEqual(Object.keys(fields).sort());
    for (const [name, value] of Object.entries(fields)) expect(folded[name], name).toEqual(value);
    // A row is one object wherever lists share it, so a bundle keeps only the rows it uses, once.
    for (const row of folded.HIDDEN_FIELDS as object[]) expect(folded.MASKED_FIELDS).toContain(row);
    expect(foldedFields()).toMatch(/^export const MASKED_FIELDS = \[row\d+(, row\d+)*\];$/m);
    expect(foldedFields()).toMatch(/^export const RULE_FIELDS = \[row\d+(, row\d+)*\];$/m);
  });
});
