import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileRule } from '../../../src/content/compile-rule';
import { SHADOW_ROOT_EVENT } from '../../../src/content/mask-engine';
import { Masker } from '../../../src/content/masker';
import { pseudonymFor } from '../../../src/shared/persona';
import { cloneDefaults } from '../../../src/shared/settings';
import { AVATAR, drawsArtwork, fingerprint, flush, post, startEngine, stopEngines, TEST_RULE } from './helpers';

afterEach(() => {
  stopEngines();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

/** Counts getComputedStyle calls (forced style reads) until `done`. */
function countStyleReads(): { count: number; done(): void } {
  const read = window.getComputedStyle;
  const counter = {
    count: 0,
    done: () => {
      window.getComputedStyle = read;
    },
  };
  window.getComputedStyle = (el, pseudo) => {
    counter.count++;
    return read.call(window, el, pseudo);
  };
  return counter;
}

describe('masking', () => {
  it('masks avatars, names, handles, mentions and locations already on the page', () => {
    document.body.innerHTML = post(1);
    startEngine();
    const img = document.querySelector('img.avatar')!;
    expect(drawsArtwork(img)).toBe(true);
    // Drawn over, not swapped: the page's sources stay as they are.
    expect(img.getAttribute('src')).toBe('https://cdn.example.test/a1.jpg');
    expect(img.getAttribute('srcset')).toBe('https://cdn.example.test/a1@2x.jpg 2x');
    expect(img.getAttribute('alt')).toBe('momo');
    const name = document.querySelector('.name')!;
    expect(name.textContent!.trim()).toBe('momo');
    expect(name.getAttribute('title')).toBe('momo');
    expect((name.querySelector('img.emoji') as HTMLElement).style.display).toBe('none');
    expect(document.querySelector('.handle')!.textContent).toBe('@momo');
    expect(document.querySelector('a.mention')!.textContent).toBe('@momo');
    expect(document.querySelectorAll('a.mention')[1].textContent).toBe('#tag');
    expect((document.querySelector('.location') as HTMLElement).style.display).toBe('none');
    expect(document.querySelector('.meta')!.textContent).toBe(' · 3小时前');
    expect(document.body.textContent).toContain('hello');
  });

  it('keeps bidi marks and the u/ prefix of handles', () => {
    document.body.innerHTML = '<span class="handle">\u202a@glen.bsky.social\u202c</span><span class="handle">u/someone</span>';
    startEngine();
    const [a, b] = document.querySelectorAll('.handle');
    expect(a.textContent).toBe('\u202a@momo\u202c');
    expect(b.textContent).toBe('u/momo');
  });

  it('masks <picture> images, SVG images and background-image avatars', () => {
    document.body.innerHTML = `
      <div class="avatar-box" style="background-image: url(https://cdn.example.test/bg.jpg)">
        <picture><source srcset="https://cdn.example.test/a.webp" type="image/webp"><img src="https://cdn.example.test/a.jpg"></picture>
        <svg><image href="https://cdn.example.test/s.jpg"></image></svg>
      </div>`;
    startEngine();
    const box = document.querySelector('.avatar-box') as HTMLElement;
    expect(box.style.backgroundImage).toContain(AVATAR);
    expect(document.querySelector('source')!.getAttribute('srcset')).toBe('https://cdn.example.test/a.webp');
    expect(drawsArtwork(document.querySelector('picture img')!)).toBe(true);
    expect(document.querySelector('image')!.getAttribute('href')).toBe(AVATAR);
  });

  it("paints a box that draws its own picture (a stylesheet's background), not one whose pictures are inside; one style read per pass", () => {
    document.head.innerHTML = '<style>.avatar-box { background-image: url(https://cdn.example.test/css.jpg) }</style>';
    document.body.innerHTML = `
      <div class="avatar-box" id="own"></div>
      <div class="avatar-box" id="holder"><img src="https://cdn.example.test/a.jpg"></div>
      ${post(1)}${post(2)}`;
    const reads = countStyleReads();
    try {
      startEngine();
    } finally {
      reads.done();
    }
    expect((document.getElementById('own') as HTMLElement).style.backgroundImage).toContain(AVATAR);
    expect((document.getElementById('holder') as HTMLElement).style.backgroundImage).toBe('');
    expect(drawsArtwork(document.querySelector('#holder img')!)).toBe(true);
    // Four pictures drawn, one read: the style resolves once, in the content script (settle: a page's image CSP).
    expect(reads.count).toBe(1);
  });

  it('reads style again only once the picture it resolved has left the page or been put back', async () => {
    document.body.innerHTML = post(1);
    const reads = countStyleReads();
    try {
      const engine = startEngine();
      expect(reads.count).toBe(1);
      // A later batch while the first artwork shows: the style engine reuses that fetch, no read.
      document.body.insertAdjacentHTML('beforeend', post(2) + post(3));
      await flush();
      expect(document.querySelectorAll('img.avatar[data-momo]')).toHaveLength(3);
      expect(reads.count).toBe(1);
      // The picture that was read leaves: the next batch that draws is read once more.
      document.querySelector('.post')!.remove();
      await flush();
      expect(reads.count).toBe(1);
      document.body.insertAdjacentHTML('beforeend', post(4));
      await flush();
      expect(reads.count).toBe(2);
      // Masking off and on again puts every picture back, then draws it anew: read again.
      engine.stop();
      engine.start();
      expect(reads.count).toBe(3);
    } finally {
      reads.done();
    }
  });

  it('on a built-in site only marks what its stylesheet draws: avatars, painted boxes, locations, emoji; inline inside shadow roots, which the sheet cannot reach', () => {
    const box = '<div class="avatar-box" style="background-image: url(https://cdn.example.test/bg.jpg)"></div>';
    document.body.innerHTML = `${post(1)}${box}<x-card></x-card>`;
    const card = document.querySelector('x-card')!;
    card.attachShadow({ mode: 'open' }).innerHTML = `<img class="avatar" src="https://cdn.example.test/s.jpg"><span class="location">Leeds</span>${box}`;
    const before = fingerprint(document.body);
    const engine = startEngine(TEST_RULE, document, {}, cloneDefaults().categories, true);
    const img = document.querySelector('img.avatar')!;
    expect(img.getAttribute('data-momo')).toBe('avatar');
    expect(img.hasAttribute('style')).toBe(false);
    expect(img.getAttribute('src')).toBe('https://cdn.example.test/a1.jpg');
    for (const selector of ['.location', 'img.emoji']) expect(document.querySelector(selector)!.hasAttribute('style'), selector).toBe(false);
    expect(document.querySelector('.location')!.getAttribute('data-momo')).toBe('location');
    expect(document.querySelector('img.emoji')!.getAttribute('data-momo')).toBe('hidden');
    const shadow = card.shadowRoot!;
    expect(drawsArtwork(shadow.querySelector('img')!)).toBe(true);
    expect((shadow.querySelector('.location') as HTMLElement).style.display).toBe('none');
    // The box that draws its own picture: marked for the sheet, its style untouched; in the shadow root, painted inline.
    const painted = document.querySelector('.avatar-box')!;
    expect(painted.getAttribute('style')).toBe('background-image: url(https://cdn.example.test/bg.jpg)');
    expect(painted.getAttribute('data-momo-paint')).toBe('');
    expect((shadow.querySelector('.avatar-box') as HTMLElement).style.backgroundImage).toContain(AVATAR);
    engine.stop();
    expect(fingerprint(document.body)).toBe(before);
    expect(shadow.querySelector('img')!.hasAttribute('style')).toBe(false);
    expect(shadow.querySelector('.avatar-box')!.getAttribute('style')).toBe('background-image: url(https://cdn.example.test/bg.jpg)');
  });

  it('masks each "@handle" in post text and keeps the stop or hyphen after it', () => {
    document.body.innerHTML = '<p class="body">thanks @bob. see you, @carol-, and @dan.k.lee!</p>';
    startEngine({ ...TEST_RULE, mentions: ['p.body'] });
    expect(document.querySelector('p.body')!.textContent).toBe('thanks @momo. see you, @momo-, and @momo!');
  });

  it('rewrites identities kept in custom element attributes', () => {
    document.body.innerHTML = '<x-comment author="someone"><span>text</span></x-comment>';
    startEngine();
    expect(document.querySelector('x-comment')!.getAttribute('author')).toBe('momo');
  });

  it('gives the user their own label on their identity', () => {
    document.body.innerHTML = '<div class="me"><span class="name">Me Myself</span></div><span class="name">Other</span>';
    startEngine();
    const [mine, other] = document.querySelectorAll('.name');
    expect(mine.textContent).toBe('milk-tea mo');
    expect(other.textContent).toBe('momo');
  });

  it('masks the tab title by the rule shape and by names seen on the page, and learns the names a shape finds', async () => {
    document.head.innerHTML = '<title>Person 1 (@person1) / Test</title>';
    startEngine();
    expect(document.title).toBe('momo (@momo) / Test');
    document.title = 'Person 2 on Test: "hello"';
    await flush();
    expect(document.title).toBe('Person 2 on Test: "hello"'); // not seen on the page yet
    document.body.innerHTML = post(2);
    await flush();
    expect(document.title).toBe('momo on Test: "hello"');
    // The first title named Person 1: their name is masked where only the fallback layers find it.
    document.body.insertAdjacentHTML('beforeend', '<h2 class="header-9x"><span>Person 1</span></h2><div aria-label="Follow Person 1"></div>');
    await flush();
    expect(document.querySelector('.header-9x')!.textContent).toBe('momo');
    expect(document.querySelector('[aria-label]')!.getAttribute('aria-label')).toBe('Follow momo');
  });

  it('learns a name the page writes as several texts whole, and finds it whole in labels and the title', async () => {
    // React's "Jane<!-- --> <!-- -->Doe", and X's emoji in a name: a picture between two texts.
    document.head.innerHTML = '<title>Jane Doe on Test: "hi"</title>';
    document.body.innerHTML =
      '<span class="name">Jane<!-- --> <!-- -->Doe</span><img alt="Jane Doe" src="/p.png">' +
      '<span class="name">Ann <img class="emoji" alt="🌸" src="/emoji/1f338.svg">Lee</span><div aria-label="Follow Ann Lee"></div>';
    startEngine({ ...TEST_RULE, titles: ['{name} (@{handle}) / Test'] });
    await flush();
    expect(document.title).toBe('momo on Test: "hi"');
    expect(document.querySelector('img[alt^="Jane"], img[alt^="momo"]')!.getAttribute('alt')).toBe('momo');
    expect(document.querySelector('[aria-label]')!.getAttribute('aria-label')).toBe('Follow momo');
  });

  it('still learns a name by its first text where the name element holds more (a badge)', async () => {
    document.body.innerHTML = '<span class="name">Jane Doe<span class="tag-x">Verified</span></span><div aria-label="Follow Jane Doe"></div>';
    startEngine();
    await flush();
    expect(document.querySelector('[aria-label]')!.getAttribute('aria-label')).toBe('Follow momo');
  });

  it('keeps the unread count before a title, and learns the name without it', () => {
    // X, Instagram and TikTok put "(3) " before the title: the shape's name hole took it in.
    document.head.innerHTML = '<title>(3) Lena Vogel (@lena) / Test</title>';
    document.body.innerHTML = '<h1 class="header-9x">Lena Vogel</h1>';
    startEngine();
    expect(document.title).toBe('(3) momo (@momo) / Test');
    expect(document.querySelector('h1')!.textContent).toBe('momo');
  });

  it('in pseudonym mode, shows the name of a title with no handle as the page shows that person', async () => {
    // Bilibili's, Douyin's and Weibo's titles name a person with no handle: they read "momo" beside the page's pseudonym.
    document.head.innerHTML = '<base href="https://example.test/"><title>Lena Vogel on Test: "hi"</title>';
    const rule = { ...TEST_RULE, titles: ['{name} on Test: {text}'], identity: { hrefPaths: ['/u/{key}'] } };
    startEngine(rule, document, { mode: 'pseudonym', salt: 'c0ffee' });
    const byText = pseudonymFor('c0ffee', 'lena vogel', 'test').name;
    expect(document.title).toBe(`${byText} on Test: "hi"`);
    // The page then names her by her profile link: the title follows.
    document.body.innerHTML = '<a href="/u/lv42"><span class="name">Lena Vogel</span></a>';
    await flush();
    const byLink = pseudonymFor('c0ffee', 'lv42', 'test').name;
    expect(document.querySelector('.name')!.textContent).toBe(byLink);
    expect(document.title).toBe(`${byLink} on Test: "hi"`);
  });

  it('keeps the free text of a title shape and masks only the identity in it', () => {
    document.head.innerHTML = '<title>Lena Vogel on Test: "Sunday (@market) haul"</title>';
    startEngine({ ...TEST_RULE, titles: ['{name} on Test: {text}'] });
    expect(document.title).toBe('momo on Test: "Sunday (@market) haul"');
  });

  it('keys a name with no link to its person by the handle the title gives it: one person, one pseudonym', () => {
    document.head.innerHTML = '<title>Lena Vogel (@lena) / Test</title>';
    document.body.innerHTML = '<h1 class="name">Lena Vogel</h1>';
    startEngine(TEST_RULE, document, { mode: 'pseudonym', salt: 'c0ffee' });
    const { name } = pseudonymFor('c0ffee', 'lena', 'test');
    expect(document.title).toBe(`${name} (@${name}) / Test`);
    expect(document.querySelector('h1')!.textContent).toBe(name);
  });

  it('never touches inputs, textareas or contenteditable drafts', () => {
    document.body.innerHTML = `
      <textarea class="name">draft @friend</textarea>
      <input class="handle" value="@me">
      <div contenteditable="true"><span class="name">Draft Name</span><p class="post"><a class="mention" href="/x">@friend</a></p></div>`;
    startEngine();
    expect(document.querySelector('textarea')!.value).toBe('draft @friend');
    expect(document.querySelector('[contenteditable] .name')!.textContent).toBe('Draft Name');
    expect(document.querySelector('[contenteditable] a')!.textContent).toBe('@friend');
    expect(document.querySelector('[data-momo]')).toBeNull();
  });

  it('counts every kind of editor as a draft: plaintext-only, and a document in design mode', () => {
    document.body.innerHTML = `<div contenteditable="plaintext-only"><span class="name">Draft Name</span></div><div contenteditable="false"><span class="name">Shown Name</span></div>`;
    startEngine();
    expect(document.querySelector('[contenteditable="plaintext-only"] .name')!.textContent).toBe('Draft Name');
    expect(document.querySelector('[contenteditable="false"] .name')!.textContent!.trim()).toBe('momo');
    stopEngines();
    document.designMode = 'on';
    try {
      document.body.innerHTML = post(1);
      startEngine();
      expect(document.querySelector('[data-momo]')).toBeNull();
    } finally {
      document.designMode = 'off';
    }
  });

  it('reports a broken selector and keeps masking with the others', () => {
    const rule = { ...TEST_RULE, names: ['.name', 'div[[broken'] };
    const compiled = compileRule(rule, cloneDefaults().categories);
    expect(compiled.problems).toEqual(['rule "test" names: "div[[broken" is not a valid CSS selector; skipped']);
    document.body.innerHTML = post(2);
    startEngine(rule);
    expect(document.querySelector('.name')!.textContent!.trim()).toBe('momo');
  });
});

describe("an avatar box's pictures", () => {
  it('are masked with the box, not looked for by selectors of their own', () => {
    const rule = { ...TEST_RULE, avatars: ['img.avatar', '.avatar-box', 'img.a, .b'] };
    // One selector per box in the rule's query: no "box img", "box image", "box [style*=background]".
    const compiled = compileRule(rule, cloneDefaults().categories);
    expect(compiled.parts.some((part) => part.kind === 'avatar-part')).toBe(false);
    expect(compiled.parts.find((part) => part.kind === 'avatar')!.list).toEqual(rule.avatars);
    document.body.innerHTML = `<div class="avatar-box"><img src="/real.png" alt="Ada"><svg><image href="/real.png"></image></svg><i style="background-image: url(/real.png)"></i></div>
      <span class="b"><img src="/real2.png"></span><p><img src="/post.png"></p>`;
    startEngine(rule);
    const [inner, second, post] = document.querySelectorAll('img');
    expect(inner.getAttribute('data-momo')).toBe('avatar-part');
    expect(drawsArtwork(inner)).toBe(true);
    expect(inner.getAttribute('alt')).toBe('momo');
    expect(document.querySelector('image')!.getAttribute('href')).toBe(AVATAR);
    expect((document.querySelector('i') as HTMLElement).style.backgroundImage).toBe(`url("${AVATAR}")`);
    expect(drawsArtwork(second)).toBe(true);
    expect(post.hasAttribute('data-momo')).toBe(false);
  });

  it('are masked when the page puts them into a masked box later, or changes them', async () => {
    document.body.innerHTML = '<div class="avatar-box"></div>';
    startEngine();
    await flush();
    const box = document.querySelector('.avatar-box')!;
    box.innerHTML = '<span><img src="/late.png"></span>';
    await flush();
    const late = box.querySelector('img')!;
    expect(drawsArtwork(late)).toBe(true);
    late.setAttribute('style', 'border: 0');
    await flush();
    expect(drawsArtwork(late)).toBe(true);
  });

  it('in a box inside a box (X nests two) are masked by the outer one once, and again when the page changes them', async () => {
    // The inner box is a box of the rule too, and in pseudonym mode tinted: each picture carries one tint.
    const rule = { ...TEST_RULE, avatars: ['.outer', '.inner'], identity: { hrefPaths: ['/u/{key}'] } };
    document.body.innerHTML = `<a href="/u/ada"><div class="outer"><div class="inner"><i style="background-image: url(/a.png)"></i><img src="/a.png"></div></div></a>`;
    startEngine(rule, document, { mode: 'pseudonym', salt: 'c0ffee' });
    const inner = document.querySelector('.inner')!;
    const [drawn, img] = [inner.querySelector('i') as HTMLElement, inner.querySelector('img') as HTMLElement];
    expect(drawn.style.backgroundImage).toBe(`url("${AVATAR}")`);
    expect(drawsArtwork(img)).toBe(true);
    expect(document.querySelectorAll('[style*="hue-rotate"]').length).toBe(2);
    // The page draws the picture again, in both ways, and puts a new one into the inner box.
    drawn.setAttribute('style', 'background-image: url(/b.png)');
    img.setAttribute('style', 'border: 0');
    await flush();
    expect(drawn.style.backgroundImage).toBe(`url("${AVATAR}")`);
    expect(drawsArtwork(img)).toBe(true);
    inner.insertAdjacentHTML('beforeend', '<img src="/c.png">');
    await flush();
    expect(drawsArtwork(inner.querySelectorAll('img')[1])).toBe(true);
  });

  it('in a draft inside the box stay the user’s', () => {
    document.body.innerHTML = '<div class="avatar-box"><img src="/a.png"><div contenteditable="true"><img src="/mine.png"></div></div>';
    startEngine();
    const [outside, mine] = document.querySelectorAll('img');
    expect(drawsArtwork(outside)).toBe(true);
    expect(mine.hasAttribute('data-momo')).toBe(false);
  });

  it('found by their address too count as the site’s, not the fallback’s', async () => {
    document.body.innerHTML = '<div class="avatar-box"><img src="https://cdn.example.test/avatars/a.jpg"></div>';
    const engine = startEngine({ ...TEST_RULE, avatarUrls: ['cdn.example.test/avatars/'] });
    await flush();
    expect(document.querySelector('img')!.getAttribute('data-momo')).toBe('avatar-part');
    expect(engine.countFallback()).toBe(0);
    document.querySelector('.avatar-box')!.insertAdjacentHTML('beforeend', '<img src="https://cdn.example.test/avatars/b.jpg">');
    await flush();
    expect(engine.countFallback()).toBe(0);
  });
});

describe('shapes that real sites have', () => {
  it('a link holding both name and handle gets one label, written once', async () => {
    const engine = startEngine({ ...TEST_RULE, names: ['.n'], handles: ['.h'] });
    document.body.innerHTML = '<a href="/glen" aria-label="Glen Dunlap"><div class="n">Glen</div><div class="h">@glen</div></a>';
    await flush();
    const visited = engine.masker.visited;
    await flush();
    await flush();
    expect(document.querySelector('a')!.getAttribute('aria-label')).toBe('momo');
    expect(engine.masker.visited).toBe(visited); // nothing left bouncing between the two
  });

  it('hides emoji pictures inside a name, not an avatar inside a name link', () => {
    document.body.innerHTML = `<a class="name" href="/u1"><img class="pic" src="https://cdn.example.test/face.jpg" alt="">Person <img src="/e.png" alt="🌸"><img class="twemoji" src="/x.svg" alt=""></a>`;
    startEngine();
    const [avatar, flower, twemoji] = document.querySelectorAll('img') as NodeListOf<HTMLElement>;
    expect(avatar.style.display).toBe('');
    expect(flower.style.display).toBe('none');
    expect(twemoji.style.display).toBe('none');
  });

  it('rewrites a mention the page split into several text nodes, as React renders "@{handle}"', () => {
    document.body.innerHTML = '<p class="post"><a class="mention">@<!-- -->zhangxy88</a> <a class="mention">u/<b>spez</b></a></p>';
    startEngine();
    expect([...document.querySelectorAll('a.mention')].map((a) => a.textContent)).toEqual(['@momo', 'u/momo']);
  });

  it("a profile link inside a name, also matched as a mention, leaves the name masked (X's User-Names)", () => {
    document.body.innerHTML = '<p class="post"><span class="name"><a class="mention" href="/someone">Some One</a></span></p>';
    startEngine();
    expect(document.querySelector('.name')!.textContent).toBe('momo');
  });

  it('text added later inside a mention link inside a name is masked as the name', async () => {
    startEngine();
    document.body.innerHTML = '<p class="post"><span class="name"><a class="mention" href="/someone"></a></span></p>';
    await flush();
    document.querySelector('a.mention')!.append('Some One');
    await flush();
    expect(document.querySelector('.name')!.textContent).toBe('momo');
  });

  it('rewrites @mentions inside post text and keeps the words around them', () => {
    document.body.innerHTML = '<p class="post"><a class="mention">thanks @bob_99 and @李雷, mail me at a@b.com</a></p>';
    startEngine();
    expect(document.querySelector('a.mention')!.textContent).toBe('thanks @momo and @momo, mail me at a@b.com');
  });

  it("leaves code in post text alone: a Stack Overflow comment's `@Override` names no one", () => {
    document.body.innerHTML = '<div class="post"><a class="mention">@Bob use <code>@Override</code> here, <pre>@media print</pre></a></div>';
    startEngine();
    expect(document.querySelector('a.mention')!.textContent).toBe('@momo use @Override here, @media print');
  });
});

describe('mutations', () => {
  it("keeps the page's changes that have not reached the observer yet when a pass starts outside it (DOMContentLoaded, a shadow root)", async () => {
    document.body.innerHTML = `${post(1)}${post(2)}<x-card></x-card>`;
    const engine = startEngine();
    const [first, second] = document.querySelectorAll('.name');
    // The parser's last text, then DOMContentLoaded's rescan in the same task.
    first.append(' Lovelace');
    engine.rescan();
    // A page script changes a name, then attaches a shadow root (the MAIN-world hook announces it at once).
    second.append(' Hopper');
    const card = document.querySelector('x-card')!;
    card.attachShadow({ mode: 'open' }).innerHTML = '<span class="name">Grace</span>';
    card.dispatchEvent(new CustomEvent(SHADOW_ROOT_EVENT, { bubbles: true, composed: true }));
    await flush();
    expect(first.textContent!.trim()).toBe('momo');
    expect(second.textContent!.trim()).toBe('momo');
    expect(card.shadowRoot!.querySelector('.name')!.textContent).toBe('momo');
  });

  it('leaves what the user types alone as it is added: a mention chip in an editor, a pasted name, the editor itself', async () => {
    document.body.innerHTML = '<div class="composer" contenteditable="true"><p>hi </p></div><div class="feed"></div>';
    startEngine();
    const composer = document.querySelector('.composer p')!;
    composer.insertAdjacentHTML('beforeend', '<a class="mention" contenteditable="false" href="/u/ada">@ada</a> <span class="name">Ada L</span>');
    document
      .querySelector('.feed')!
      .insertAdjacentHTML(
        'beforeend',
        `${post(4)}<div contenteditable><span class="name">Reply Draft</span></div><section><div contenteditable><p><span class="name">Deep Draft</span></p></div><span class="name">After</span></section>`,
      );
    await flush();
    expect(composer.textContent).toBe('hi @ada Ada L');
    expect(document.querySelector('.feed > [contenteditable] .name')!.textContent).toBe('Reply Draft');
    expect(document.querySelector('section [contenteditable] .name')!.textContent).toBe('Deep Draft');
    expect(document.querySelector('section > .name')!.textContent!.trim()).toBe('momo');
    expect(document.querySelector('.feed .post .name')!.textContent!.trim()).toBe('momo');
    expect(document.querySelectorAll('[contenteditable] [data-momo]')).toHaveLength(0);
  });

  it('masks posts added later, and text or attributes the page rewrites', async () => {
    startEngine();
    document.body.insertAdjacentHTML('beforeend', post(3));
    await flush();
    const name = document.querySelector('.name')!;
    expect(name.textContent!.trim()).toBe('momo');
    // React-style update: the same text node gets a new value, the same img a new src.
    const text = name.firstChild as Text;
    text.data = 'Someone Else ';
    const img = document.querySelector('img.avatar')!;
    img.setAttribute('src', 'https://cdn.example.test/new.jpg');
    await flush();
    expect(name.firstChild).toBe(text);
    expect(text.data).toBe('momo');
    expect(drawsArtwork(img)).toBe(true);
    // A new text node appended into a masked name.
    name.append(' Jr.');
    await flush();
    expect(name.textContent!.trim()).toBe('momo');
  });

  it('masks inside open shadow roots, also roots announced after insertion', async () => {
    document.body.innerHTML = '<x-card></x-card><div id="late"></div>';
    const card = document.querySelector('x-card')!;
    card.attachShadow({ mode: 'open' }).innerHTML = '<span class="name">Shadow Person</span>';
    startEngine();
    expect(card.shadowRoot!.querySelector('.name')!.textContent).toBe('momo');
    card.shadowRoot!.append(Object.assign(document.createElement('span'), { className: 'handle', textContent: '@shadowy' }));
    await flush();
    expect(card.shadowRoot!.querySelector('.handle')!.textContent).toBe('@momo');

    // A root attached to an element already in the page: the MAIN-world hook announces it.
    const late = document.getElementById('late')!;
    const root = late.attachShadow({ mode: 'open' });
    late.dispatchEvent(new Event('momo-mask:shadow-root', { bubbles: true, composed: true }));
    root.innerHTML = '<span class="name">Late Person</span>';
    await flush();
    expect(root.querySelector('.name')!.textContent).toBe('momo');
  });

  it('keeps the shadow roots it was told about when stopped and started again (settings changed)', async () => {
    document.body.innerHTML = '<div id="late"></div>';
    const engine = startEngine();
    const late = document.getElementById('late')!;
    const root = late.attachShadow({ mode: 'open' });
    late.dispatchEvent(new Event('momo-mask:shadow-root', { bubbles: true, composed: true }));
    root.innerHTML = '<span class="name">Late Person</span>';
    await flush();
    engine.stop();
    expect(root.querySelector('.name')!.textContent).toBe('Late Person');
    engine.start();
    expect(root.querySelector('.name')!.textContent).toBe('momo');
  });

  it('an element that starts matching through an attribute change gets masked', async () => {
    document.body.innerHTML = '<x-comment><span>hi</span></x-comment>';
    startEngine();
    document.querySelector('x-comment')!.setAttribute('author', 'newcomer');
    await flush();
    expect(document.querySelector('x-comment')!.getAttribute('author')).toBe('momo');
  });
});

// Firefox's content scripts keep what they changed in WeakMaps, Chromium's on the nodes (change-store.ts):
// jsdom is neither, so `window.wrappedJSObject` stands in for the Xray that tells them apart.
describe.each([
  ['on the nodes (Chromium)', false],
  ['in WeakMaps (Firefox, through Xrays)', true],
])('restore, changes kept %s', (_, throughXrays) => {
  beforeEach(() => {
    if (throughXrays) Object.assign(window, { wrappedJSObject: {} });
  });
  afterEach(() => {
    delete (window as { wrappedJSObject?: unknown }).wrappedJSObject;
  });

  it('restores what the page wrote last, not what it first rendered', async () => {
    document.body.innerHTML = post(4);
    const engine = startEngine();
    const text = document.querySelector('.name')!.firstChild as Text;
    text.data = 'Renamed ';
    document.querySelector('img.avatar')!.setAttribute('src', 'https://cdn.example.test/renamed.jpg');
    await flush();
    engine.stop();
    expect(text.data).toBe('Renamed ');
    expect(document.querySelector('img.avatar')!.getAttribute('src')).toBe('https://cdn.example.test/renamed.jpg');
  });

  it('gives back the same nodes with the same attributes in the same order', async () => {
    document.head.innerHTML = '<title>Person 5 (@person5) / Test</title>';
    document.body.innerHTML = `${post(5)}<div class="avatar-box" style="color: red; background-image: url(x.jpg)"><img src="y.jpg"></div>`;
    const before = fingerprint(document.documentElement);
    const nodes = [...document.querySelectorAll('*')];
    const texts = [...document.body.querySelectorAll('.name, .handle, .meta')].map((el) => el.firstChild);
    const engine = startEngine();
    expect(fingerprint(document.documentElement)).not.toBe(before);
    engine.stop();
    expect(fingerprint(document.documentElement)).toBe(before);
    expect([...document.querySelectorAll('*')]).toEqual(nodes);
    expect([...document.body.querySelectorAll('.name, .handle, .meta')].map((el) => el.firstChild)).toEqual(texts);
    // And on again masks again.
    engine.start();
    expect(document.querySelector('.name')!.textContent!.trim()).toBe('momo');
    await flush();
    engine.stop();
    expect(fingerprint(document.documentElement)).toBe(before);
  });

  it('stops observing once stopped', async () => {
    const engine = startEngine();
    engine.stop();
    document.body.innerHTML = post(6);
    await flush();
    expect(document.querySelector('.name')!.textContent!.trim()).toBe('Person 6');
  });
});

describe('cost', () => {
  it('a parent and its children added in one batch (as the HTML parser does) are scanned once', async () => {
    const engine = startEngine();
    const feed = document.createElement('main');
    document.body.append(feed);
    await flush();
    const before = engine.masker.visited;
    // One task: the parent goes in, then each child into it — one mutation record per node.
    const posts: HTMLElement[] = [];
    for (let i = 0; i < 50; i++) {
      const article = document.createElement('article');
      feed.append(article);
      article.innerHTML = post(i);
      posts.push(article);
    }
    await flush();
    const nodes = feed.querySelectorAll('*').length;
    expect(engine.masker.visited - before).toBeLessThan(nodes * 2);
    expect(feed.querySelectorAll('.name')[49].textContent!.trim()).toBe('momo');
  });

  it('the pass after the parser (DOMContentLoaded) masks what matches only now, and leaves what is masked to the observer', async () => {
    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => post(i)).join('');
    const rule = { ...TEST_RULE, locationText: [], names: [...TEST_RULE.names!, '.late:has(+ .after)'] };
    const engine = startEngine(rule);
    // The parser writes the sibling the selector waits for after the element: the observer looks
    // at each added node's own subtree, where the selector cannot match yet or then.
    document.body.insertAdjacentHTML('beforeend', '<span class="late">Late Person</span>');
    await flush();
    document.body.insertAdjacentHTML('beforeend', '<i class="after"></i>');
    await flush();
    expect(document.querySelector('.late')!.textContent).toBe('Late Person');
    const before = engine.masker.visited;
    engine.rescan();
    expect(document.querySelector('.late')!.textContent).toBe('momo');
    expect(engine.masker.visited - before).toBeLessThan(20); // not 50 posts again
  });

  it('grows with the nodes added, not with the size of the page already masked', async () => {
    const feed = document.createElement('main');
    document.body.append(feed);
    // A masked page of about 10,000 nodes.
    feed.innerHTML = Array.from({ length: 1000 }, (_, i) => post(i)).join('');
    expect(document.body.querySelectorAll('*').length).toBeGreaterThanOrEqual(10_000);
    const engine = startEngine();
    const insert = async (count: number, from: number) => {
      const before = engine.masker.visited;
      const batch = document.createElement('div');
      batch.innerHTML = Array.from({ length: count }, (_, i) => post(from + i)).join('');
      const added = batch.querySelectorAll('*').length;
      feed.append(...batch.childNodes);
      await flush();
      return { visited: engine.masker.visited - before, added };
    };
    const ten = await insert(10, 1000);
    const hundred = await insert(100, 2000);
    expect(ten.visited).toBeGreaterThan(0);
    expect(ten.visited).toBeLessThanOrEqual(ten.added * 3);
    // Ten times the posts, about ten times the work (within 20%), whatever the page size.
    expect(hundred.visited / ten.visited).toBeGreaterThan(8);
    expect(hundred.visited / ten.visited).toBeLessThan(12);
    // And the same 10 posts on a page four times bigger cost the same.
    feed.insertAdjacentHTML('beforeend', Array.from({ length: 1200 }, (_, i) => post(5000 + i)).join(''));
    await flush();
    const tenAgain = await insert(10, 9000);
    expect(tenAgain.visited).toBe(ten.visited);
  }, 60_000); // jsdom builds and masks a 10,000-node page: seconds, not the engine's cost
});

describe('location scopes', () => {
  it('a new scope is read whole first and walked only where it holds a label, before the text layers', async () => {
    startEngine();
    await flush();
    const walk = vi.spyOn(Masker.prototype, 'rewriteTexts');
    const walker = vi.spyOn(document, 'createTreeWalker');
    document.body.insertAdjacentHTML('beforeend', '<div class="meta"><span>广东</span> · 3小时前</div><div class="meta"><span>IP属地：广东</span> · 3小时前</div>');
    await flush();
    const [plain, labelled] = document.querySelectorAll('.meta');
    expect(walk.mock.calls.map(([scope]) => scope)).toEqual([labelled]);
    expect(plain.textContent).toBe('广东 · 3小时前');
    expect(labelled.textContent).toBe(' · 3小时前');
    // The scope's label is cut before the layers read the post's text: they find no place to walk for.
    expect(walker.mock.calls.filter(([, show]) => show === NodeFilter.SHOW_TEXT)).toEqual([]);
    walker.mockRestore();
    walk.mockRestore();
  });

  it('a scope seen before is walked again when a text cut in it is written to (the parser appends the rest)', async () => {
    document.body.innerHTML = '<div class="meta">3小时前 · IP属地：广</div>';
    startEngine();
    await flush();
    const text = document.querySelector('.meta')!.firstChild as Text;
    expect(text.data).toBe('3小时前 · ');
    // Only while the page loads: after, a write that starts with our cut is the page's whole value (page-writes-back.test.ts).
    const loading = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    text.appendData('东');
    await flush();
    loading.mockRestore();
    expect(text.data).toBe('3小时前 · ');
    stopEngines();
    expect(text.data).toBe('3小时前 · IP属地：广东');
  });
});
