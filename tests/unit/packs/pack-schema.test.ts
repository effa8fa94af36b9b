import { describe, expect, it } from 'vitest';
import { hostProblem } from '../../../src/shared/packs/host-check';
import { readPackText, validatePack } from '../../../src/shared/packs/pack-schema';
import { selectorProblem } from '../../../src/shared/packs/selector-check';
import { BUILT_IN_RULES } from '../../../src/rules';
import { BUILT_IN, builtIn, errors, FORUM, makePack, notices } from './helpers';

describe('validatePack: a benign pack', () => {
  it('keeps a new site with its hosts and a built-in override, filling the override from the built-in', () => {
    const reading = validatePack(makePack({ forum: FORUM, demo: { names: ['[data-role="display-name"]', '.poster-name'] } }, { disabledSites: ['weibo'] }), BUILT_IN);
    expect(reading.problems).toEqual([]);
    expect(reading.pack).toEqual({
      format: 'momo-pack',
      version: 1,
      meta: { title: 'Friend pack', created: '2025-05-01T08:00:00.000Z' },
      sites: { forum: FORUM, demo: { id: 'demo', name: 'Momo Mask demo feed', hosts: ['demo.momomask.test'], names: ['[data-role="display-name"]', '.poster-name'] } },
      disabledSites: ['weibo'],
    });
  });

  it('accepts every built-in rule as a pack site (what a user exports after editing one)', () => {
    const sites = Object.fromEntries(BUILT_IN_RULES.map((rule) => [rule.id, rule]));
    const reading = validatePack(makePack(sites), BUILT_IN);
    expect(errors(reading)).toEqual([]);
    expect(Object.keys(reading.pack!.sites)).toHaveLength(BUILT_IN_RULES.length);
  });

  it('reads the optional meta fields and drops unknown ones with a notice', () => {
    const reading = validatePack(
      makePack({}, { meta: { title: ' Forum fixes ', author: 'mo', description: 'Line one\nline two', packVersion: '1.2', created: '2025-05-01', homepage: 'x' } }),
      BUILT_IN,
    );
    expect(reading.pack?.meta).toEqual({ title: 'Forum fixes', author: 'mo', description: 'Line one\nline two', packVersion: '1.2', created: '2025-05-01' });
    expect(notices(reading)).toEqual(['meta.homepage: unknown key dropped']);
  });
});

describe('validatePack: each problem with its place, the rest kept', () => {
  it('leaves out a site with any error, keeps the others, and reports every error of that site', () => {
    const reading = validatePack(
      makePack({
        forum: FORUM,
        demo: { names: ['.ok', 'div', '.a { color: red }'], titles: ['no placeholder'], attributes: [{ selector: '.a', names: [] }] },
      }),
      BUILT_IN,
    );
    expect(Object.keys(reading.pack!.sites)).toEqual(['forum']);
    expect(errors(reading)).toEqual([
      'sites.demo.names[1]: would match most of the page; add an attribute, class or id that picks out identities',
      'sites.demo.names[2]: contains "{", "}" or ";" (CSS text, not a selector)',
      'sites.demo.attributes[0].names: needs at least one attribute name',
      'sites.demo.titles[0]: must contain {name} or {handle}',
    ]);
    expect(reading.problems.every((p) => p.siteId === 'demo')).toBe(true);
  });

  it('asks a new site for its name and hosts, and refuses an id that does not match its key', () => {
    const reading = validatePack(makePack({ forum: { names: ['.n'] }, other: { ...FORUM, id: 'forum2', hosts: ['other.example.org'] } }), BUILT_IN);
    expect(errors(reading)).toEqual([
      'sites.forum.name: is required for a site that is not built in',
      'sites.forum.hosts: is required for a site that is not built in',
      'sites.other.id: "forum2" does not match the site\'s key "other"',
    ]);
    expect(reading.pack!.sites).toEqual({});
  });

  it('refuses two sites of one pack claiming the same host, and a bad site id', () => {
    const reading = validatePack(makePack({ forum: FORUM, forum2: { ...FORUM, id: 'forum2', hosts: ['www.forum.example.org'] }, 'Bad Id': FORUM }), BUILT_IN);
    expect(errors(reading)).toEqual([
      'sites.forum2.hosts[0]: "www.forum.example.org" is already claimed by the site "forum"',
      'sites["Bad Id"]: is not a site id (lowercase letters, digits and dashes, at most 40)',
    ]);
  });

  it('drops a bad optional meta field or switched-off id without refusing the pack', () => {
    const reading = validatePack(makePack({ forum: FORUM }, { meta: { title: 'T', created: '2025-05-01T00:00:00Z', author: 42 }, disabledSites: ['weibo', 'Not An Id', 'weibo'] }), BUILT_IN);
    expect(errors(reading)).toEqual(['meta.author: expected text', 'disabledSites[1]: is not a site id (lowercase letters, digits and dashes, at most 40)']);
    expect(reading.pack?.meta).toEqual({ title: 'T', created: '2025-05-01T00:00:00Z' });
    expect(reading.pack?.disabledSites).toEqual(['weibo']);
  });

  it('refuses the whole pack without a title or a real date', () => {
    expect(errors(validatePack(makePack({ forum: FORUM }, { meta: { created: '2025-05-01' } }), BUILT_IN))).toEqual(['meta.title: is required']);
    const reading = validatePack(makePack({ forum: FORUM }, { meta: { title: 'T', created: 'yesterday' } }), BUILT_IN);
    expect(errors(reading)).toEqual(['meta.created: expected an ISO date such as "2025-01-31T12:00:00.000Z"']);
    expect(reading.pack).toBeUndefined();
  });

  it('reads a file with a byte-order mark', () => {
    expect(readPackText(`\uFEFF${JSON.stringify(makePack({ forum: FORUM }))}`, BUILT_IN).pack?.sites.forum).toEqual(FORUM);
  });

  it('never throws, whatever it is given', () => {
    for (const raw of [undefined, null, 0, 'x', [], {}, { format: 'momo-pack' }, makePack({ x: null }), makePack({ x: { hosts: 5 } })]) {
      expect(() => validatePack(raw, BUILT_IN)).not.toThrow();
    }
  });
});

describe('selectorProblem', () => {
  it('accepts the kind of selectors rules are made of', () => {
    for (const selector of [
      '[data-testid="SideNav_AccountSwitcher_Button"] *',
      'article header',
      'ytd-comment-renderer #author-text',
      'a[href^="/user/"]:not([href*="/status/"]) > span:first-child',
      'div:has(> img.avatar)',
      '.author:is(.op, .mod)',
    ]) expect(selectorProblem(selector), selector).toBeUndefined();
    for (const rule of BUILT_IN_RULES) for (const selector of [...(rule.names ?? []), ...(rule.avatars ?? [])]) expect(selectorProblem(selector), selector).toBeUndefined();
  });

  it('refuses what is not a selector a browser knows', () => {
    expect(selectorProblem('a[href')).toMatch(/^is not a valid CSS selector \(/);
    expect(selectorProblem('.a::before')).toBe('uses the pseudo-element "::before", which never matches an element');
    expect(selectorProblem('.a:hover')).toBe('uses the unknown pseudo-class ":hover"');
    expect(selectorProblem('.a < .b')).toBe('uses the combinator "<", which browsers do not know');
    expect(selectorProblem('[a!=b]')).toBe('uses "!=", which browsers do not know');
    expect(selectorProblem('.a /* x */')).toBe('contains a CSS comment');
    expect(selectorProblem('  ')).toBe('is empty');
    expect(selectorProblem(5)).toBe('expected a selector (text)');
  });

  it('counts :not as no narrowing and :is/:has only when every alternative narrows', () => {
    expect(selectorProblem('*:not(.x)')).toBe('would match most of the page; add an attribute, class or id that picks out identities');
    expect(selectorProblem('div:is(span, .x)')).toBe('would match most of the page; add an attribute, class or id that picks out identities');
    expect(selectorProblem('.ok, span')).toBe('would match most of the page; add an attribute, class or id that picks out identities');
  });
});

describe('hostProblem', () => {
  it('accepts a host name that is one site, including one under a private suffix', () => {
    for (const host of ['forum.example.org', 'example.co.uk', 'someone.github.io', 'demo.momomask.test']) expect(hostProblem(host), host).toBeUndefined();
  });

  it('refuses IPv6, ports, paths and capitals', () => {
    expect(hostProblem('[::1]')).toBe('"[::1]" is an IP address or range; a pack names sites by host name');
    expect(hostProblem('example.com:8080')).toBe('"example.com:8080" is not a host name like "example.com"');
    expect(hostProblem('example.com/path')).toBe('"example.com/path" is not a host name like "example.com"');
    expect(hostProblem('Example.com')).toBe('"Example.com" is not a host name like "example.com"');
  });
});

it('keeps the built-in rules the tests rely on', () => {
  expect(builtIn('x').hosts).toEqual(['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com']);
  expect(builtIn('demo').name).toBe('Momo Mask demo feed');
});
