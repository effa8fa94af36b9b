/**
 * Generic mode on three forum engines (tests/fixtures/generic/): the engine runs in jsdom with
 * genericRule(host) on each hand-written page, and a person reading the result finds no name, no
 * handle, no location and no real avatar, while the posts, links and the user's own draft are intact.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileRule } from '../../../src/content/compile-rule';
import { genericRule } from '../../../src/content/generic-rule';
import { checkRule } from '../../../src/shared/rule/check';
import { CATEGORIES, type Category } from '../../../src/shared/rule/fields';
import type { Expected } from '../../e2e/harness/fixtures';
import { findLeaks, type PageReading } from '../../e2e/harness/page-checks';
import { drawsArtwork, fingerprint, startEngine, stopEngines } from './helpers';

const DIR = resolve(__dirname, '../../fixtures/generic');

interface Case {
  dir: string;
  /** Images that are not avatars and must keep their picture (logos, post images, icons). */
  decoyImages: string;
  /** The user's draft: a textarea or a contenteditable editor. */
  draft: string;
}

const CASES: Case[] = [
  {
    dir: 'discourse-topic-2026',
    decoyImages: '#site-logo, .cooked .lightbox img, img[alt="bent T12 tips"]',
    draft: '.ProseMirror[contenteditable="true"]',
  },
  {
    dir: 'lemmy-post-2026',
    decoyImages: '#navTitle img, .post-listing .community-link img, #postContent img',
    draft: 'textarea',
  },
  {
    dir: 'phpbb-topic-2026',
    decoyImages: 'img.postimage, .profile-rank img',
    draft: 'textarea',
  },
];

const ALL_ON = Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>;

function load(dir: string): { expected: Expected; html: string; host: string } {
  const expected = JSON.parse(readFileSync(join(DIR, dir, 'expected.json'), 'utf8')) as Expected;
  const html = readFileSync(join(DIR, dir, 'page.html'), 'utf8');
  return { expected, html, host: new URL(expected.url).hostname };
}

/** Hidden by the page or by a mask (display: none inline, the hidden attribute). */
function isHidden(el: Element | null): boolean {
  for (let at = el; at; at = at.parentElement) {
    if (at.hasAttribute('hidden') || (at as HTMLElement).style?.display === 'none') return true;
  }
  return false;
}

const isDraft = (el: Element) => el.closest('textarea, input, [contenteditable="true"], [contenteditable=""]') !== null;

/** What a reader sees, as the e2e probe reads it: text outside drafts and hidden elements, alt/title/aria-label, the tab title. */
function readPage(): PageReading {
  const texts: string[] = [];
  const labels: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'TEXTAREA'].includes(parent.tagName)) continue;
    if (isDraft(parent) || isHidden(parent) || !node.textContent?.trim()) continue;
    texts.push(node.textContent);
  }
  for (const el of document.querySelectorAll('[alt], [title], [aria-label]')) {
    if (isDraft(el)) continue;
    for (const attr of ['alt', 'title', 'aria-label']) {
      const value = el.getAttribute(attr);
      if (value) labels.push(value);
    }
  }
  return { visibleText: texts.join('\n'), labels, title: document.title };
}

const pictureUrl = (el: Element) => `${el.getAttribute('src') ?? ''} ${el.getAttribute('srcset') ?? ''}`;

afterEach(() => {
  stopEngines();
  vi.unstubAllGlobals();
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe('genericRule', () => {
  it.each(CASES.map((c) => load(c.dir).host))('is a valid rule for %s, kept whole by the checker', (host) => {
    const rule = genericRule(host);
    // Code-made, not typed by anyone: its selectors' cost is tested here and in the engine's scaling
    // tests, and they are larger than the checker lets a person's selector be. Everything else holds.
    const problems = checkRule(rule, { builtIn: {} }).problems.filter((p) => !/^has too many parts/.test(p.message));
    expect(problems).toEqual([]);
    expect(rule.hosts).toEqual([host]);
  });

  it('compiles every selector, also inside the hiding stylesheet shape', () => {
    const rule = genericRule('forum.example-phpbb.net');
    expect(compileRule(rule, ALL_ON).problems).toEqual([]);
    const all = [...rule.avatars!, ...rule.names!, ...rule.handles!, ...rule.mentions!, ...rule.locations!, ...rule.self!];
    for (const selector of all) {
      expect(() => document.querySelector(`:is(${selector}):not([data-momo]):not([contenteditable] *)`), selector).not.toThrow();
    }
  });

  it('leaves account links, article cards, headings and content boxes alone', () => {
    document.body.innerHTML = `
      <nav><a href="/user/login">Log in</a> <a href="/users/sign_up">Sign up</a> <a href="/members/">Members</a>
        <a href="/u/me/preferences">Preferences</a> <a href="/profile/edit">Edit profile</a></nav>
      <article>
        <h2><a href="/@writer/how-we-moved-to-rust-3f2a">How we moved to Rust</a></h2>
        <a href="/@writer/why-sqlite-9c1e"><div><h3>Why SQLite</h3><p>A card summary</p><img src="/cover.jpg"></div></a>
        <p class="author">by <a href="/user/ada">Ada</a> on Monday</p>
      </article>
      <div class="avatar-gallery"><p>Avatars we designed this year</p><img src="/design1.png"></div>
      <section class="location-news"><p>News from the harbour</p></section>`;
    startEngine(genericRule('example.org'));
    const text = document.body.textContent!.replace(/\s+/g, ' ');
    for (const kept of [
      'Log in',
      'Sign up',
      'Members',
      'Preferences',
      'Edit profile',
      'How we moved to Rust',
      'Why SQLite',
      'A card summary',
      'Avatars we designed this year',
      'News from the harbour',
    ]) {
      expect(text).toContain(kept);
    }
    expect(text).toContain('by momo on Monday');
    expect([...document.images].map((img) => img.getAttribute('src'))).toEqual(['/cover.jpg', '/design1.png']);
    expect(document.querySelector('[style*="display"]')).toBeNull();
  });

  it('makes a valid id and name from any host, and fresh arrays on every call', () => {
    const long = `${'very-long-subdomain.'.repeat(5)}example.org`;
    for (const host of ['Forum.Example.ORG', long]) {
      expect(checkRule(genericRule(host), { builtIn: {} }).problems.filter((p) => !/^has too many parts/.test(p.message))).toEqual([]);
    }
    expect(genericRule('a.example').names).not.toBe(genericRule('a.example').names);
    expect(genericRule('a.example').identity).not.toBe(genericRule('a.example').identity);
  });
});

// jsdom matches :has() selectors slowly (a real browser masks these pages in a few milliseconds).
describe('generic mode keys people by their profile links', { timeout: 60_000 }, () => {
  it('gives one person one pseudonym in their name lines and in mentions of them (Discourse)', () => {
    // The engine reads the rule's key attribute (data-user-card) with CSS.escape, which jsdom lacks.
    vi.stubGlobal('CSS', { escape: (value: string) => value });
    const { html, host } = load('discourse-topic-2026');
    document.documentElement.innerHTML = html;
    const engine = startEngine(genericRule(host), document, { mode: 'pseudonym', salt: 'test-salt' });
    expect(engine.errors).toEqual([]);
    const shown = (selector: string) => document.querySelector(selector)!.textContent!.trim();
    const wren = shown('#post_1 .names .first a');
    expect(wren).toMatch(/^momo·/);
    expect(shown('#post_1 .names .second a')).toBe(wren);
    expect(shown('#post_6 a.mention')).toBe(`@${wren}`);
    expect(shown('#post_2 a.mention')).toBe(`@${shown('#post_3 .names .first a')}`);
    expect(shown('#post_3 .names .first a')).not.toBe(wren);
  });
});

describe.each(CASES)('generic mode on $dir', { timeout: 60_000 }, ({ dir, decoyImages, draft }) => {
  const { expected, html, host } = load(dir);

  function open() {
    document.documentElement.innerHTML = html;
    const avatarImages = [...document.querySelectorAll('img')].filter((img) => expected.avatarUrls.some((part) => pictureUrl(img).includes(part)));
    const decoys = [...document.querySelectorAll(decoyImages)].map((img) => [img, img.getAttribute('src')] as const);
    const drafts = [...document.querySelectorAll(draft)];
    const draftPrints = drafts.map((el) => fingerprint(el));
    return { avatarImages, decoys, drafts, draftPrints };
  }

  it('the page is what expected.json says (sanity of the fixture itself)', () => {
    const { avatarImages, decoys, drafts } = open();
    const before = readPage();
    expect(avatarImages.length).toBe(expected.avatars);
    expect(decoys.length).toBeGreaterThan(0);
    expect(drafts.length).toBe(1);
    expect(drafts[0].textContent).toContain('@draft_friend');
    // Every expected identity and location is really on the page before masking, and so is the
    // content: otherwise the test below would prove nothing.
    for (const who of [...expected.names, ...expected.handles]) {
      expect(findLeaks(before, { ...expected, names: [who], handles: [], locations: [] }), who).toContain(`text: ${who}`);
    }
    for (const place of expected.locations) expect(before.visibleText).toContain(place);
    const text = before.visibleText.replace(/\s+/g, ' ');
    for (const content of expected.content) expect(text, content).toContain(content.replace(/\s+/g, ' '));
  });

  it('masks every name, handle, location and avatar, keeps the content, the images and the draft, and restores exactly', () => {
    const { avatarImages, decoys, drafts, draftPrints } = open();
    const original = fingerprint(document.documentElement);
    const engine = startEngine(genericRule(host));
    expect(engine.errors).toEqual([]);

    const after = readPage();
    expect(findLeaks(after, expected)).toEqual([]);

    for (const img of avatarImages) expect(drawsArtwork(img), img.outerHTML).toBe(true);
    // A <source> with a real avatar only shows through its <picture>'s <img>, which must be drawn over.
    const shown = (el: Element) => (el.localName === 'source' ? (el.parentElement?.querySelector('img') ?? el) : el);
    const stillReal = [...document.querySelectorAll('img, source')].filter((el) => expected.avatarUrls.some((part) => pictureUrl(el).includes(part)) && !drawsArtwork(shown(el)));
    expect(stillReal.map((el) => el.outerHTML)).toEqual([]);

    for (const [img, src] of decoys) expect(img.getAttribute('src'), img.outerHTML).toBe(src);

    const text = after.visibleText.replace(/\s+/g, ' ');
    for (const content of expected.content) expect(text, content).toContain(content.replace(/\s+/g, ' '));
    expect(text).toContain('momo');

    drafts.forEach((el, i) => {
      expect(fingerprint(el)).toBe(draftPrints[i]);
      expect(el.textContent).toContain('@draft_friend');
    });

    // Switching off gives back the page exactly as the site rendered it.
    engine.stop();
    expect(fingerprint(document.documentElement)).toBe(original);
  });
});
