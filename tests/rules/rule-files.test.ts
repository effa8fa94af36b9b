/**
 * Built-in rules are data, tested as data: each file passes the one rule checker with nothing
 * dropped, every selector compiles, ids are unique, files are stored in canonical form
 * (format(check(file)) === file), and no selector leans on generated class names or on one page's
 * accidental values. The build refuses a bad built-in rule.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuiltInRules } from '../../scripts/site-rules-plugin';
import { checkRule } from '../../src/shared/rule/check';
import { SELECTOR_FIELDS, type SiteRule } from '../../src/shared/rule/fields';
import { formatRule } from '../../src/shared/rule/format';
import { isGeneratedClass } from '../../src/shared/generated-class';

const DIRS = [resolve(__dirname, '../../src/rules'), resolve(__dirname, '../../src/rules/demo')];
const paths = DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f)),
);
const files = paths.map((path) => path.slice(path.lastIndexOf('/src/rules/') + '/src/rules/'.length));
const pathOf = (file: string) => resolve(__dirname, '../../src/rules', file);

const classTokens = (selector: string) => [...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]);

function selectorsOf(rule: SiteRule): string[] {
  return [...SELECTOR_FIELDS.flatMap((field) => rule[field] ?? []), ...(rule.attributes ?? []).map((a) => a.selector)];
}

describe.each(files)('%s', (file) => {
  const text = readFileSync(pathOf(file), 'utf8');
  const raw = JSON.parse(text);

  it('passes the rule checker, with nothing dropped', () => {
    const { rule, problems } = checkRule(raw, { builtIn: {} });
    expect(problems).toEqual([]);
    expect(rule).toEqual(raw);
    expect(`${raw.id}.json`).toBe(file.split('/').at(-1));
  });

  it('is stored in canonical form', () => {
    expect(formatRule(checkRule(raw, { builtIn: {} }).rule!)).toBe(text);
  });

  it('has selectors that compile', () => {
    const broken = selectorsOf(raw).filter((selector) => {
      try {
        document.createDocumentFragment().querySelector(selector);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it('never leans on generated class names or page-specific values', () => {
    const generated = selectorsOf(raw).filter((s) => classTokens(s).some(isGeneratedClass));
    expect(generated).toEqual([]);
    // A profile link pattern is fine ("/user/"); a particular person or post id is not.
    const specific = selectorsOf(raw).filter((s) => /\d{5,}/.test(s) || /href="\/[^"]+"\]/.test(s));
    expect(specific).toEqual([]);
  });
});

it('rule ids and hosts are unique across files', () => {
  const rules = files.map((f) => JSON.parse(readFileSync(pathOf(f), 'utf8')) as SiteRule);
  const ids = rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  const hosts = rules.flatMap((r) => r.hosts);
  expect(hosts.filter((h, i) => hosts.indexOf(h) !== i)).toEqual([]);
});

it('the class-name lint knows generated names from chosen ones', () => {
  expect(['r-1niwhzg', 'css-1dbjc4n', '_2tbHP6ZydRpjI44J3syuqC', 'Foo_bar__x7Yz2', 'i7cW1UcwT6ThdhTakqFm'].every(isGeneratedClass)).toBe(true);
  expect(['member_mention', 'userinfo_username', 'woo-box-flex', 'AuthorInfo-name', 'RichTextJSON-root', 'ProfileHeader-avatar', 'hnuser', 'h5'].some(isGeneratedClass)).toBe(
    false,
  );
  expect(isGeneratedClass('xQZRTbNmKwPv')).toBe(true);
});

it('the checker rejects what is not a selector, saying where', () => {
  const { rule, problems } = checkRule({ id: 'evil', name: 'Evil', hosts: ['example.com'], names: ['.a', 'b{color:red}', 'div[style*=url(x)]'] }, { builtIn: {} });
  expect(rule).toBeUndefined();
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
    'names[1]: contains "{", "}" or ";" (CSS text, not a selector)',
    'names[2]: contains "url(" (nothing may be loaded)',
  ]);
});

it('the build refuses a bad built-in rule, naming the file and the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'momo-rules-'));
  writeFileSync(join(dir, 'good.json'), JSON.stringify({ id: 'good', name: 'Good', hosts: ['good.example'], names: ['.name'] }));
  expect(readBuiltInRules([dir], checkRule).map((r) => r.id)).toEqual(['good']);
  // The same selector a pack may not use, a built-in rule may not use either.
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ id: 'bad', name: 'Bad', hosts: ['bad.example'], names: ['div'], extra: 1 }));
  expect(() => readBuiltInRules([dir], checkRule)).toThrow(/bad\.json:\n {2}extra: unknown key dropped\n {2}names\[0\]: would match most of the page/);
  // Two built-in sites may not claim one host.
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ id: 'bad', name: 'Bad', hosts: ['bad.example'], names: ['.n'] }));
  writeFileSync(join(dir, 'same-host.json'), JSON.stringify({ id: 'same-host', name: 'Same', hosts: ['www.good.example'], names: ['.n'] }));
  expect(() => readBuiltInRules([dir], checkRule)).toThrow(/same-host\.json:\n {2}hosts\[0\]: "www\.good\.example" is already claimed by the site "good"/);
});
