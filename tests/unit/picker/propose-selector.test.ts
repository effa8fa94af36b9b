/**
 * The picker's proposals on pages sites really render (saved pages and hand-written fixtures), in
 * jsdom: from one clicked element, a selector that takes in the similar items on the page, built
 * from what survives a redesign, and never touching what was picked for another kind. jsdom has no
 * layout, so sizes come from width attributes; the browser tests run the same code with layout.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { pickTarget } from '../../../src/picker/pick-target';
import { countSelector, hrefPattern, partsOf, proposeSelector } from '../../../src/picker/propose-selector';
import { isGeneratedClass } from '../../../src/shared/generated-class';
import type { PickKind } from '../../../src/shared/picked-rule';

const FIXTURES = resolve(__dirname, '../../fixtures');

function page(fixture: string, url: string): Document {
  return new JSDOM(readFileSync(resolve(FIXTURES, fixture, 'page.html'), 'utf8'), { url }).window.document;
}

/** Picks like the picker does: the element under the pointer becomes the thing picked, then a proposal. */
function pick(doc: Document, kind: PickKind, clicked: string, others: Element[] = []) {
  const element = pickTarget(doc.querySelector(clicked)!, kind);
  const proposal = proposeSelector(element, kind, others);
  return { element, proposal, matched: proposal ? [...doc.querySelectorAll(proposal.selector)] : [] };
}

const classesIn = (selector: string) => [...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]);

describe('on a phpBB topic (hand-written fixture)', () => {
  const doc = page('generic/phpbb-topic-2026', 'https://forum.example-phpbb.net/viewtopic.php?t=789');

  it('takes in every post avatar (uploaded and Gravatar), and no rank badge, post picture or logo', () => {
    const { proposal, matched } = pick(doc, 'avatars', '.postprofile .avatar-container img');
    expect(proposal?.selector).toBe('.avatar');
    const avatars = doc.querySelectorAll('.postprofile .avatar-container img');
    expect(avatars.length).toBe(5);
    for (const img of avatars) expect(matched.some((m) => m === img || m.contains(img))).toBe(true);
    expect(matched.filter((m) => m.closest('.content, .logo, .profile-rank') || m.matches('.postimage'))).toEqual([]);
  });

  it('takes in every poster name by the class phpBB gives user links', () => {
    const avatar = pick(doc, 'avatars', '.postprofile .avatar-container img').element;
    const { proposal, matched } = pick(doc, 'names', '.postprofile a.username', [avatar]);
    expect(proposal?.selector).toBe('.username');
    for (const name of doc.querySelectorAll('.postprofile a.username')) expect(matched).toContain(name);
    expect(proposal!.count).toBe(matched.length);
    // An admin's name is drawn as .username-coloured: one pick cannot know; the count and the outlines
    // show the user it is left out, and a typed ".username, .username-coloured" takes it in.
    expect(countSelector(doc, '.username, .username-coloured')).toEqual({ count: matched.length + doc.querySelectorAll('.username-coloured').length });
  });

  it('hides the Location field and leaves Joined and Posts alone', () => {
    const { matched } = pick(doc, 'locations', 'dd.profile-phpbb_location');
    expect(matched.length).toBe(doc.querySelectorAll('dd.profile-phpbb_location').length);
    expect(matched.some((m) => /Joined|Posts/.test(m.textContent ?? ''))).toBe(false);
  });
});

describe('on a Discourse topic (hand-written fixture)', () => {
  const doc = page('generic/discourse-topic-2026', 'https://meta.example-discourse.org/t/some-topic/123');
  const avatar = pick(doc, 'avatars', '.topic-avatar img');

  it('keeps the full name and the username apart, each with the class Discourse gives it', () => {
    const name = pick(doc, 'names', '.names .full-name a', [avatar.element]);
    const handle = pick(doc, 'handles', '.names .username a', [avatar.element, name.element]);
    expect(name.proposal?.selector).toBe('.full-name');
    expect(handle.proposal?.selector).toBe('.username');
    expect(name.matched.some((m) => handle.matched.includes(m))).toBe(false);
  });

  it('never proposes a selector that takes in what was picked as another kind', () => {
    // The avatar's link and the name's link share data-user-card and the /u/ path.
    const name = pick(doc, 'names', '.names .full-name a', [avatar.element]);
    expect(name.matched.some((m) => m === avatar.element || m.contains(avatar.element) || avatar.element.contains(m))).toBe(false);
  });
});

describe('on saved real pages', () => {
  it('GitHub: the avatar component and the author link by their data attributes, not the hashed classes', () => {
    const doc = page('github/github-issue-2025', 'https://github.com/obsidianmd/obsidian-releases/issues/1');
    const avatar = pick(doc, 'avatars', 'img[data-component="Avatar"]');
    expect(avatar.proposal?.selector).toBe('[data-component="Avatar"]');
    const author = pick(doc, 'names', '[data-testid="issue-body-header-author"]', [avatar.element]);
    expect(author.proposal?.selector).toBe('[data-testid="issue-body-header-author"]');
    for (const { proposal } of [avatar, author]) expect(classesIn(proposal!.selector).filter(isGeneratedClass)).toEqual([]);
  });

  it("X: the post avatar through X's own test id, fourteen boxes up, never a generated class or a person's id", () => {
    const doc = page('x/x-profile-2026', 'https://x.com/zosia_czyta');
    const { proposal, matched } = pick(doc, 'avatars', '[data-testid="Tweet-User-Avatar"] img');
    expect(proposal?.selector).toBe('[data-testid="Tweet-User-Avatar"] img');
    expect(matched.length).toBe(doc.querySelectorAll('[data-testid="Tweet-User-Avatar"] img').length);
    expect(proposal!.selector).not.toMatch(/UserAvatar-Container-/);
  });

  it('Hacker News: every commenter by the class HN gives user links', () => {
    const doc = page('hackernews/ask-hn-item-2023', 'https://news.ycombinator.com/item?id=35110221');
    const { proposal, matched } = pick(doc, 'names', 'a.hnuser');
    expect(proposal?.selector).toBe('.hnuser');
    expect(matched.length).toBe(doc.querySelectorAll('a.hnuser').length);
  });
});

describe('selector parts', () => {
  const doc = new JSDOM('<body></body>', { url: 'https://forum.example.org/t/1' }).window.document;
  const el = (html: string) => {
    doc.body.innerHTML = html;
    return doc.body.firstElementChild!;
  };

  it('leaves out generated, utility and numbered classes', () => {
    const parts = partsOf(el('<a class="css-1dbjc4n r-1niwhzg mr-2 flex avatar-u12-m username">x</a>')).map((p) => p.text);
    expect(parts).toEqual(['.username']);
  });

  it("keeps a data-* value that names a kind of thing, and only the presence of one person's value", () => {
    expect(partsOf(el('<span data-testid="User-Name">Sam</span>')).map((p) => p.text)).toEqual(['[data-testid="User-Name"]']);
    expect(partsOf(el('<a data-user-card="sam" href="/u/sam">sam</a>')).map((p) => p.text)).toEqual(['[data-user-card]', 'a[href*="/u/"]']);
    expect(partsOf(el('<div data-testid="UserAvatar-Container-sam"><a href="/sam"></a></div>')).map((p) => p.text)).toEqual(['[data-testid]']);
    expect(partsOf(el('<span data-user-id="12">Sam</span>')).map((p) => p.text)).toEqual(['[data-user-id]']);
  });

  it('reads profile links as shapes, never as one person', () => {
    const base = 'https://forum.example.org/t/1';
    expect(hrefPattern('/u/sam', base)).toBe('/u/');
    expect(hrefPattern('https://forum.example.org/members/alice-green.12/', base)).toBe('/members/');
    expect(hrefPattern('/@sam@mastodon.social', base)).toBe('/@');
    expect(hrefPattern('./memberlist.php?mode=viewprofile&u=2', base)).toBe('memberlist.php?mode=viewprofile');
    expect(hrefPattern('/sam', base)).toBeUndefined();
  });

  it('proposes nothing when no selector picks out only things like the click', () => {
    doc.body.innerHTML = '<div><span>alpha</span><div><p>A long paragraph of post text that is no name at all, and goes on and on and on for a good while.</p></div></div>';
    expect(proposeSelector(doc.querySelector('span')!, 'names')).toBeNull();
  });

  it('counts a typed selector, and says why an unsafe one cannot be used', () => {
    doc.body.innerHTML = '<a class="username">a</a><a class="username">b</a>';
    expect(countSelector(doc, '.username')).toEqual({ count: 2 });
    expect(countSelector(doc, 'body')).toMatchObject({ error: expect.stringContaining('whole page') });
    expect(countSelector(doc, '.a{color:red}')).toMatchObject({ error: expect.stringContaining('CSS text') });
    expect(countSelector(doc, 'a[')).toMatchObject({ error: expect.stringContaining('not a valid CSS selector') });
  });
});
