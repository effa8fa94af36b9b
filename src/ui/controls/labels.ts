/**
 * The label picker's logic, kept pure for unit tests: which preset texts to offer in the browser's
 * language, which preset (if any) the stored label is, and why a typed label would be refused.
 * The reasons mirror the worker's check (page:set-label), so a page can say why before asking.
 */
import { LABEL_PRESETS } from '../../shared/persona';
import { MAX_LABEL_LENGTH } from '../../shared/settings';

/**
 * Chinese presets for a Chinese browser (zh, zh-CN, zh_TW…) or when the pages speak Chinese, English
 * ones otherwise. Each language tag given is checked: i18n.getUILanguage(), and the locale the
 * strings come from (they can differ: headless Chromium started with --lang=zh-CN shows the zh_CN
 * strings while its getUILanguage() still says en-US).
 */
export function presetLanguage(...languageTags: string[]): 'zh' | 'en' {
  return languageTags.some((tag) => /^zh(\b|_|$)/i.test(tag)) ? 'zh' : 'en';
}

/** The preset texts as the picker shows them. */
export function presetTexts(...languageTags: string[]): string[] {
  const lang = presetLanguage(...languageTags);
  return LABEL_PRESETS.map((preset) => preset[lang]);
}

/**
 * Which preset the label is, by index, in either language (a label chosen in English stays that
 * preset when the browser switches to Chinese); -1 for the user's own text.
 */
export function presetIndexOf(label: string): number {
  const wanted = label.trim().toLowerCase();
  return LABEL_PRESETS.findIndex((preset) => preset.en.toLowerCase() === wanted || preset.zh.toLowerCase() === wanted);
}

export const LABEL_PROBLEMS = ['labelEmpty', 'labelTooLong', 'labelForbidden'] as const;
export type LabelProblem = { key: 'labelEmpty' } | { key: 'labelTooLong'; length: number } | { key: 'labelForbidden' };

/** Why a typed label cannot be used, or null when it can. */
export function labelProblem(text: string): LabelProblem | null {
  const label = text.trim();
  if (!label) return { key: 'labelEmpty' };
  // Counted in characters as people count them (an emoji is one), as isLabel() does for the worker.
  const length = [...label].length;
  if (length > MAX_LABEL_LENGTH) return { key: 'labelTooLong', length };
  if (/[<>\u0000-\u001f]/.test(label)) return { key: 'labelForbidden' };
  return null;
}
