import { getDomain, getPublicSuffix } from 'tldts';
import LIST from 'virtual:public-suffix-list';
import { describe, expect, it } from 'vitest';
import { isPublicSuffix, publicSuffixOf } from '../../../src/shared/public-suffix';
import { checkSiteHost } from '../../../src/shared/site-host';

const PSL = { allowPrivateDomains: true } as const;
/** What the extension used to ask tldts (and what tldts still answers in this test): no registrable domain. */
const tldtsSaysSuffix = (host: string) => getPublicSuffix(host, PSL) === host || getDomain(host, PSL) === null;

describe('the public suffix list', () => {
  const rules = LIST.split('\n');

  it('carries the whole list, both sections, with wildcards and exceptions', () => {
    expect(rules.length).toBeGreaterThan(9000);
    for (const rule of ['com', 'co.uk', 'github.io', 'blogspot.com', '*.ck', '!www.ck', '*.kawasaki.jp', '!city.kawasaki.jp']) expect(rules, rule).toContain(rule);
  });

  it('agrees with tldts on every rule, the hosts one and two labels under it, and their exceptions', () => {
    const disagreements: string[] = [];
    for (const rule of rules) {
      const base = rule.replace(/^!/, '').replace(/\*/g, 'w1');
      for (const host of [base, `site.${base}`, `a.site.${base}`]) {
        if (isPublicSuffix(host) !== tldtsSaysSuffix(host)) disagreements.push(`${host}: ours ${isPublicSuffix(host)}, tldts ${tldtsSaysSuffix(host)}`);
      }
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
  });

  it('finds the suffix by the longest rule, wildcards and exceptions', () => {
    expect(publicSuffixOf('forum.example.co.uk')).toBe('co.uk');
    expect(publicSuffixOf('someone.github.io')).toBe('github.io');
    expect(publicSuffixOf('anything.ck')).toBe('anything.ck'); // *.ck
    expect(publicSuffixOf('www.ck')).toBe('ck'); // !www.ck
    expect(publicSuffixOf('city.kawasaki.jp')).toBe('kawasaki.jp'); // !city.kawasaki.jp beats *.kawasaki.jp
    expect(publicSuffixOf('demo.momomask.test')).toBe('test'); // unlisted: the implicit "*" rule
  });

  it('adds sites under a suffix, never a suffix itself or an address', () => {
    expect(checkSiteHost('https://Forum.Example.co.uk/t/1')).toEqual({ host: 'forum.example.co.uk' });
    expect(checkSiteHost('someone.github.io')).toEqual({ host: 'someone.github.io' });
    for (const host of ['co.uk', 'github.io', 'anything.ck']) expect(checkSiteHost(host), host).toMatchObject({ code: 'publicSuffix' });
    for (const host of ['com', '192.168.0.1', 'localhost']) expect(checkSiteHost(host), host).toMatchObject({ code: 'notHost' });
  });
});
