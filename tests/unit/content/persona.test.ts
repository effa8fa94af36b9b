import { afterEach, describe, expect, it } from 'vitest';
import { keyFromHref } from '../../../src/content/identity-key';
import { pseudonymFor } from '../../../src/shared/persona';
import { cloneDefaults } from '../../../src/shared/settings';
import { drawsArtwork, flush, startEngine, stopEngines, TEST_RULE } from './helpers';

afterEach(() => {
  stopEngines();
  document.body.innerHTML = '';
});

const RULE = { ...TEST_RULE, identity: { hrefPaths: ['/u/{key}'] } };
const thread = `
  <article><a href="/u/Alice"><img class="avatar" src="https://cdn.example.test/a.jpg"><span class="name">Alice A.</span></a><span class="handle">@alice</span>
    <p class="post"><a class="mention" href="/u/bob">@bob</a> Alice A. agrees</p></article>
  <article><a href="/u/bob"><img class="avatar" src="https://cdn.example.test/b.jpg"><span class="name">Bob B.</span></a><span class="handle">@bob</span></article>
  <article><a href="/u/alice"><span class="name">Alice A.</span></a></article>`;

describe('pseudonym mode', () => {
  it('gives each person a stable momo·xxxx, the same in every place they appear, and a tinted avatar', () => {
    document.body.innerHTML = thread;
    startEngine(RULE, document, { mode: 'pseudonym', salt: 'c0ffee' });
    const alice = pseudonymFor('c0ffee', 'alice', 'test');
    const bob = pseudonymFor('c0ffee', 'bob', 'test');
    const names = [...document.querySelectorAll('.name')].map((n) => n.textContent);
    expect(names).toEqual([alice.name, bob.name, alice.name]);
    expect([...document.querySelectorAll('.handle')].map((n) => n.textContent)).toEqual([`@${alice.name}`, `@${bob.name}`]);
    expect(document.querySelector('a.mention')!.textContent).toBe(`@${bob.name}`);
    const img = document.querySelector('img.avatar') as HTMLElement;
    expect(drawsArtwork(img)).toBe(true);
    expect(img.style.filter).toBe(`hue-rotate(${alice.hue}deg)`);
  });

  it('gives the same planted person unrelated pseudonyms on two sites: no two sites can link this install', () => {
    // Two sites each plant a "person" with the same profile key and read back what it became.
    const planted = '<article><a href="/u/tracker-7f3a"><img class="avatar" src="https://cdn.example.test/t.jpg"><span class="name">T</span></a></article>';
    const seenOn = (site: string) => {
      document.body.innerHTML = planted;
      startEngine(RULE, document, { mode: 'pseudonym', salt: 'c0ffee', site });
      const shown = { name: document.querySelector('.name')!.textContent, filter: (document.querySelector('img.avatar') as HTMLElement).style.filter };
      stopEngines();
      return shown;
    };
    const [a, again, b] = [seenOn('site-a.example'), seenOn('site-a.example'), seenOn('site-b.example')];
    expect(again).toEqual(a); // stable on one site: a thread stays readable
    expect(b.name).not.toBe(a.name);
    expect(b.name).toBe(pseudonymFor('c0ffee', 'tracker-7f3a', 'site-b.example').name);
    // Over many planted keys, no pseudonym on one site predicts the other site's.
    const keys = Array.from({ length: 300 }, (_, i) => `planted${i}`);
    const same = keys.filter((key) => pseudonymFor('c0ffee', key, 'site-a.example').name === pseudonymFor('c0ffee', key, 'site-b.example').name);
    expect(same.length).toBeLessThan(3);
  });

  it('falls back to the crowd until the install has a salt', () => {
    document.body.innerHTML = thread;
    startEngine(RULE, document, { mode: 'pseudonym', salt: '' });
    expect(document.querySelector('.name')!.textContent).toBe('momo');
  });

  it('reads the key across a shadow boundary (the avatar in its own root, the profile link outside)', () => {
    document.body.innerHTML = '<a href="/u/carol"><span class="avatar-box"></span></a>';
    const box = document.querySelector('.avatar-box')!;
    box.attachShadow({ mode: 'open' }).innerHTML = '<img class="avatar" src="https://cdn.example.test/c.jpg">';
    startEngine({ ...RULE, shadowHosts: ['.avatar-box'] }, document, { mode: 'pseudonym', salt: 'c0ffee' });
    const img = box.shadowRoot!.querySelector('img') as HTMLElement;
    expect(drawsArtwork(img)).toBe(true);
    expect(img.style.filter).toBe(`hue-rotate(${pseudonymFor('c0ffee', 'carol', 'test').hue}deg)`);
  });
});

describe('own identity', () => {
  it('a handle the user listed wears their label; everyone else stays momo', () => {
    document.body.innerHTML = thread;
    startEngine(RULE, document, { ownHandles: new Set(['alice']) });
    expect([...document.querySelectorAll('.name')].map((n) => n.textContent)).toEqual(['milk-tea mo', 'momo', 'milk-tea mo']);
    expect(document.querySelector('.handle')!.textContent).toBe('@momo');
  });
});

describe('names inside post text (off by default)', () => {
  it('masks names already seen, only when switched on', async () => {
    document.body.innerHTML = thread;
    startEngine(RULE);
    expect(document.querySelector('p.post')!.textContent).toContain('Alice A. agrees');
    stopEngines();
    startEngine(RULE, document, {}, { ...cloneDefaults().categories, textNames: true });
    document.body.insertAdjacentHTML('beforeend', '<p class="later">I met Alice A. and Bob B. yesterday</p><textarea>Alice A. in my draft</textarea>');
    await flush();
    expect(document.querySelector('p.later')!.textContent).toBe('I met momo and momo yesterday');
    expect(document.querySelector('textarea')!.value).toBe('Alice A. in my draft');
  });

  it('masks a seen name as a whole word only, however many names the page has taught', async () => {
    // 300 people seen: each text is looked up by its characters, and "Person 2999" is not Person 299
    const crowd = Array.from({ length: 300 }, (_, i) => `<article><a href="/u/p${i}"><span class="name">Person ${i}</span></a></article>`).join('');
    document.body.innerHTML = thread + crowd;
    startEngine(RULE, document, {}, { ...cloneDefaults().categories, textNames: true });
    document.body.insertAdjacentHTML('beforeend', '<p class="later">Bob B. met Person 299, not Person 2999 or Bobby</p>');
    await flush();
    expect(document.querySelector('p.later')!.textContent).toBe('momo met momo, not Person 2999 or Bobby');
  });
});

describe('identity keys from profile links', () => {
  const base = 'https://site.example/thread/1';
  it.each([
    ['/u/Alice', ['/u/{key}'], 'alice'],
    ['https://site.example/user/profile/5f3a?xsec=1', ['/user/profile/{key}'], '5f3a'],
    ['/home/main?id=tb.1.abc&fr=pb', ['/home/main?id={key}'], 'tb.1.abc'],
    ['/%E7%8E%8B', ['/{key}'], '王'],
    ['/u/alice/posts', ['/u/{key}'], 'alice'],
  ])('%s by %j → %s', (href, shapes, key) => {
    expect(keyFromHref(href, base, shapes, new Set())).toBe(key);
  });

  it("keys a link by the first shape that gives no page of the site's own (Facebook's group members)", () => {
    const shapes = ['/{key}', '/groups/*/user/{key}/'];
    const notKeys = new Set(['groups']);
    expect(keyFromHref('/groups/345/user/1000417/', base, shapes, notKeys)).toBe('1000417');
    expect(keyFromHref('/groups/345/user/1000231/', base, shapes, notKeys)).toBe('1000231');
    expect(keyFromHref('/jane.doe', base, shapes, notKeys)).toBe('jane.doe');
    expect(keyFromHref('/groups/345/', base, shapes, notKeys)).toBeNull();
  });

  it.each([
    ['https://other.example/u/alice', ['/u/{key}']],
    ['/r/news', ['/u/{key}']],
    ['/u/', ['/u/{key}']],
  ])('%s is nobody', (href, shapes) => {
    expect(keyFromHref(href, base, shapes, new Set())).toBeNull();
  });
});
