import { describe, expect, it } from 'vitest';
import { hostProblem } from '../../../src/shared/packs/host-check';
import { readPackText, validatePack } from '../../../src/shared/packs/pack-schema';
import { selectorProblem } from '../../../src/shared/packs/selector-check';
import { genericRule } from '../../../src/content/generic-rule';
import { RULE_FIELDS } from '../../../src/shared/rule/fields';
import { BUILT_IN_RULES } from '../../../src/rules';
import { BUILT_IN, builtIn, errors, FORUM, makePack, notices } from './helpers';

const MOST = 'would match most of the page; add an attribute, class or id that picks out identities';
const PAGE_ITSELF = 'could match the page itself (<html>, <body> or <head>); its last part needs a tag, or a test on an attribute those do not carry';
const WALKS = (n: number) =>
  `nests ${n} walks over ancestors or siblings (descendant or "~" combinators inside :is/:not/:has/:where); at most 2: its cost grows as the page's depth to that power`;

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
    const reading = validatePack(
      makePack({ forum: FORUM }, { meta: { title: 'T', created: '2025-05-01T00:00:00Z', author: 42 }, disabledSites: ['weibo', 'Not An Id', 'weibo'] }),
      BUILT_IN,
    );
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
    ])
      expect(selectorProblem(selector), selector).toBeUndefined();
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
    expect(selectorProblem('div *:not(.x)')).toBe(MOST);
    expect(selectorProblem('div:is(span, .x)')).toBe(MOST);
    expect(selectorProblem('.ok, span')).toBe(MOST);
    // :has(> x) is x's parent; :has(x) is every ancestor of x, up to <html>.
    expect(selectorProblem('div:has(> img.avatar)')).toBeUndefined();
    expect(selectorProblem('div:has(img.avatar)')).toBe(MOST);
  });

  it('accepts every selector of every built-in rule, and of the generic rule, in every field (measured: at most 2 nested walks, 2 levels)', () => {
    const selectorKeys = RULE_FIELDS.filter((field) => field.kind === 'selectors').map((field) => field.key);
    const rules: Record<string, unknown>[] = [...BUILT_IN_RULES, genericRule('forum.example.org')] as unknown as Record<string, unknown>[];
    const all = rules.flatMap((rule) => [
      ...selectorKeys.flatMap((key) => (rule[key] as string[] | undefined) ?? []),
      ...((rule.attributes as { selector: string }[] | undefined) ?? []).map((target) => target.selector),
    ]);
    expect(all.length).toBeGreaterThan(400);
    expect(all.filter((selector) => selectorProblem(selector) !== undefined)).toEqual([]);
  });
});

describe('selectorProblem: what makes selectors slow', () => {
  // Chromium, one querySelectorAll over a 9,616-element feed with no <nav>: 5 ms for one level,
  // then 46, 297, 629 and 1,734 ms; the checker before this one accepted all of them.
  const nestedWalks = (levels: number) => `${':is('.repeat(levels)}nav div${') div'.repeat(levels - 1)}) span`;

  it('counts walks over ancestors or siblings nested in :is/:not/:where/:has, not the walks of one chain', () => {
    expect(selectorProblem(nestedWalks(1))).toBeUndefined();
    expect(selectorProblem('nav div div div div div span')).toBeUndefined();
    expect(selectorProblem(nestedWalks(2))).toBe(WALKS(3));
    expect(selectorProblem(nestedWalks(3))).toBe(WALKS(4));
    expect(selectorProblem(':is(:is(:is(div div) div) div) .x')).toBe(WALKS(4));
    expect(selectorProblem('.post :is(.a ~ .b) :is(.c ~ .d) span')).toBeUndefined();
    expect(selectorProblem('.post :is(:is(.a ~ .b) .c) span')).toBe(WALKS(3));
    expect(selectorProblem('span.x:not(:is(nav div) *)')).toBeUndefined();
    expect(selectorProblem('.y span.x:not(:is(nav div) *)')).toBe(WALKS(3));
    expect(selectorProblem('.y span:not(:has(img))')).toBeUndefined();
    expect(selectorProblem('.z .y span:not(:has(.q:is(nav *)))')).toBe(WALKS(3));
  });

  it('refuses :has() whose argument walks again after its first combinator', () => {
    expect(selectorProblem('div.card:has(nav div span)')).toBe(
      'walks the page again inside :has(nav div span): a :has() may hold "> a", "+ a" but no descendant or "~" combinator after its first',
    );
    expect(selectorProblem('.card:has(> .a ~ .b)')).toMatch(/^walks the page again inside :has\(/);
    expect(selectorProblem('.card:has(> .a > .b + .c)')).toBeUndefined();
  });

  it('caps nesting at 3 levels, and parts at 40', () => {
    expect(selectorProblem('.a:not(:is(:where(.b)))')).toBeUndefined();
    expect(selectorProblem('.a:not(:is(:where(:is(.b))))')).toBe('nests :is/:not/:has/:where more than 3 levels deep');
    expect(selectorProblem(`${'.a > '.repeat(40)}.z`)).toBe('has too many parts (41; at most 40)');
  });

  it('refuses pseudo-classes that count siblings (their cost grows with a feed), wherever they are; the O(1) ones pass', () => {
    const counts = (name: string) =>
      `uses :${name}, which counts the element's siblings: its cost grows with the length of a feed; use :first-child, :last-child or "+" (":first-child + div" is the second child)`;
    expect(selectorProblem('[data-testid="User-Name"] > div:nth-child(2) div[dir]')).toBe(counts('nth-child'));
    expect(selectorProblem('.list > li:nth-last-of-type(-n + 3)')).toBe(counts('nth-last-of-type'));
    expect(selectorProblem('.post :is(.a:first-of-type) .name')).toBe(counts('first-of-type'));
    expect(selectorProblem('.card:not(:last-of-type) .name')).toBe(counts('last-of-type'));
    expect(selectorProblem('[data-testid="User-Name"] > :first-child + div div[dir]:first-child')).toBeUndefined();
    expect(selectorProblem('.card > .name:last-child, .card > .tag:only-child')).toBeUndefined();
  });

  it('reads an+b in :nth-child() and its kin, not "of S", a selector css-what would leave unread', () => {
    expect(selectorProblem('.post li:nth-child(1 of :is(:is(:is(nav div) div) div) span)')).toBe(
      ':nth-child() takes a position (like "2n+1"), not "1 of :is(:is(:is(nav div) div) div) span"',
    );
  });
});

describe('selectorProblem: the page itself and most of it', () => {
  it('refuses a last part that could be <html>, <body> or <head>', () => {
    for (const selector of [
      '[lang]',
      '[dir]',
      '[class]',
      '[xmlns]',
      '[lang="en"]',
      '[dir=ltr]',
      '[style*="color"]',
      '[data-theme]',
      ':is([lang], .x)',
      '*',
      '[lang] > *',
      'head ~ *',
      '.x, [dir]',
    ]) {
      expect(selectorProblem(selector), selector).toBe(PAGE_ITSELF);
    }
  });

  it('accepts a last part with a tag, an attribute those do not carry, a class or id value, or inside an element that is none of them', () => {
    for (const selector of [
      'bdi[lang]',
      '.post [lang]',
      '[data-user-card]',
      '[usercard]',
      '.author',
      '#author-text',
      '[data-testid="User-Name"] *',
      ':is(.a, bdi[dir])',
      'a[data-user-card]',
    ]) {
      expect(selectorProblem(selector), selector).toBeUndefined();
    }
  });

  it('refuses what would mask most of the page: the presence of a common attribute, main, * under a broad scope', () => {
    for (const selector of ['a[href]', '[data-testid]', '[data-e2e]', 'main *', 'main span', 'div[data-v-7ba5bd90]', 'img[alt]', '[aria-label]']) {
      expect(selectorProblem(selector), selector).toBe(MOST);
    }
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
