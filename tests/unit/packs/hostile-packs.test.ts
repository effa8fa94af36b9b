/**
 * A corpus of hostile packs (PRODUCT.md: "A hostile rule pack can do nothing but mask"). Each case
 * names its rejection class, expects its exact messages with their place, and is imported into
 * simulated storage twice (with the default choices, and forcing "apply" everywhere): storage
 * must come out deep-equal to how it went in.
 */
import { describe, expect, it } from 'vitest';
import { encodeShareCode } from '../../../src/shared/packs/share-code';
import { undoImport } from '../../../src/shared/packs/merge';
import { readPackState } from '../../../src/shared/packs/state';
import { validatePack } from '../../../src/shared/packs/pack-schema';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { BUILT_IN, builtIn, codeAround, errors, FORUM, importInto, makePack, notices, seededStorage, type PackInput } from './helpers';

const CLASSES = [
  'css-injection',
  'url',
  'import',
  'page-wide',
  'page-itself',
  'cost-bomb',
  'nesting',
  'oversize',
  'too-many',
  'prototype-key',
  'unknown-key',
  'catastrophic-title',
  'script-or-data',
  'broad-host',
  'public-suffix',
  'foreign-hosts',
  'unsafe-attribute',
  'wrong-format',
  'non-object',
  'bad-checksum',
  'zip-bomb',
  'deep-json',
  'hidden-characters',
] as const;
type RejectionClass = (typeof CLASSES)[number];

interface HostileCase {
  name: string;
  kind: RejectionClass;
  input: () => PackInput | Promise<PackInput>;
  errors: (string | RegExp)[];
  notices?: string[];
}

const demo = (fields: Record<string, unknown>): PackInput => ({ pack: makePack({ demo: fields }) });
const newSite = (fields: Record<string, unknown>): PackInput => ({ pack: makePack({ forum: { ...FORUM, ...fields } }) });
const text = (value: string): PackInput => ({ text: value });
const packText = (inside: string) => `{"format":"momo-pack","version":1,"meta":{"title":"T","created":"2025-05-01"},${inside}}`;
const MOST = 'would match most of the page; add an attribute, class or id that picks out identities';
const PAGE_ITSELF = 'could match the page itself (<html>, <body> or <head>); its last part needs a tag, or a test on an attribute those do not carry';
const WALKS = (n: number) =>
  `nests ${n} walks over ancestors or siblings (descendant or "~" combinators inside :is/:not/:has/:where); at most 2: its cost grows as the page's depth to that power`;
const whole = (what: string) => `would match the whole page ("${what}"); a pack may only pick out identities`;
const CSS_TEXT = 'contains "{", "}" or ";" (CSS text, not a selector)';
const URL_TEXT = 'contains "url(" (nothing may be loaded)';
const IMPORT_TEXT = 'contains "@import" (CSS text, not a selector)';
const PROTO = (key: string) => `the key "${key}" is refused (it could change how objects behave)`;
const PATTERN = (host: string) => `"${host}" is a match pattern; a pack names plain host names like "example.com"`;
const SUFFIX = (host: string) => `"${host}" is a public suffix: it would cover every site under it`;
const CHANGED = 'share code: the code was changed or cut off';
const BOMB = 'share code: unpacks to more than 256 KB; a pack is at most 256 KB';
const benignCode = () => encodeShareCode(validatePack(makePack({ forum: FORUM }), BUILT_IN).pack!);
const HIDDEN = (code: string) => `contains an invisible or direction-changing character (U+${code}); text must read as what it is`;
const meta = (fields: Record<string, string>): PackInput => ({ pack: makePack({}, { meta: { title: 'Friend pack', created: '2025-05-01', ...fields } }) });
const nest = (depth: number, inner: string) => `${':is('.repeat(depth)}${inner}${')'.repeat(depth)}`;

const CASES: HostileCase[] = [
  // Selectors that are CSS text: they would close the hiding stylesheet's rule and restyle the page.
  {
    name: 'a rule body inside a name selector',
    kind: 'css-injection',
    input: () => demo({ names: ['[data-role="display-name"] { display: none }'] }),
    errors: [`sites.demo.names[0]: ${CSS_TEXT}`],
  },
  {
    name: 'a ";" ending an avatar selector',
    kind: 'css-injection',
    input: () => demo({ avatars: ['img[data-role="avatar"]; body'] }),
    errors: [`sites.demo.avatars[0]: ${CSS_TEXT}`],
  },
  {
    name: 'a "}" in an attribute target',
    kind: 'css-injection',
    input: () => demo({ attributes: [{ selector: '.a} html {background:red', names: ['title'] }] }),
    errors: [`sites.demo.attributes[0].selector: ${CSS_TEXT}`],
  },
  // Anything that could load a URL.
  {
    name: 'url( in a location selector',
    kind: 'url',
    input: () => demo({ locations: ['[data-role="location"][style*="url(https://evil.example/t.png)"]'] }),
    errors: [`sites.demo.locations[0]: ${URL_TEXT}`],
  },
  { name: 'url( in a title shape', kind: 'url', input: () => demo({ titles: ['{name} url(x)'] }), errors: [`sites.demo.titles[0]: ${URL_TEXT}`] },
  {
    name: 'URL ( in the description',
    kind: 'url',
    input: () => ({ pack: makePack({}, { meta: { title: 'T', created: '2025-05-01', description: 'See URL (https://evil.example)' } }) }),
    errors: [`meta.description: ${URL_TEXT}`],
  },
  // @import: a whole stylesheet from elsewhere.
  { name: '@import as a name selector', kind: 'import', input: () => demo({ names: ['@import "https://evil.example/x.css"'] }), errors: [`sites.demo.names[0]: ${IMPORT_TEXT}`] },
  { name: '@IMPORT in a shadow host selector', kind: 'import', input: () => demo({ shadowHosts: ['.host @IMPORT'] }), errors: [`sites.demo.shadowHosts[0]: ${IMPORT_TEXT}`] },
  // Page-wide selectors would mask (or hide) everything.
  {
    name: '*, body, :root and html as names',
    kind: 'page-wide',
    input: () => newSite({ names: ['*', 'body', ':root', 'html'] }),
    errors: [`sites.forum.names[0]: ${PAGE_ITSELF}`, `sites.forum.names[1]: ${whole('body')}`, `sites.forum.names[2]: ${whole(':root')}`, `sites.forum.names[3]: ${whole('html')}`],
  },
  {
    name: 'bare div and span selectors, alone or in a list',
    kind: 'page-wide',
    input: () => demo({ avatars: ['div', 'span span', 'html > body div:first-child', 'img[data-role="avatar"], div'] }),
    errors: [`sites.demo.avatars[0]: ${MOST}`, `sites.demo.avatars[1]: ${MOST}`, `sites.demo.avatars[2]: ${MOST}`, `sites.demo.avatars[3]: ${MOST}`],
  },
  // Vandalism that keeps most of the page: the presence of an attribute every element has, everything in <main>.
  {
    name: 'a[href], [data-testid] and main * as names',
    kind: 'page-wide',
    input: () => newSite({ names: ['a[href]', '[data-testid]', 'main *'] }),
    errors: [`sites.forum.names[0]: ${MOST}`, `sites.forum.names[1]: ${MOST}`, `sites.forum.names[2]: ${MOST}`],
  },
  // A last part that <html> or <body> carries: the whole page would be rewritten, drafts and <style> with it.
  {
    name: '[lang] and [dir] as names, [class] as a location',
    kind: 'page-itself',
    input: () => demo({ names: ['[lang]', '[dir]'], locations: ['[class]'] }),
    errors: [`sites.demo.names[0]: ${PAGE_ITSELF}`, `sites.demo.names[1]: ${PAGE_ITSELF}`, `sites.demo.locations[0]: ${PAGE_ITSELF}`],
  },
  {
    name: '[xmlns] hiding text, [lang="en"] and :is([dir], .x) as attribute targets',
    kind: 'page-itself',
    input: () =>
      newSite({
        locationText: ['[xmlns]'],
        attributes: [
          { selector: '[lang="en"]', names: ['title'] },
          { selector: ':is([dir], .x)', names: ['aria-label'] },
        ],
      }),
    errors: [`sites.forum.locationText[0]: ${PAGE_ITSELF}`, `sites.forum.attributes[0].selector: ${PAGE_ITSELF}`, `sites.forum.attributes[1].selector: ${PAGE_ITSELF}`],
  },
  // Cost bombs: each passed the checker before this one; the first took 297 ms per query on a 9,616-element feed in Chromium, one more level 629 ms.
  {
    name: 'walks nested three deep in :is, alone and in a scope (a chain walks once)',
    kind: 'cost-bomb',
    input: () => demo({ names: [':is(:is(:is(nav div) div) div) span', '.feed :is(:is(:is(div div) div) div) .x'] }),
    errors: [`sites.demo.names[0]: ${WALKS(4)}`, `sites.demo.names[1]: ${WALKS(4)}`],
  },
  {
    name: 'walks inside :has() and a selector hidden in :nth-child(of S)',
    kind: 'cost-bomb',
    input: () => demo({ avatars: ['div.card:has(nav div span)'], handles: ['.post li:nth-child(1 of :is(:is(:is(nav div) div) div) span)'] }),
    errors: [
      'sites.demo.avatars[0]: walks the page again inside :has(nav div span): a :has() may hold "> a", "+ a" but no descendant or "~" combinator after its first',
      'sites.demo.handles[0]: :nth-child() takes a position (like "2n+1"), not "1 of :is(:is(:is(nav div) div) div) span"',
    ],
  },
  // Nesting deep enough to make matching expensive.
  {
    name: 'nine levels of :is',
    kind: 'nesting',
    input: () => demo({ names: [nest(9, '.n')] }),
    errors: ['sites.demo.names[0]: nests :is/:not/:has/:where more than 3 levels deep'],
  },
  {
    name: 'four levels of :not/:has/:where',
    kind: 'nesting',
    input: () => demo({ handles: [`.h:not(:has(:where(:is(.x))))`] }),
    errors: ['sites.demo.handles[0]: nests :is/:not/:has/:where more than 3 levels deep'],
  },
  // Sizes.
  {
    name: 'a selector over 400 characters',
    kind: 'oversize',
    input: () => demo({ names: [`[data-role="${'x'.repeat(400)}"]`] }),
    errors: ['sites.demo.names[0]: is longer than 400 characters'],
  },
  {
    name: 'a pack file over 256 KB',
    kind: 'oversize',
    input: () => text(packText(`"sites":{},"padding":"${'x'.repeat(300 * 1024)}"`)),
    errors: ['pack: is 301 KB; a pack is at most 256 KB'],
  },
  {
    name: 'a selector of 41 compound parts',
    kind: 'oversize',
    input: () => demo({ names: [`${'.a '.repeat(40)}.z`] }),
    errors: ['sites.demo.names[0]: has too many parts (41; at most 40)'],
  },
  // Counts.
  {
    name: '61 name selectors',
    kind: 'too-many',
    input: () => demo({ names: Array.from({ length: 61 }, (_, i) => `.n${i}`) }),
    errors: ['sites.demo.names: has 61 selectors; at most 60'],
  },
  {
    name: '51 sites',
    kind: 'too-many',
    input: () => ({ pack: makePack(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`site-${i}`, { ...FORUM, id: `site-${i}`, hosts: [`s${i}.example.org`] }]))) }),
    errors: ['sites: has 51 sites; at most 50'],
  },
  {
    name: '11 title shapes',
    kind: 'too-many',
    input: () => demo({ titles: Array.from({ length: 11 }, (_, i) => `{name} ${i}`) }),
    errors: ['sites.demo.titles: has 11 title shapes; at most 10'],
  },
  // Prototype keys, as JSON.parse makes them: own keys.
  {
    name: '__proto__ as a site id',
    kind: 'prototype-key',
    input: () => text(packText('"sites":{"__proto__":{"names":[".n"]}}')),
    errors: [`sites.__proto__: ${PROTO('__proto__')}`],
  },
  {
    name: 'constructor inside a rule',
    kind: 'prototype-key',
    input: () => text(packText('"sites":{"demo":{"constructor":{"prototype":{"names":[".n"]}}}}')),
    errors: [`sites.demo.constructor: ${PROTO('constructor')}`],
  },
  {
    name: 'prototype in meta and __proto__ at the top',
    kind: 'prototype-key',
    input: () => text('{"__proto__":{"polluted":true},"format":"momo-pack","version":1,"meta":{"title":"T","created":"2025-05-01","prototype":{}},"sites":{}}'),
    errors: [`__proto__: ${PROTO('__proto__')}`, `meta.prototype: ${PROTO('prototype')}`],
  },
  // Unknown keys are dropped with a notice, never fatal; these sites are otherwise the built-in, so nothing is stored.
  {
    name: 'onload and style keys on a rule, a script key on the pack',
    kind: 'unknown-key',
    input: () => ({ pack: makePack({ demo: { ...builtIn('demo'), onload: 'alert(1)', style: 'body{display:none}' } }, { script: 'javascript:alert(1)' }) }),
    errors: [],
    notices: ['script: unknown key dropped', 'sites.demo.onload: unknown key dropped', 'sites.demo.style: unknown key dropped'],
  },
  {
    name: 'unknown keys in meta, an attribute target and identity',
    kind: 'unknown-key',
    input: () => {
      const rule = builtIn('demo');
      return {
        pack: makePack(
          { demo: { ...rule, attributes: [{ ...rule.attributes![0], onmouseover: 'x' }], identity: { ...rule.identity, regex: '(a+)+$' } } },
          { meta: { title: 'T', created: '2025-05-01', icon: 'https://evil.example/i.png' } },
        ),
      };
    },
    errors: [],
    notices: ['meta.icon: unknown key dropped', 'sites.demo.attributes[0].onmouseover: unknown key dropped', 'sites.demo.identity.regex: unknown key dropped'],
  },
  // Title shapes are compiled to lazy groups in the page: their cost must stay bounded.
  {
    name: 'four placeholders in a title',
    kind: 'catastrophic-title',
    input: () => demo({ titles: ['{name}{handle}{name} {name}'] }),
    errors: ['sites.demo.titles[0]: has 4 placeholders; at most 2 ({name}, {handle})'],
  },
  {
    name: 'a title over 200 characters',
    kind: 'catastrophic-title',
    input: () => demo({ titles: [`{name} ${'a'.repeat(200)}`] }),
    errors: ['sites.demo.titles[0]: is longer than 200 characters'],
  },
  {
    name: 'regular-expression braces in a title',
    kind: 'catastrophic-title',
    input: () => demo({ titles: ['(a+)+$ {name} {1,99}'] }),
    errors: ['sites.demo.titles[0]: may use braces only for {name}, {handle}, {n} and {text}'],
  },
  // Text that reads as something else: a right-to-left override turns "gpj.exe" around, an
  // invisible character makes a look-alike of a name. Refused wherever the user reads the text.
  {
    name: 'a right-to-left override in the pack title',
    kind: 'hidden-characters',
    input: () => meta({ title: 'Friend \u202Egpj.exe' }),
    errors: [`meta.title: ${HIDDEN('202E')}`],
  },
  { name: 'a left-to-right isolate in the author', kind: 'hidden-characters', input: () => meta({ author: 'Robin\u2066' }), errors: [`meta.author: ${HIDDEN('2066')}`] },
  {
    name: 'a zero-width no-break space in the description',
    kind: 'hidden-characters',
    input: () => meta({ description: 'Masks\uFEFF more' }),
    errors: [`meta.description: ${HIDDEN('FEFF')}`],
  },
  { name: 'a zero-width space in a site name', kind: 'hidden-characters', input: () => newSite({ name: 'Friendly\u200Bforum' }), errors: [`sites.forum.name: ${HIDDEN('200B')}`] },
  { name: 'a word joiner in a built-in site’s name', kind: 'hidden-characters', input: () => demo({ name: 'Demo\u2060feed' }), errors: [`sites.demo.name: ${HIDDEN('2060')}`] },
  {
    name: 'a pop-directional mark in a title shape',
    kind: 'hidden-characters',
    input: () => demo({ titles: ['{name}\u202C · Demo'] }),
    errors: [`sites.demo.titles[0]: ${HIDDEN('202C')}`],
  },
  // Scripts and inline data anywhere.
  {
    name: 'javascript: as a site name',
    kind: 'script-or-data',
    input: () => demo({ name: 'javascript:alert(1)' }),
    errors: ['sites.demo.name: contains "javascript:" (scripts are not allowed)'],
  },
  {
    name: '<script> as the pack title',
    kind: 'script-or-data',
    input: () => ({ pack: makePack({ demo: { names: ['.n'] } }, { meta: { title: '<script>alert(1)</script>', created: '2025-05-01' } }) }),
    errors: ['meta.title: contains "<script" (scripts are not allowed)'],
  },
  {
    name: 'data: in an avatar selector',
    kind: 'script-or-data',
    input: () => demo({ avatars: ['img[src^="data:image/svg+xml"]'] }),
    errors: ['sites.demo.avatars[0]: contains "data:" (no images or files are allowed)'],
  },
  {
    name: 'spaced-out javascript: in a path shape',
    kind: 'script-or-data',
    input: () => demo({ identity: { hrefPaths: ['/u/{key}?next=JAVA SCRIPT:x'] } }),
    errors: ['sites.demo.identity.hrefPaths[0]: contains "javascript:" (scripts are not allowed)'],
  },
  // Hosts broader than one site.
  { name: '<all_urls>', kind: 'broad-host', input: () => newSite({ hosts: ['<all_urls>'] }), errors: [`sites.forum.hosts[0]: ${PATTERN('<all_urls>')}`] },
  {
    name: '*://*/*, * and a wildcard subdomain',
    kind: 'broad-host',
    input: () => newSite({ hosts: ['*://*/*', '*', '*.example.com'] }),
    errors: [
      `sites.forum.hosts[0]: ${PATTERN('*://*/*')}`,
      `sites.forum.hosts[1]: ${PATTERN('*')}`,
      'sites.forum.hosts[2]: "*.example.com" has a wildcard; a pack names plain host names (each covers its subdomains)',
    ],
  },
  {
    name: 'an IP range and an IP address',
    kind: 'broad-host',
    input: () => newSite({ hosts: ['192.168.0.0/16', '10.0.0.1'] }),
    errors: [
      'sites.forum.hosts[0]: "192.168.0.0/16" is an IP address or range; a pack names sites by host name',
      'sites.forum.hosts[1]: "10.0.0.1" is an IP address or range; a pack names sites by host name',
    ],
  },
  { name: 'co.uk', kind: 'public-suffix', input: () => newSite({ hosts: ['co.uk'] }), errors: [`sites.forum.hosts[0]: ${SUFFIX('co.uk')}`] },
  {
    name: 'github.io and appspot.com (private suffixes)',
    kind: 'public-suffix',
    input: () => newSite({ hosts: ['github.io', 'appspot.com'] }),
    errors: [`sites.forum.hosts[0]: ${SUFFIX('github.io')}`, `sites.forum.hosts[1]: ${SUFFIX('appspot.com')}`],
  },
  // A trusted name pointed at another domain.
  {
    name: 'the x rule on a foreign host',
    kind: 'foreign-hosts',
    input: () => ({ pack: makePack({ x: { ...builtIn('x'), hosts: ['evil.example'] } }) }),
    errors: ['sites.x.hosts: differ from the built-in site "x" (x.com, twitter.com, mobile.x.com, mobile.twitter.com); a built-in site keeps its hosts'],
  },
  {
    name: 'the reddit rule with one more host',
    kind: 'foreign-hosts',
    input: () => ({ pack: makePack({ reddit: { names: ['.n'], hosts: ['reddit.com', 'reddit.evil.example'] } }) }),
    errors: ['sites.reddit.hosts: differ from the built-in site "reddit" (reddit.com); a built-in site keeps its hosts'],
  },
  {
    name: 'a new id on a built-in host',
    kind: 'foreign-hosts',
    input: () => ({ pack: makePack({ 'fake-x': { ...FORUM, id: 'fake-x', hosts: ['mobile.twitter.com'] } }) }),
    errors: ['sites.fake-x.hosts[0]: "mobile.twitter.com" belongs to the built-in site "x"; change that site under its own id'],
  },
  // Attributes that run code or load things are not identities.
  {
    name: 'onclick and style as attributes to rewrite',
    kind: 'unsafe-attribute',
    input: () => demo({ attributes: [{ selector: 'demo-comment[author]', names: ['onclick', 'style'] }] }),
    errors: [
      'sites.demo.attributes[0].names[0]: "onclick" may not be rewritten (only text attributes such as title, alt or aria-label)',
      'sites.demo.attributes[0].names[1]: "style" may not be rewritten (only text attributes such as title, alt or aria-label)',
    ],
  },
  {
    name: 'href as an attribute to rewrite',
    kind: 'unsafe-attribute',
    input: () => demo({ attributes: [{ selector: 'a.x', names: ['href'] }] }),
    errors: ['sites.demo.attributes[0].names[0]: "href" may not be rewritten (only text attributes such as title, alt or aria-label)'],
  },
  // Not our format, or a newer one.
  {
    name: 'another format',
    kind: 'wrong-format',
    input: () => ({ pack: { ...makePack({}), format: 'stylus-backup' } }),
    errors: ['format: expected "momo-pack"; this is not a Momo Mask rule pack'],
  },
  {
    name: 'a newer version',
    kind: 'wrong-format',
    input: () => ({ pack: { ...makePack({ demo: { names: ['.n'] } }), version: 2 } }),
    errors: ['version: 2 was made by a newer Momo Mask (this one reads version 1); update the extension to import it'],
  },
  { name: 'a version as text', kind: 'wrong-format', input: () => ({ pack: { ...makePack({}), version: '1' } }), errors: ['version: expected 1'] },
  // Not a JSON object at all.
  { name: 'a JSON list', kind: 'non-object', input: () => text('[1, 2, 3]'), errors: ['pack: expected a Momo Mask rule pack (a JSON object), found a list'] },
  { name: 'a JSON string', kind: 'non-object', input: () => text('"momo"'), errors: ['pack: expected a Momo Mask rule pack (a JSON object), found string'] },
  { name: 'JSON null', kind: 'non-object', input: () => text('null'), errors: ['pack: expected a Momo Mask rule pack (a JSON object), found null'] },
  { name: 'text cut off mid-JSON', kind: 'non-object', input: () => text('{"format": "momo-pack",'), errors: [/^pack: is not valid JSON \(.+\)$/] },
  // Share codes that were changed.
  {
    name: 'one character changed',
    kind: 'bad-checksum',
    input: async () => {
      const code = await benignCode();
      return { code: code.slice(0, 12) + (code[12] === 'Q' ? 'R' : 'Q') + code.slice(13) };
    },
    errors: [CHANGED],
  },
  { name: 'a checksum that does not match', kind: 'bad-checksum', input: async () => ({ code: (await benignCode()).replace(/\.[0-9a-f]{8}$/, '.deadbeef') }), errors: [CHANGED] },
  {
    name: 'a code cut in half',
    kind: 'bad-checksum',
    input: async () => {
      const code = await benignCode();
      return { code: code.slice(0, code.length >> 1) };
    },
    errors: [CHANGED],
  },
  // Small codes that unpack into huge texts.
  { name: '8 MB of spaces', kind: 'zip-bomb', input: async () => ({ code: await codeAround(`{"format":"momo-pack","x":"${' '.repeat(8 * 1024 * 1024)}"}`) }), errors: [BOMB] },
  { name: '2 MB of brackets', kind: 'zip-bomb', input: async () => ({ code: await codeAround('['.repeat(2 * 1024 * 1024)) }), errors: [BOMB] },
  // Nesting that would exhaust a recursive reader.
  {
    name: 'names nested 10,000 lists deep',
    kind: 'deep-json',
    input: () => text(packText(`"sites":{"forum":{"names":${'['.repeat(10000)}${']'.repeat(10000)}}}`)),
    errors: [`sites.forum.names${'[0]'.repeat(10)}: nests more than 12 levels deep`],
  },
  {
    name: 'objects nested 50 deep in meta',
    kind: 'deep-json',
    input: () => text(`{"format":"momo-pack","version":1,"meta":${'{"a":'.repeat(50)}1${'}'.repeat(50)},"sites":{}}`),
    errors: [`meta${'.a'.repeat(12)}: nests more than 12 levels deep`],
  },
];

describe('hostile packs', () => {
  it(`has at least 30 cases, and at least two of every rejection class (${CASES.length} cases)`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    for (const kind of CLASSES) expect(CASES.filter((c) => c.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
  });

  for (const hostile of CASES) {
    it(`${hostile.kind}: ${hostile.name}`, async () => {
      const input = await hostile.input();
      const storage = seededStorage();
      const before = structuredClone(storage);

      const { reading, preview, result } = await importInto(storage, input);
      const found = errors(reading);
      expect(found).toHaveLength(hostile.errors.length);
      hostile.errors.forEach((expected, i) => {
        if (typeof expected === 'string') expect(found[i]).toBe(expected);
        else expect(found[i]).toMatch(expected);
      });
      expect(notices(reading)).toEqual(hostile.notices ?? []);
      expect(storage).toEqual(before);

      // Forcing every site, invalid ones included, refuses the whole import: still nothing stored.
      const forced = await importInto(storage, input, (_, status) => (status === 'conflict' ? 'take-theirs' : 'apply'));
      expect(storage).toEqual(before);
      if (preview.sites.some((item) => item.status === 'invalid')) expect(forced.result.ok).toBe(false);
      if (!reading.pack) expect(result.ok).toBe(false);
    });
  }
});

describe('an import with a hostile site among good ones', () => {
  it('applies only the good sites, keeps the user edit and the earlier import, switches nothing off, and undoes exactly', async () => {
    const storage = seededStorage();
    const before = structuredClone(storage);
    const input = { pack: makePack({ forum: FORUM, demo: { names: ['body'] }, reddit: { names: ['.their-name'] } }, { disabledSites: ['weibo'] }) };
    const { reading, preview, result } = await importInto(storage, input);

    expect(errors(reading)).toEqual([`sites.demo.names[0]: ${whole('body')}`]);
    expect(preview.sites.map((item) => [item.siteId, item.status])).toEqual([
      ['demo', 'invalid'],
      ['forum', 'added'],
      ['reddit', 'conflict'],
      ['weibo', 'changed'],
    ]);
    expect(result.ok).toBe(true);
    expect(storage.userRules).toEqual(before.userRules);
    expect(storage.importedRules).toEqual({ ...(before.importedRules as object), forum: { rule: FORUM, pack: 'Friend pack', importedAt: '2025-06-01T12:00:00.000Z' } });
    // Switching weibo off weakens masking: it waits for an explicit choice.
    expect(storage.settings).toEqual(before.settings);

    const settings = storage.settings as { disabledSites: string[] };
    const { state } = readPackState({ ...storage, disabledSites: settings.disabledSites } as Parameters<typeof readPackState>[0], BUILT_IN);
    const undone = undoImport(state);
    expect(undone.problems).toEqual([]);
    expect(undone.nextState).toEqual(readPackState({ ...before, disabledSites: ['bilibili'] } as Parameters<typeof readPackState>[0], BUILT_IN).state);
  });
});

describe('an accepted benign pack', () => {
  it('imports from a share code: the new site added, the override applied, unknown keys not stored', async () => {
    const storage = seededStorage();
    const demo = builtIn('demo');
    const moreNames = { ...demo, names: [...(demo.names ?? []), '.byline'] };
    const pack = validatePack(makePack({ forum: FORUM, demo: moreNames }), BUILT_IN).pack!;
    const code = await encodeShareCode(pack);
    const { reading, result } = await importInto(storage, { code: `\n${code}\n` });
    expect(reading.problems).toEqual([]);
    expect(result.ok && result.applied).toEqual(['forum', 'demo']);
    expect((storage.importedRules as Record<string, { rule: unknown }>).demo.rule).toEqual(moreNames);

    const withExtras = { pack: makePack({ other: { ...FORUM, id: 'other', hosts: ['other.example.org'], tracking: 'x', names: ['.n'] } }) };
    const second = await importInto(storage, withExtras);
    expect(notices(second.reading)).toEqual(['sites.other.tracking: unknown key dropped']);
    expect((storage.importedRules as Record<string, { rule: object }>).other.rule).not.toHaveProperty('tracking');
  });
});

/**
 * Packs that pass every check and would still weaken masking: switching sites off, or replacing a
 * rule with one that drops what the rule in force has. With the preview's default choices (none)
 * storage must come out exactly as it went in; only an explicit choice for each part applies it.
 */
describe('weakening packs wait for a click', () => {
  const x = builtIn('x');
  const xNames = x.names ?? [];
  const everySite = Object.keys(BUILT_IN);
  /** "field: how many items", for every field of a rule that masks something (what a rule with none of them drops). */
  const everything = (rule: SiteRule, except: Record<string, number> = {}) =>
    (
      [
        'avatars',
        'avatarUrls',
        'names',
        'handles',
        'mentions',
        'locations',
        'locationText',
        'badges',
        'attributes',
        'shadowHosts',
        'titles',
        'textShapes',
        'identity.hrefPaths',
      ] as const
    )
      .map((field) => {
        const count =
          field === 'attributes'
            ? (rule.attributes ?? []).reduce((n, target) => n + target.names.length, 0)
            : field === 'identity.hrefPaths'
              ? (rule.identity?.hrefPaths ?? []).length
              : (rule[field] ?? []).length;
        return [field, count - (except[field] ?? 0)] as const;
      })
      .filter(([, count]) => count > 0)
      .map(([field, count]) => `${field}: ${count}`);
  interface WeakeningCase {
    name: string;
    input: PackInput;
    /** By site: what the preview says each weakens ("switch-off", or "field: items dropped"). */
    weakens: Record<string, string[]>;
    /** Checks storage after the import with explicit choices. */
    applied: (storage: Record<string, unknown>) => void;
    /** The explicit choice ("apply" unless given). */
    choose?: () => 'apply' | 'take-theirs';
  }
  const importedRule = (storage: Record<string, unknown>, siteId: string) => (storage.importedRules as Record<string, { rule: Record<string, unknown> }>)[siteId]?.rule;
  const disabled = (storage: Record<string, unknown>) => (storage.settings as { disabledSites: string[] }).disabledSites;
  const WEAKENING: WeakeningCase[] = [
    {
      name: 'every site switched off',
      input: { pack: makePack({}, { disabledSites: everySite }) },
      // bilibili is off already: the pack changes nothing there.
      weakens: Object.fromEntries(everySite.filter((id) => id !== 'bilibili').map((id) => [id, ['switch-off']])),
      applied: (storage) => expect([...disabled(storage)].sort()).toEqual([...everySite].sort()),
    },
    {
      name: 'a rule with an empty names list',
      input: { pack: makePack({ x: { ...x, names: [] } }) },
      weakens: { x: [`names: ${xNames.length}`] },
      applied: (storage) => expect(importedRule(storage, 'x')?.names).toEqual([]),
    },
    {
      name: 'a rule that keeps only one selector',
      input: { pack: makePack({ x: { names: [xNames[0]] } }) },
      weakens: { x: everything(x, { names: 1 }) },
      applied: (storage) => expect(importedRule(storage, 'x')).toEqual({ id: 'x', name: x.name, hosts: x.hosts, names: [xNames[0]] }),
    },
    {
      name: 'a rule with no selectors at all',
      input: { pack: makePack({ x: {} }) },
      weakens: { x: everything(x) },
      applied: (storage) => expect(importedRule(storage, 'x')).toEqual({ id: 'x', name: x.name, hosts: x.hosts }),
    },
    {
      name: 'a selector changed: one dropped, one added',
      input: { pack: makePack({ x: { ...x, handles: [...(x.handles ?? []).slice(1), '.never-there'] } }) },
      weakens: { x: ['handles: 1'] },
      applied: (storage) => expect(importedRule(storage, 'x')?.handles).toContain('.never-there'),
    },
    {
      name: 'profile links declared not people',
      input: { pack: makePack({ x: { ...x, identity: { ...x.identity, notKeys: [...(x.identity?.notKeys ?? []), 'Robin_Friend'] } } }) },
      weakens: { x: ['identity.notKeys: 1'] },
      applied: (storage) => expect((importedRule(storage, 'x')?.identity as { notKeys?: string[] } | undefined)?.notKeys).toContain('Robin_Friend'),
    },
    {
      name: 'a role mark added: what it matches inside a name stays',
      input: { pack: makePack({ x: { ...x, roles: ['[data-testid="UserName"] span'] } }) },
      weakens: { x: ['roles: 1'] },
      applied: (storage) => expect(importedRule(storage, 'x')?.roles).toEqual(['[data-testid="UserName"] span']),
    },
    {
      name: 'a host dropped from a site an earlier pack brought',
      input: { pack: makePack({ 'old-forum': { name: 'Old forum', hosts: ['www.old-forum.example.net'], names: ['.poster'] } }) },
      weakens: { 'old-forum': ['hosts: 1'] },
      applied: (storage) => expect(importedRule(storage, 'old-forum')?.hosts).toEqual(['www.old-forum.example.net']),
    },
    {
      name: 'the user’s own rule replaced by one with fewer names',
      input: { pack: makePack({ reddit: { ...builtIn('reddit'), names: ['.only-this'] } }) },
      // The stored user rule is the built-in one plus ".my-extra-name" (helpers.ts).
      weakens: { reddit: [`names: ${(builtIn('reddit').names ?? []).length + 1}`] },
      applied: (storage) => {
        expect(storage.userRules).toEqual({});
        expect(importedRule(storage, 'reddit')?.names).toEqual(['.only-this']);
      },
      choose: () => 'take-theirs',
    },
  ];

  for (const weak of WEAKENING) {
    it(`${weak.name}: shown as weakening, not applied by default, applied when chosen`, async () => {
      const storage = seededStorage();
      const before = structuredClone(storage);
      const { reading, preview, result } = await importInto(storage, weak.input);
      expect(errors(reading)).toEqual([]);
      const shown = Object.fromEntries(
        preview.sites
          .map((site) => [site.siteId, [...(site.switchOff ? ['switch-off'] : []), ...(site.drops ?? []).map((drop) => `${drop.field}: ${drop.items.length}`)]] as const)
          .filter(([, parts]) => parts.length),
      );
      expect(shown).toEqual(weak.weakens);
      // Nothing weakening is applied with the default choices: storage is exactly as it was.
      expect(result).toMatchObject({ ok: true, applied: [] });
      expect(storage).toEqual(before);

      // An explicit choice for it applies it.
      const chosen = await importInto(storage, weak.input, weak.choose ?? (() => 'apply'));
      expect(chosen.result.ok && chosen.result.applied).toEqual(Object.keys(weak.weakens));
      weak.applied(storage);
    });
  }

  it('applies what strengthens and holds back what weakens, in one pack', async () => {
    const storage = seededStorage();
    const before = structuredClone(storage);
    const stronger = { ...x, names: [...xNames, '.x-extra-name'] };
    const input = { pack: makePack({ x: stronger, forum: FORUM, demo: { names: ['.only'] } }, { disabledSites: ['x', 'weibo'] }) };
    const { preview, result } = await importInto(storage, input);
    expect(preview.sites.map((site) => [site.siteId, site.status, site.switchOff === true, site.drops?.length ?? 0])).toEqual([
      ['x', 'changed', true, 0],
      ['forum', 'added', false, 0],
      ['demo', 'changed', false, everything(builtIn('demo')).length],
      ['weibo', 'changed', true, 0],
    ]);
    // x's stronger rule is applied; its switch-off, weibo's and demo's thinner rule wait.
    expect(result.ok && result.applied).toEqual(['x', 'forum']);
    expect(importedRule(storage, 'x')).toEqual(stronger);
    expect(importedRule(storage, 'demo')).toBeUndefined();
    expect(storage.settings).toEqual(before.settings);
  });
});
