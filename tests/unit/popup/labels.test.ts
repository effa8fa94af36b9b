import { describe, expect, it } from 'vitest';
import { parseWorkerMessage } from '../../../src/shared/messages';
import { LABEL_PRESETS } from '../../../src/shared/persona';
import { isLabel } from '../../../src/shared/settings';
import { labelProblem, presetIndexOf, presetLanguage, presetTexts } from '../../../src/ui/controls/labels';

describe('label presets by language', () => {
  it('offers the Chinese presets to a Chinese browser or Chinese pages, the English ones otherwise', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-TW', 'zh_CN', 'ZH-hk']) expect(presetLanguage(tag)).toBe('zh');
    for (const tag of ['en-US', 'en', 'de', 'ja', 'zu', '']) expect(presetLanguage(tag)).toBe('en');
    // getUILanguage() says en-US while the strings are zh_CN (headless Chromium with --lang=zh-CN).
    expect(presetLanguage('en-US', 'zh-CN')).toBe('zh');
    expect(presetTexts('zh-CN')).toContain('奶茶mo');
    expect(presetTexts('en-US')).toEqual(LABEL_PRESETS.map((preset) => preset.en));
  });

  it('recognises a stored preset in either language, and anything else as the user’s own', () => {
    expect(presetIndexOf('momo')).toBe(0);
    expect(presetIndexOf('milk-tea mo')).toBe(1);
    expect(presetIndexOf('奶茶mo')).toBe(1);
    expect(presetIndexOf(' Postgrad MO ')).toBe(2);
    expect(presetIndexOf('hiking mo')).toBe(-1);
  });
});

describe('typed labels', () => {
  it('says why a label is refused', () => {
    expect(labelProblem('')).toEqual({ key: 'labelEmpty' });
    expect(labelProblem('   ')).toEqual({ key: 'labelEmpty' });
    expect(labelProblem('x'.repeat(25))).toEqual({ key: 'labelTooLong', length: 25 });
    expect(labelProblem('cat <3 mo')).toEqual({ key: 'labelForbidden' });
    expect(labelProblem('tab\there')).toEqual({ key: 'labelForbidden' });
    expect(labelProblem(' hiking mo ')).toBeNull();
    expect(labelProblem('研究生mo🌙')).toBeNull();
  });

  // The worker's message schema (zod: code points) and readSettings' isLabel (UTF-16 units) count
  // length differently; the popup takes what both accept, so a label it sends is also read back.
  it('accepts exactly what the worker takes and storage reads back', () => {
    const samples = [
      '',
      ' ',
      'a',
      'momo',
      'x'.repeat(24),
      ` ${'x'.repeat(24)} `,
      'x'.repeat(25),
      '🐱'.repeat(12),
      '🐱'.repeat(13),
      'a<b',
      'a>b',
      'new\nline',
      '\u0000',
      'ok & fine',
      '奶茶mo',
      ...LABEL_PRESETS.flatMap((p) => [p.en, p.zh]),
    ];
    for (const label of samples) {
      const worker = parseWorkerMessage({ type: 'page:set-label', label }).success && isLabel(label.trim());
      expect({ label, ok: labelProblem(label) === null }).toEqual({ label, ok: worker });
    }
  });
});
