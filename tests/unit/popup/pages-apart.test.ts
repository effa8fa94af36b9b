/**
 * The popup and the options page share a kit (src/ui/: the pages' api, t, the controls, the theme)
 * and nothing else: neither page imports from the other, the kit imports from neither, and the kit
 * never takes the polyfill (the popup ships without it: shared/extension-api.ts). Read from the
 * sources' import lines, so a new file is checked as soon as it exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../../src');

/** Every import of every source file in src/<folder>: the file and what it names. */
function importsOf(folder: string): { file: string; names: string }[] {
  const files = readdirSync(join(SRC, folder), { recursive: true, encoding: 'utf8' }).filter((file) => /\.(tsx?|css|html)$/.test(file));
  return files.flatMap((file) => {
    const path = join(SRC, folder, file);
    const text = readFileSync(path, 'utf8');
    const specifiers = [
      ...text.matchAll(/\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g), // import { a } from '…', export * from '…'
      ...text.matchAll(/\bimport\s*\(?\s*['"]([^'"]+)['"]/g), // import '…', import('…')
      ...text.matchAll(/@import\s+(?:url\()?\s*['"]([^'"]+)['"]/g), // CSS
      ...text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g), // a page's entry
    ].map((match) => match[1]);
    return specifiers.map((names) => ({ file: relative(SRC, path), names: names.startsWith('.') ? relative(SRC, resolve(dirname(path), names)) : names }));
  });
}

/** The imports of src/<folder> that land in one of the other folders (as "file → target"). */
const into = (folder: string, others: string[]) =>
  importsOf(folder)
    .filter(({ names }) => others.some((other) => names === other || names.startsWith(`${other}/`)))
    .map(({ file, names }) => `${file} → ${names}`);

describe('the popup and the options page', () => {
  it('import nothing from each other', () => {
    expect(into('options', ['popup'])).toEqual([]);
    expect(into('popup', ['options'])).toEqual([]);
  });

  it('share the kit in src/ui, which imports from neither page and never the polyfill', () => {
    expect(into('ui', ['popup', 'options'])).toEqual([]);
    expect(importsOf('ui').filter(({ names }) => names === 'webextension-polyfill')).toEqual([]);
  });

  it('are read by this test: both pages import the kit, the popup its first reads first', () => {
    expect(into('options', ['ui']).length).toBeGreaterThan(5);
    expect(into('popup', ['ui']).length).toBeGreaterThan(5);
    expect(into('options', ['ui'])).toContain('options/main.tsx → ui/theme.css');
    expect(importsOf('popup').find(({ file }) => file === 'popup/main.tsx')?.names).toBe('popup/first-reads');
  });
});
