/**
 * The layers beyond a site's structural selectors: with no selector reaching them, profile
 * pictures (by address), profile links, learned names in labels and place names are still masked,
 * and the decoys stay: post pictures on the same CDN, links to posts and tags, the user's draft.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileRule } from '../../../src/content/compile-rule';
import { LearnedNames, profileKey } from '../../../src/content/fallback-layers';
import { Masker } from '../../../src/content/masker';
import { formatReport } from '../../../src/shared/content-messages';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { cloneDefaults } from '../../../src/shared/settings';
import { fingerprint, flush, PERSONA, startEngine, stopEngines } from './helpers';

/** A rule with no structural selector at all: only the evidence that outlives a redesign. */
const LAYERS_ONLY: SiteRule = {
  id: 'test',
  name: 'Test site',
  hosts: ['example.test'],
  avatarUrls: ['cdn.example.test/avatars/'],
  identity: { hrefPaths: ['/{key}', '/user/{key}'], notKeys: ['home', 'explore'] },
};

const links = compileRule(LAYERS_ONLY, cloneDefaults().categories).profileLinks!;
const BASE = 'https://example.test/feed';

describe('profileKey: a link is a person only when its address is exactly a profile', () => {
  it('reads the key of a profile, on the site, with or without a trailing slash or query', () => {
    expect(profileKey('/alice', BASE, links)).toBe('alice');
    expect(profileKey('https://www.example.test/user/Bob/', BASE, links)).toBe('bob');
    expect(profileKey('/alice?ref=feed', BASE, links)).toBe('alice');
  });

  it("reads a query-shaped profile address with a second '?' (Tieba's main?id=…?t=…), and still no post", () => {
    const tieba = compileRule({ id: 'tieba', name: 'Tieba', hosts: ['tieba.baidu.com'], identity: { hrefPaths: ['/home/main?id={key}'] } }, cloneDefaults().categories)
      .profileLinks!;
    const base = 'https://tieba.baidu.com/p/1';
    expect(profileKey('/home/main?id=tb.1.b08d8f12.IR-tbLl?t=1532192361&fr=pb', base, tieba)).toBe('tb.1.b08d8f12.ir-tbll');
    expect(profileKey('/home/main?id=tb.1.e6057aec&fr=userbar', base, tieba)).toBe('tb.1.e6057aec');
    expect(profileKey('/home/main/posts?id=tb.1.e6057aec', base, tieba)).toBeNull();
  });

  it('refuses posts, tags, the site’s own pages and other sites', () => {
    for (const href of ['/alice/status/123', '/hashtag/cats', '/home', '/Explore', 'https://elsewhere.test/alice', '/', 'javascript:void(0)']) {
      expect(profileKey(href, BASE, links), href).toBeNull();
    }
  });

  it('refuses a place or an action on a profile page (a fragment), read against the profile’s own address too', () => {
    // Instagram's menu buttons are <a href="#"> on a profile page; Tieba's sign-in is "main?id=…#stipsign".
    for (const href of ['#', '#comments', '/alice#comments']) expect(profileKey(href, 'https://example.test/alice', links), href).toBeNull();
  });

  it('refuses another host of the site: its blog or docs are no people (about.instagram.com/blog/)', () => {
    for (const href of ['https://about.example.test/blog/', 'https://developers.example.test/docs']) expect(profileKey(href, BASE, links), href).toBeNull();
    // The page's own host, and the site's www. and m. hosts, are the site.
    expect(profileKey('https://m.example.test/alice', BASE, links)).toBe('alice');
    expect(profileKey('https://old.example.test/alice', 'https://old.example.test/r/x', links)).toBe('alice');
  });
});

function page(): HTMLElement {
  document.title = 'Alice Liddell on Test';
  document.body.innerHTML = `
    <div class="redesigned-feed">
      <div class="card-9f3a">
        <a href="https://example.test/alice"><img src="https://cdn.example.test/avatars/alice_200.jpg" alt="Alice Liddell"></a>
        <a href="https://example.test/alice"><span><span>Alice Liddell</span></span></a>
        <a href="https://example.test/alice"><span>@alice</span></a>
        <span class="when">编辑于 07-04 浙江</span>
        <p>Look at this: <img src="https://cdn.example.test/media/cat.jpg" alt="a cat"> with
          <a href="https://example.test/hashtag/cats">#cats</a> —
          <a href="https://example.test/alice/status/1">3h</a></p>
        <div role="button" aria-label="Reply to Alice Liddell">↩</div>
        <svg><image href="https://cdn.example.test/avatars/bob.png" width="40" height="40"></image></svg>
        <a href="https://example.test/user/bob">Bob</a>
        <a href="https://example.test/home">Home</a>
        <a href="https://example.test/alice">查看个人主页</a> <a href="https://example.test/user/bob">View profile</a>
        <a href="https://example.test/alice"><div> 28万 </div><div>微博</div></a> <a href="https://example.test/user/bob">1.2K posts</a>
        <a href="https://example.test/alice">我的贴吧</a> <a href="https://example.test/alice"><svg></svg><span>我</span></a>
        <textarea>@alice said Alice Liddell</textarea>
      </div>
    </div>`;
  return document.body;
}

afterEach(() => stopEngines());

describe('a page whose markup no selector reaches', () => {
  it('masks pictures by address, profile links, learned names in labels and the title, and the place in a date line', async () => {
    const body = page();
    const engine = startEngine(LAYERS_ONLY);
    await flush();
    const [avatar, postPicture] = body.querySelectorAll('img');
    expect(avatar.getAttribute('data-momo')).toBe('avatar');
    expect(avatar.getAttribute('alt')).toBe('momo');
    expect(postPicture.hasAttribute('data-momo')).toBe(false);
    expect(body.querySelector('image')!.getAttribute('data-momo')).toBe('avatar');
    // What a reader sees, the draft aside (it is checked below).
    const shown = body.cloneNode(true) as HTMLElement;
    shown.querySelector('textarea')!.remove();
    const text = shown.textContent!;
    expect(text).not.toMatch(/Alice|@alice|\bBob\b/);
    expect(body.querySelector('[aria-label]')!.getAttribute('aria-label')).toBe('Reply to momo');
    expect(document.title).toBe('momo on Test');
    expect(body.querySelector('.when')!.textContent).toBe('编辑于 07-04');
    // Decoys: the post's picture, a tag, a link to a post, the site's own page, the user's draft.
    expect(text).toContain('#cats');
    expect(text).toContain('3h');
    expect(text).toContain('Home');
    expect(text).toContain('查看个人主页');
    expect(text).toContain('View profile');
    // A profile's stat links and the signed-in user's own "my …" and "me" links say what, not who.
    for (const words of ['28万', '微博', '1.2K posts', '我的贴吧', '我']) expect(text).toContain(words);
    expect(body.querySelector('textarea')!.value).toBe('@alice said Alice Liddell');
    // Everything here was caught by the layers alone: the popup says the site may have changed.
    expect(engine.countFallback()).toBe(5);
  });

  it('counts nothing as the fallback’s where the site’s own selectors caught it', async () => {
    page();
    const engine = startEngine({ ...LAYERS_ONLY, avatars: ['a > img'], names: ['a > span > span'], handles: ['a > span:only-child'] });
    await flush();
    // The SVG avatar and Bob's link are still the layers' alone.
    expect(engine.countFallback()).toBe(2);
  });

  it('counts nothing as the fallback’s in a name block the site’s selector caught around a link (X’s)', async () => {
    document.body.innerHTML = `<article><div class="names"><div><a href="https://example.test/alice"><span>Alice Liddell</span></a></div></div></article>`;
    const engine = startEngine({ ...LAYERS_ONLY, names: ['.names > div'], mentions: ['article a'] });
    await flush();
    expect(document.body.textContent).toBe('momo');
    expect(engine.countFallback()).toBe(0);
  });

  it('masks a picture the site’s selector caught once, not again by its address', async () => {
    document.body.innerHTML = `<a class="avatar" href="https://example.test/alice"><img src="https://cdn.example.test/avatars/alice.jpg" alt="Alice Liddell"></a>`;
    const mask = vi.spyOn(Masker.prototype, 'mask');
    startEngine({ ...LAYERS_ONLY, avatars: ['.avatar img'] });
    await flush();
    expect(mask.mock.calls.filter(([el]) => el.localName === 'img')).toHaveLength(1);
    mask.mockRestore();
  });

  it('restores the page exactly when switched off', async () => {
    const body = page();
    const before = fingerprint(body);
    const engine = startEngine(LAYERS_ONLY);
    await flush();
    expect(fingerprint(body)).not.toBe(before);
    engine.stop();
    expect(fingerprint(body)).toBe(before);
    expect(document.title).toBe('Alice Liddell on Test');
  });

  it('leaves the labels of the user’s drafts: a field, and what an editor holds', async () => {
    const body = page();
    const drafts = '<input aria-label="Reply to Alice Liddell"><div contenteditable="true"><p><span title="Alice Liddell">hi</span></p></div>';
    body.querySelector('.card-9f3a')!.insertAdjacentHTML('beforeend', `${drafts}<i title="Alice Liddell">x</i>`);
    startEngine(LAYERS_ONLY);
    await flush();
    expect(body.querySelector('input')!.outerHTML + body.querySelector('[contenteditable]')!.outerHTML).toBe(drafts);
    expect(body.querySelector('i')!.title).toBe('momo');
  });

  it('leaves a control labelled with a learned name whole to the page, unless it holds what was masked', async () => {
    const body = page();
    // Someone called "More": the page's menu button says its own word; a button around a masked avatar names its person.
    body.querySelector('a[href$="/user/bob"]')!.textContent = 'More';
    const controls =
      '<button aria-label="More">⋯</button><div role="button" title="More"><img src="https://cdn.example.test/avatars/bob.png"></div><button aria-label="Reply to More">↩</button>';
    body.querySelector('.card-9f3a')!.insertAdjacentHTML('beforeend', controls);
    startEngine(LAYERS_ONLY);
    await flush();
    const [menu, avatarButton, reply] = [...body.querySelectorAll('button, [role="button"]')].slice(-3);
    expect([menu.getAttribute('aria-label'), avatarButton.getAttribute('title'), reply.getAttribute('aria-label')]).toEqual(['More', 'momo', 'Reply to momo']);
  });

  it('scrubs labels with what the names became after the persona changed', async () => {
    const body = page();
    const engine = startEngine(LAYERS_ONLY);
    await flush();
    const reply = body.querySelector('[aria-label]')!;
    expect(reply.getAttribute('aria-label')).toBe('Reply to momo');
    engine.reconfigure(compileRule(LAYERS_ONLY, cloneDefaults().categories), { ...PERSONA, mode: 'pseudonym', salt: 'abc' });
    await flush();
    const shown = body.querySelector('a[href$="/alice"] span span')!.textContent!;
    expect(shown).toMatch(/^momo·[0-9a-z]{4}$/);
    expect(reply.getAttribute('aria-label')).toBe(`Reply to ${shown}`);
  });

  it('masks what the page adds later, with names learned before', async () => {
    const body = page();
    startEngine(LAYERS_ONLY);
    await flush();
    body.insertAdjacentHTML(
      'beforeend',
      '<div class="hovercard"><img src="https://cdn.example.test/avatars/alice_400.jpg" title="Alice Liddell"><span title="Alice Liddell">Follows you</span></div>',
    );
    await flush();
    const card = body.querySelector('.hovercard')!;
    expect(card.querySelector('img')!.getAttribute('data-momo')).toBe('avatar');
    expect(card.querySelector('span')!.getAttribute('title')).toBe('momo');
  });
});

describe('the text layers read a subtree’s text once before they walk it', () => {
  it('walk only what holds a learned name, a place or a shape, and still find them there', async () => {
    document.body.innerHTML = '<div class="feed"><div><a href="https://example.test/alice"><span>Alice Liddell</span></a></div></div>';
    startEngine({ ...LAYERS_ONLY, textShapes: ['{name} replied'] });
    await flush();
    const walker = vi.spyOn(document, 'createTreeWalker');
    // jsdom walks elements for its own queries; the text layers walk text.
    const walks = () => walker.mock.calls.filter(([, show]) => show === NodeFilter.SHOW_TEXT).length;
    const feed = document.querySelector('.feed')!;
    const add = async (html: string) => {
      feed.insertAdjacentHTML('beforeend', html);
      await flush();
      return feed.lastElementChild!;
    };
    // A post naming no one learned, no place, no sentence of the site's: not walked.
    const plain = await add('<div><p>  </p><p>Nice weather in the park today</p><i> 3h </i></div>');
    expect(walks()).toBe(0);
    expect(plain.textContent).toContain('Nice weather');
    // Each of the three is found where it stands, inside markup no selector reaches.
    const header = await add('<div><p>about</p><h2> Alice Liddell </h2></div>');
    expect(header.querySelector('h2')!.textContent!.trim()).toBe('momo');
    const when = await add('<div><span>编辑于 07-04 浙江</span></div>');
    expect(when.textContent).toBe('编辑于 07-04');
    const replied = await add('<div><span>Carol replied</span></div>');
    expect(replied.textContent).toBe('momo replied');
    expect(walks()).toBe(3);
    walker.mockRestore();
  });
  it('walk a subtree whose text is long for its elements rather than scan it for names', async () => {
    document.body.innerHTML = '<div class="feed"><div><a href="https://example.test/alice"><span>Alice Liddell</span></a></div></div>';
    startEngine(LAYERS_ONLY);
    await flush();
    const scans = vi.spyOn(LearnedNames.prototype, 'anyIn');
    const feed = document.querySelector('.feed')!;
    feed.insertAdjacentHTML('beforeend', '<div><p>Nice weather in the park today</p></div>');
    await flush();
    expect(scans).toHaveBeenCalledTimes(1);
    // A code block: one element, 3,000 characters.
    feed.insertAdjacentHTML('beforeend', `<div><pre>${'let x = 1;\n'.repeat(300)}</pre><b> Alice Liddell </b></div>`);
    await flush();
    expect(scans).toHaveBeenCalledTimes(1);
    expect(feed.querySelector('b')!.textContent!.trim()).toBe('momo');
    // 600 characters are long for three elements (192 a piece is the line) and not for four.
    const text = 'x'.repeat(597);
    feed.insertAdjacentHTML('beforeend', `<div><p><i>${text}</i></p><b>Bob</b></div>`);
    await flush();
    expect(scans).toHaveBeenCalledTimes(1);
    feed.insertAdjacentHTML('beforeend', `<div><p><i>${text}</i></p><b>Bob</b><br></div>`);
    await flush();
    expect(scans).toHaveBeenCalledTimes(2);
    // Counted in nested markup and siblings alike, the subtree's own top left out.
    feed.insertAdjacentHTML('beforeend', `<div><p><i><u>${text}</u></i></p><b>Bob</b></div>`);
    await flush();
    expect(scans).toHaveBeenCalledTimes(3);
    scans.mockRestore();
  });
});

describe('a name the layers found', () => {
  it('stays masked when the page renders its text again', async () => {
    document.body.innerHTML = '<div><a href="https://example.test/alice"><span>Alice Liddell</span></a></div>';
    startEngine(LAYERS_ONLY);
    await flush();
    const span = document.querySelector('span')!;
    // React writes a new text node, then a new element, into a name it rendered before.
    span.firstChild!.replaceWith('Alice Liddell');
    await flush();
    expect(document.body.textContent).toBe('momo');
    span.replaceWith(Object.assign(document.createElement('span'), { textContent: 'Alice L.' }));
    await flush();
    expect(document.body.textContent).toBe('momo');
  });

  it('is a name in a profile link a mention selector took, and mentions stay mentions', async () => {
    // A rule written from a profile page: its mention selector reaches a reply's author link too.
    document.body.innerHTML = `<article>
      <a href="https://example.test/alice"><span>Alice Liddell</span></a> <a href="https://example.test/carol">carol</a>
      <p>hi <a href="https://example.test/bob">@bob</a>, see <a href="https://example.test/alice/status/1">this</a></p></article>`;
    const engine = startEngine({ ...LAYERS_ONLY, mentions: ['article a'] });
    await flush();
    expect(document.body.textContent!.replace(/\s+/g, ' ').trim()).toBe('momo momo hi @momo, see this');
    expect(engine.countFallback()).toBe(2);
    document.querySelector('span')!.firstChild!.replaceWith('Alice Liddell');
    await flush();
    expect(document.querySelector('span')!.textContent).toBe('momo');
  });
});

describe('the report', () => {
  it('holds the rule’s selectors and counts, never a name, a handle or an address of the page', () => {
    const text = formatReport({ site: 'test', version: '0.1.0', masked: 7, fallback: 6, selectors: { names: [{ selector: 'a > span > span', matches: 1 }] } });
    expect(text).toContain('caught only by the fallback: 6');
    expect(text).toContain('a > span > span');
    for (const identity of ['Alice', 'alice', 'Bob', 'cdn.example.test', 'example.test/']) expect(text).not.toContain(identity);
  });
});
