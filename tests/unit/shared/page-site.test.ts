import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES } from '../../../src/rules';
import { BUILT_IN_SITES } from '../../../src/rules/sites';
import { siteForUrl } from '../../../src/shared/page-site';

describe('which site a page is masked as (the popup works it out itself)', () => {
  it('knows every built-in site by its hosts and subdomains, as the rules say', () => {
    expect(BUILT_IN_SITES).toEqual(BUILT_IN_RULES.map(({ id, name, hosts }) => ({ id, name, hosts })));
    expect(siteForUrl(BUILT_IN_SITES, undefined, 'https://mobile.x.com/home')).toEqual({ id: 'x', name: 'X (Twitter)' });
    expect(siteForUrl(BUILT_IN_SITES, undefined, 'https://old.reddit.com/r/x')).toMatchObject({ id: 'reddit' });
  });

  it('names an added site by its host, covering its subdomains; a built-in site wins', () => {
    const added = { 'forum.example.org': { host: 'forum.example.org', addedAt: '2026-11-21T00:00:00Z' }, 'x.com': { host: 'x.com', addedAt: '2026-11-21T00:00:00Z' } };
    expect(siteForUrl(BUILT_IN_SITES, added, 'https://www.forum.example.org/t/1')).toEqual({ id: 'forum.example.org', name: 'forum.example.org', added: true });
    expect(siteForUrl(BUILT_IN_SITES, added, 'https://x.com/')).toEqual({ id: 'x', name: 'X (Twitter)' });
  });

  it('has no site for other pages, and survives what storage or the tab may hold', () => {
    expect(siteForUrl(BUILT_IN_SITES, undefined, 'https://example.org/')).toBeNull();
    expect(siteForUrl(BUILT_IN_SITES, 'corrupted', 'https://example.org/')).toBeNull();
    expect(siteForUrl(BUILT_IN_SITES, { 'example.org': 'not a site' }, 'https://example.org/')).toBeNull();
    expect(siteForUrl(BUILT_IN_SITES, undefined, 'chrome://newtab/')).toBeNull();
    expect(siteForUrl(BUILT_IN_SITES, undefined, 'not a url')).toBeNull();
  });
});
