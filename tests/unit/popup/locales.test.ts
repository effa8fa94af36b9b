import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../src/shared/rule/fields';
import { categoryKey } from '../../../src/ui/controls/categories';
import { LABEL_PROBLEMS } from '../../../src/ui/controls/labels';
import { ISSUE_KEYS } from '../../../src/options/field-errors';
import { HANDLE_PROBLEMS } from '../../../src/options/handles';
import { fieldLocaleKeys, LIST_FIELDS } from '../../../src/options/rule-form';
import { readLocale } from './fake-browser';

const en = readLocale('en');
const zh = readLocale('zh_CN');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

/** Every key the popup, the options page and their shared kit ask for: written out, and built from lists. */
function usedKeys(): string[] {
  const code = ['popup', 'options', 'ui'].flatMap((folder) => sources(resolve(__dirname, `../../../src/${folder}`))).join('\n');
  const literal = [...code.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]);
  const built = [...CATEGORIES.map(categoryKey), ...LIST_FIELDS.flatMap((field) => Object.values(fieldLocaleKeys(field))), ...ISSUE_KEYS, ...LABEL_PROBLEMS, ...HANDLE_PROBLEMS];
  return [...new Set([...literal, ...built])].sort();
}

const placeholders = (entry: { placeholders?: Record<string, { content: string }> }) => JSON.stringify(entry.placeholders ?? {});

describe('the locale files', () => {
  it('have every string the popup and the options page show, in English and Simplified Chinese', () => {
    const keys = usedKeys();
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((key) => !en[key])).toEqual([]);
    expect(keys.filter((key) => !zh[key])).toEqual([]);
  });

  it('have the same keys and placeholders in both languages, and every placeholder is used', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect({ key, placeholders: placeholders(zh[key]) }).toEqual({ key, placeholders: placeholders(en[key]) });
      for (const name of Object.keys(en[key].placeholders ?? {})) {
        for (const [locale, entry] of [
          ['en', en[key]],
          ['zh_CN', zh[key]],
        ] as const) {
          expect({ key, locale, uses: entry.message.toLowerCase().includes(`$${name}$`) }).toEqual({ key, locale, uses: true });
        }
      }
    }
  });

  it('are translated: every Chinese string is written in Chinese', () => {
    const untranslated = Object.keys(zh).filter((key) => key !== 'languageTag' && !/\p{Script=Han}/u.test(zh[key].message));
    expect(untranslated).toEqual([]);
    expect(zh.languageTag.message).toBe('zh-CN');
    expect(en.languageTag.message).toBe('en');
  });
});
