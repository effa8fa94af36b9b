/**
 * Nothing the user types is rewritten, whichever element a selector matched: a names, mentions,
 * location or attribute selector that matches a box *holding* the composer (a hostile pack's
 * `[lang]`, Zhihu's own `.Comments-container`) masks the box's text around the draft and never the
 * draft. The guard is at the write (masker.ts), so these hold for built-in rules too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import zhihu from '../../../src/rules/zhihu.json';
import { Masker } from '../../../src/content/masker';
import { flush, startEngine, stopEngines, type TEST_RULE } from './helpers';

type Rule = typeof TEST_RULE;

afterEach(() => {
  stopEngines();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  document.documentElement.removeAttribute('lang');
});

/** A rule that masks only what `extra` says: every test names one hostile selector. */
const only = (extra: Partial<Rule>): Rule => ({ id: 'hostile', name: 'Hostile', hosts: ['example.test'], ...extra }) as Rule;

/** The drafts a test types into: a textarea, a contenteditable editor (with a mention chip and an emoji), an input. */
const DRAFTS = `
  <textarea id="ta">@carol 来自广东</textarea>
  <div id="ce" contenteditable="true"><p>hi @carol, 来自广东 <img alt="🌸" src="/e.png"> <a href="/people/carol" contenteditable="false">@carol</a></p></div>
  <input id="in" value="@carol">`;

const draftText = () => ({
  textarea: (document.getElementById('ta') as HTMLTextAreaElement).value,
  editor: document.getElementById('ce')!.innerHTML,
  input: (document.getElementById('in') as HTMLInputElement).value,
});

const UNTOUCHED = {
  textarea: '@carol 来自广东',
  editor: '<p>hi @carol, 来自广东 <img alt="🌸" src="/e.png"> <a href="/people/carol" contenteditable="false">@carol</a></p>',
  input: '@carol',
};

describe('a selector that matches a box holding the draft', () => {
  it('names: [lang] on a box masks the name beside the composer, not the composer', () => {
    document.body.innerHTML = `<div lang="en"><span>Lena Vogel</span>${DRAFTS}<span>@dave</span></div>`;
    startEngine(only({ names: ['[lang]'] }));
    expect(draftText()).toEqual(UNTOUCHED);
    expect(document.querySelector('[lang] > span')!.textContent).toBe('momo');
    expect(document.getElementById('ce')!.querySelector('img')!.hasAttribute('style')).toBe(false);
    expect(document.getElementById('ce')!.querySelector('[data-momo]')).toBeNull();
  });

  it('names: [lang] matching <html> itself leaves the drafts as typed', () => {
    document.documentElement.setAttribute('lang', 'en');
    document.body.innerHTML = `<p>Lena Vogel</p>${DRAFTS}`;
    startEngine(only({ names: ['[lang]'] }));
    expect(draftText()).toEqual(UNTOUCHED);
  });

  it('mentions: "@carol" in a draft inside a matched thread stays, "@dave" outside it is masked', () => {
    document.body.innerHTML = `<section class="thread"><p>ask @dave</p>${DRAFTS}</section>`;
    startEngine(only({ mentions: ['.thread'] }));
    expect(draftText()).toEqual(UNTOUCHED);
    expect(document.querySelector('.thread > p')!.textContent).toBe('ask @momo');
  });

  it('mentions: a box whose only text outside the draft is not a handle is not taken for one', () => {
    document.body.innerHTML = `<div class="box"><div id="ce" contenteditable="true">@carol</div></div>`;
    startEngine(only({ mentions: ['.box'] }));
    expect(document.getElementById('ce')!.textContent).toBe('@carol');
  });

  it('location text: "来自广东" is cut beside the draft, never inside it', () => {
    document.body.innerHTML = `<div class="where"><span>IP属地：广东</span>${DRAFTS}</div>`;
    startEngine(only({ locationText: ['.where'] }));
    expect(draftText()).toEqual(UNTOUCHED);
    expect(document.querySelector('.where > span')!.textContent).toBe('');
  });

  it('attributes: a title, alt or aria-label in a draft under a matched element is not rewritten', () => {
    document.body.innerHTML = `<div class="card" title="Lena"><div contenteditable="true"><img class="avatar" alt="Carol" src="/c.png"><span title="Carol">x</span></div></div>`;
    startEngine(only({ avatars: ['.card'], attributes: [{ selector: '[title]', names: ['title'] }] }));
    expect(document.querySelector('.card')!.getAttribute('title')).toBe('momo');
    expect(document.querySelector('[contenteditable] img')!.getAttribute('alt')).toBe('Carol');
    expect(document.querySelector('[contenteditable] span')!.getAttribute('title')).toBe('Carol');
    expect(document.querySelector('[contenteditable] [data-momo]')).toBeNull();
  });

  it('learned names: a label in a draft keeps the name the page masked elsewhere, there and in what is added later', async () => {
    const draft = `<div contenteditable="true"><span title="Lena Vogel">x</span></div><span title="Lena Vogel">y</span>`;
    document.body.innerHTML = `<span class="name">Lena Vogel</span><div class="reply">${draft}</div>`;
    startEngine(only({ names: ['.name'] }));
    document.body.insertAdjacentHTML('beforeend', `<div class="reply">${draft}</div>`);
    await flush();
    for (const reply of document.querySelectorAll('.reply')) {
      expect(reply.querySelector('[contenteditable] span')!.getAttribute('title')).toBe('Lena Vogel');
      expect(reply.querySelector(':scope > span')!.getAttribute('title')).toBe('momo');
    }
  });

  it('what the user types later into a composer inside a masked box is left as typed', async () => {
    document.body.innerHTML = `<div lang="en"><span>Lena Vogel</span><div id="ce" contenteditable="true"><p>hi</p></div></div>`;
    startEngine(only({ names: ['[lang]'], mentions: ['[lang]'], locationText: ['[lang]'] }));
    expect(document.querySelector('[lang] > span')!.textContent).toBe('momo');
    const p = document.querySelector('#ce p')!;
    (p.firstChild as Text).data = 'hi @carol 来自广东';
    p.append(' and @erin');
    p.insertAdjacentHTML('beforeend', '<b>IP属地：广东</b>');
    await flush();
    expect(p.textContent).toBe('hi @carol 来自广东 and @erinIP属地：广东');
  });
});

describe('the built-in Zhihu rule and its comment editor', () => {
  const rule = zhihu as unknown as Rule;

  it('cuts the region of a comment and leaves the comment being typed (and its mention) as typed', async () => {
    document.body.innerHTML = `<div class="Comments-container">
      <div class="CommentItem"><a href="/people/lena">Lena</a><span class="meta">IP属地：广东</span><p>来自广东的朋友</p></div>
      <div class="CommentEditor"><div id="ce" contenteditable="true"><p>我也来自广东 <a href="/people/carol">@carol</a></p></div></div>
    </div>`;
    startEngine(rule);
    const editor = document.getElementById('ce')!;
    expect(editor.innerHTML).toBe('<p>我也来自广东 <a href="/people/carol">@carol</a></p>');
    expect(document.querySelector('.meta')!.textContent).toBe('');
    expect(document.querySelector('.CommentItem a')!.textContent).toBe('momo');
    // The user goes on typing: text into the editor's paragraph, a new paragraph.
    editor.querySelector('p')!.append(' 来自广东');
    editor.insertAdjacentHTML('beforeend', '<p>IP属地：广东</p>');
    await flush();
    expect(editor.textContent).toBe('我也来自广东 @carol 来自广东IP属地：广东');
  });
});

describe('the masker alone, with no engine vouching for anything', () => {
  const masker = () => new Masker(() => ({ name: 'momo', handle: 'momo', hue: null }));
  const WHO = { name: 'momo', handle: 'momo', hue: null };

  it('writes nothing into an editor it is handed, or into one under what it is handed', () => {
    document.body.innerHTML = `<div id="box"><span>Lena</span>${DRAFTS}</div>`;
    const m = masker();
    for (const id of ['ta', 'ce', 'in']) {
      for (const kind of ['name', 'handle', 'mention', 'location', 'avatar'] as const) m.mask(document.getElementById(id)!, kind, WHO, ['value']);
    }
    m.mask(document.querySelector('#ce p')!, 'name', WHO);
    m.mask(document.querySelector('#ce a')!, 'mention', WHO);
    m.mask(document.querySelector('#ce img')!, 'avatar', WHO, ['alt']);
    m.mask(document.querySelector('#ce img')!, 'attribute', WHO, ['alt']);
    m.rewriteTexts(document.getElementById('ce')!, () => '');
    m.rewriteTexts(document.getElementById('box')!, (text) => text.replace('来自广东', ''));
    m.rewriteTexts(document.getElementById('box')!, (text) => text.replaceAll('carol', 'momo'));
    m.mask(document.getElementById('box')!, 'name', WHO);
    m.mask(document.getElementById('box')!, 'mention', WHO);
    expect(draftText()).toEqual(UNTOUCHED);
    expect(document.querySelector('#box > span')!.textContent).toBe('momo');
    for (const id of ['ta', 'ce', 'in']) expect(document.getElementById(id)!.hasAttribute('data-momo'), id).toBe(false);
    expect(document.getElementById('in')!.getAttribute('value')).toBe('@carol');
  });

  it('in a document in design mode writes nothing at all', () => {
    document.body.innerHTML = '<span id="n">Lena</span>';
    document.designMode = 'on';
    try {
      masker().mask(document.getElementById('n')!, 'name', WHO);
      expect(document.getElementById('n')!.textContent).toBe('Lena');
    } finally {
      document.designMode = 'off';
    }
  });
});
