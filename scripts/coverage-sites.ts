/**
 * `npm run coverage:sites`: per site and fixture, the identities its expected.json lists (written by
 * hand from the page) against what the built-in rules mask, measured in jsdom: a name or handle counts
 * as masked when it no longer appears in the page's text, labels or title; an avatar when the
 * page's avatar pictures show the momo artwork. The real-browser tests are the proof; this is the map.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { compileRule } from '../src/content/compile-rule';
import { genericRule } from '../src/content/generic-rule';
import { MaskEngine } from '../src/content/mask-engine';
import { findRuleForHost } from '../src/shared/host-match';
import { AVATAR_DATA_URL } from '../src/shared/artwork';
import { cloneDefaults } from '../src/shared/settings';
import type { SiteRule } from '../src/shared/rule/fields';

const ROOT = resolve(import.meta.dirname, '..');
const rules: SiteRule[] = readdirSync(join(ROOT, 'src/rules'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(ROOT, 'src/rules', f), 'utf8')));
const FIXTURES = join(ROOT, 'tests/fixtures');

interface Row {
  site: string;
  fixture: string;
  avatars: string;
  names: string;
  handles: string;
  locations: string;
  /** A page the site rendered (saved by a public project) or one written by hand from what the site ships: its selectors are unverified on real markup. */
  real: string;
}
const rows: Row[] = [];

for (const site of readdirSync(FIXTURES).sort()) {
  // demo/ pages build themselves with script (jsdom runs none here); the browser tests cover them.
  if (site === 'demo' || site.endsWith('.md')) continue;
  for (const page of readdirSync(join(FIXTURES, site)).sort()) {
    const dir = join(FIXTURES, site, page);
    if (!existsSync(join(dir, 'page.html')) || !existsSync(join(dir, 'expected.json'))) continue;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    // generic/ pages stand for sites the user adds: masked in generic mode.
    const host = new URL(expected.url).hostname;
    const rule = site === 'generic' ? genericRule(host) : findRuleForHost(rules, host);
    const dom = new JSDOM(readFileSync(join(dir, 'page.html'), 'utf8'), { url: expected.url });
    const { document } = dom.window;
    const g = globalThis as Record<string, unknown>;
    Object.assign(g, {
      window: dom.window,
      document,
      CSS: dom.window.CSS,
      ShadowRoot: dom.window.ShadowRoot,
      Element: dom.window.Element,
      Node: dom.window.Node,
      NodeFilter: dom.window.NodeFilter,
      MutationObserver: dom.window.MutationObserver,
      HTMLImageElement: dom.window.HTMLImageElement,
    });
    const avatarsBefore = countPictures(document, expected.avatarUrls);
    if (rule) {
      const engine = new MaskEngine(document, compileRule(rule, cloneDefaults().categories), { label: 'momo', mode: 'crowd', salt: '', site: rule.id, ownHandles: new Set() });
      engine.start();
    }
    for (const el of document.querySelectorAll('script, style, template, noscript')) el.remove();
    const text = `${document.body?.textContent ?? ''}\n${document.title}\n${[...document.querySelectorAll('[alt], [title], [aria-label]')].flatMap((el) => ['alt', 'title', 'aria-label'].map((a) => el.getAttribute(a) ?? '')).join('\n')}`;
    const masked = (list: string[]) => `${list.filter((who) => !text.includes(who) || expected.allowedInText?.[who]).length}/${list.length}`;
    const avatarsLeft = countPictures(document, expected.avatarUrls);
    rows.push({
      site: rule?.name ?? `${site} (no rule)`,
      real: / : .+ @ [0-9a-f]{7,}/.test(expected.source ?? '') ? 'real' : 'by hand',
      fixture: page,
      avatars: `${Math.min(expected.avatars, Math.max(0, avatarsBefore - avatarsLeft))}/${expected.avatars}`,
      names: masked(expected.names),
      handles: masked(expected.handles),
      locations: `${expected.locations.filter((l: string) => !(document.body?.textContent ?? '').includes(l) || hiddenEverywhere(document, l)).length}/${expected.locations.length}`,
    });
    dom.window.close();
  }
}

/** Avatar pictures still showing a real image (by the page's own image URLs). */
function countPictures(doc: Document, urls: string[]): number {
  return [...doc.querySelectorAll('img, source, image, [style*="background"]')].filter((el) => {
    const value = `${el.getAttribute('src') ?? ''} ${el.getAttribute('srcset') ?? ''} ${el.getAttribute('href') ?? ''} ${el.getAttribute('style')?.replace(/url\("chrome-extension[^)]*\)/g, '') ?? ''}`;
    return urls.some((part) => value.includes(part)) && !(el.getAttribute('src') ?? '').startsWith(AVATAR_DATA_URL) && !(el.getAttribute('style') ?? '').includes(AVATAR_DATA_URL);
  }).length;
}

/** A location label counts as masked when every element showing it is hidden by the masker. */
function hiddenEverywhere(doc: Document, label: string): boolean {
  const holders = [...doc.querySelectorAll('body *')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.includes(label)));
  return holders.length > 0 && holders.every((el) => el.closest('[style*="display: none"]'));
}

const header: Row = { site: 'site', fixture: 'fixture', real: 'markup', avatars: 'avatars', names: 'names', handles: 'handles', locations: 'locations' };
const keys = Object.keys(header) as (keyof Row)[];
const widths = keys.map((k) => Math.max(...[header, ...rows].map((r) => r[k].length)));
const line = (r: Row) => `| ${keys.map((k, i) => r[k].padEnd(widths[i])).join(' | ')} |`;
console.log('Masked by the built-in rules / expected (hand-written per fixture), measured in jsdom.');
console.log('jsdom matches `#id` only on the first element with that id; YouTube and Bilibili repeat ids, so their');
console.log('avatar counts read low here. The real-browser tests (npm test) are the proof: zero avatar pixels on every page.\n');
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
