/**
 * Built-in rules are data, tested as data: each file parses with the schema, every selector
 * compiles, ids are unique, files are stored in canonical form (format(parse(file)) === file), and
 * no selector leans on generated class names or on one page's accidental values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeIssues, SiteRuleSchema } from '../../src/shared/rule-schema';
import type { SiteRule } from '../../src/shared/site-rule';
import { formatRule } from '../../src/shared/format-rule';
import { isGeneratedClass } from '../../src/shared/generated-class';

const DIR = resolve(__dirname, '../../src/rules');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

const classTokens = (selector: string) => [...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]);

function selectorsOf(rule: SiteRule): string[] {
  return [
    ...(rule.avatars ?? []), ...(rule.names ?? []), ...(rule.handles ?? []), ...(rule.mentions ?? []),
    ...(rule.locations ?? []), ...(rule.locationText ?? []), ...(rule.shadowHosts ?? []), ...(rule.self ?? []),
    ...(rule.attributes ?? []).map((a) => a.selector),
  ];
}

describe.each(files)('%s', (file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  const raw = JSON.parse(text);

  it('parses with the rule schema, with nothing dropped', () => {
    const parsed = SiteRuleSchema.safeParse(raw);
    expect(parsed.success ? [] : describeIssues(parsed.error)).toEqual([]);
    expect(parsed.data).toEqual(raw);
    expect(`${raw.id}.json`).toBe(file);
  });

  it('is stored in canonical form', () => {
    const parsed = SiteRuleSchema.safeParse(raw);
    expect(parsed.success && formatRule(parsed.data)).toBe(text);
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
  const rules = files.map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as SiteRule);
  const ids = rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  const hosts = rules.flatMap((r) => r.hosts);
  expect(hosts.filter((h, i) => hosts.indexOf(h) !== i)).toEqual([]);
});

it('the class-name lint knows generated names from chosen ones', () => {
  expect(['r-1niwhzg', 'css-1dbjc4n', '_2tbHP6ZydRpjI44J3syuqC', 'Foo_bar__x7Yz2', 'i7cW1UcwT6ThdhTakqFm'].every(isGeneratedClass)).toBe(true);
  expect(['member_mention', 'userinfo_username', 'woo-box-flex', 'AuthorInfo-name', 'RichTextJSON-root', 'ProfileHeader-avatar', 'hnuser', 'h5'].some(isGeneratedClass)).toBe(false);
  expect(isGeneratedClass('xQZRTbNmKwPv')).toBe(true);
});

it('the schema rejects what is not a selector, saying where', () => {
  const result = SiteRuleSchema.safeParse({ id: 'evil', name: 'Evil', hosts: ['example.com'], names: ['a', 'b{color:red}', 'div[style*=url(x)]'] });
  expect(result.success).toBe(false);
  expect(describeIssues(result.error!)).toEqual([
    'names[1]: contains "{", "}" or ";" (CSS text, not a selector)',
    'names[2]: contains url( (a selector never loads anything)',
  ]);
});
