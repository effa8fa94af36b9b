/**
 * Evidence the layers read beyond profile links and picture addresses, each from a real page and
 * tried here on other markup, with its decoys: the site's own sentences that name people (text
 * shapes: GitHub's "alice commented", Facebook's "8 mutual friends including A and B", X's
 * "Name’s posts"), an SVG picture's label (Facebook), "@handle" in a label (Instagram's "tagging
 * @a"), a profile link holding the handle and the name (TikTok), an address with a size asked for
 * (Stack Exchange's uploaded user pictures).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compileRule } from '../../../src/content/compile-rule';
import { fillShape } from '../../../src/content/fallback-layers';
import { checkRule } from '../../../src/shared/rule/check';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { cloneDefaults } from '../../../src/shared/settings';
import { fingerprint, flush, startEngine, stopEngines } from './helpers';

const RULE: SiteRule = {
  id: 'test',
  name: 'Test site',
  hosts: ['example.test'],
  avatarUrls: ['cdn.example.test/avatars/', 'uploads.example.test/*?s='],
  textShapes: ['{handle} commented', '{n} mutual friends including {name} and {name}', '{name}’s posts'],
  identity: { hrefPaths: ['/@{key}', '/{key}'] },
};

const text = (selector: string) => document.querySelector(selector)!.textContent;

afterEach(() => {
  stopEngines();
  document.body.innerHTML = '';
});

describe('text shapes: the site’s own sentences that name people', () => {
  function page(): void {
    document.body.innerHTML = `
      <h3 class="sr">alice commented <relative-time>on Jun 2</relative-time></h3>
      <a id="avatar-link" href="/somewhere/else" aria-label="@alice's profile"><span>A</span></a>
      <span id="mutual"><span>8 mutual friends including Ann Lee and Bob Stone</span></span>
      <h1 id="posts">s’s posts</h1>
      <p id="post">I think alice commented on this earlier, and 8 mutual friends including Ann Lee and Bob Stone agreed.</p>
      <p id="tag">#commented</p>
      <textarea>carol commented</textarea>
      <div contenteditable="true"><p id="draft">dave commented</p></div>`;
  }

  it('masks the names in a whole sentence of that shape, keeps its other words, and learns them', async () => {
    page();
    startEngine(RULE);
    await flush();
    expect(text('h3')).toBe('momo commented on Jun 2');
    expect(text('#mutual')).toBe('8 mutual friends including momo and momo');
    // Only the hole is rewritten: the name "s" is also a letter of the shape's words.
    expect(text('#posts')).toBe('momo’s posts');
    // Learned: the label elsewhere that names alice loses her name.
    expect(document.querySelector('#avatar-link')!.getAttribute('aria-label')).toBe("@momo's profile");
  });

  it('leaves the decoys: the same words inside a post, a hashtag, the user’s drafts', async () => {
    page();
    startEngine(RULE);
    await flush();
    expect(text('#post')).toBe('I think alice commented on this earlier, and 8 mutual friends including Ann Lee and Bob Stone agreed.');
    expect(text('#tag')).toBe('#commented');
    expect((document.querySelector('textarea') as HTMLTextAreaElement).value).toBe('carol commented');
    expect(text('#draft')).toBe('dave commented');
  });

  it('masks the sentence again when the page rewrites it, and restores it exactly when switched off', async () => {
    page();
    const before = fingerprint(document.body);
    const engine = startEngine(RULE);
    await flush();
    const sentence = document.querySelector('#mutual span')!.firstChild as Text;
    sentence.data = '9 mutual friends including Ann Lee and Cy Young';
    await flush();
    expect(text('#mutual')).toBe('9 mutual friends including momo and momo');
    sentence.data = '8 mutual friends including Ann Lee and Bob Stone';
    await flush();
    engine.stop();
    expect(fingerprint(document.body)).toBe(before);
  });

  it('is the names category’s: switched off, the sentences stay', async () => {
    page();
    startEngine(RULE, document, {}, { ...cloneDefaults().categories, names: false });
    await flush();
    expect(text('#mutual')).toBe('8 mutual friends including Ann Lee and Bob Stone');
  });

  it('rewrites only the holes, by their places, and says when no shape fits', () => {
    const { textShapes } = compileRule(RULE, cloneDefaults().categories);
    expect(fillShape(' ann commented ', textShapes, (found) => found.map(() => 'momo'))).toBe(' momo commented ');
    expect(fillShape('1,024 mutual friends including a and b', textShapes, (found) => found.map((_, i) => `#${i}`))).toBe('1,024 mutual friends including #0 and #1');
    expect(fillShape('many mutual friends including a and b', textShapes, (found) => found)).toBeNull();
    expect(fillShape('ann replied', textShapes, (found) => found)).toBeNull();
  });

  it('is checked as title shapes are: literal text with at most two holes, never a pattern', () => {
    const read = (textShapes: unknown) => checkRule({ ...RULE, textShapes }, { builtIn: {} });
    expect(read(['(a+)+$ {name} {1,99}']).problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['textShapes[0]: may use braces only for {name}, {handle}, {n} and {text}']);
    // A whole text: free text would let a post that tells of the sentence fit.
    expect(read(['{text} mutual friends including {name}']).problems[0].message).toBe('may not contain {text}: the whole text must fit the shape');
    expect(read(['{n}{n}{n} {name}']).problems[0].message).toBe('may contain {n} at most twice');
    expect(read(['{name}, {name} and {name}']).problems[0].message).toMatch(/at most 2/);
    expect(read(['commented']).problems[0].message).toBe('must contain {name} or {handle}');
    expect(read(Array.from({ length: 11 }, (_, i) => `{name} ${i}`)).problems[0].message).toBe('has 11 shapes; at most 10');
    // What regex characters a shape holds are its literal words.
    const literal = compileRule({ ...RULE, textShapes: ['{name} (a+)+ posts'] }, cloneDefaults().categories).textShapes;
    expect(fillShape('Ann (a+)+ posts', literal, () => ['momo'])).toBe('momo (a+)+ posts');
    expect(fillShape('Ann aaaa posts', literal, () => ['momo'])).toBeNull();
  });
});

describe('labels and links that name people', () => {
  it('masks an SVG picture’s label when the picture is at a profile-picture address, not a post picture’s', async () => {
    document.body.innerHTML = `
      <svg id="avatar" role="img" aria-label="Ann Lee"><g><image href="https://cdn.example.test/avatars/ann.jpg"></image></g></svg>
      <svg id="photo" role="img" aria-label="Sunset over the bay"><image href="https://cdn.example.test/photos/1.jpg"></image></svg>`;
    startEngine(RULE);
    await flush();
    expect(document.querySelector('#avatar')!.getAttribute('aria-label')).toBe('momo');
    expect(document.querySelector('#photo')!.getAttribute('aria-label')).toBe('Sunset over the bay');
  });

  it('masks "@handle" in a label as a mention, leaving an e-mail address; not when mentions are off', async () => {
    const html = `<a href="https://example.test/ann">Ann Lee</a>
      <img id="photo" src="https://cdn.example.test/photos/1.jpg" alt="Photo shared by Ann Lee tagging @bob.k and @carol_1. A beach">
      <img id="mail" src="https://cdn.example.test/photos/2.jpg" alt="Write to ann@example.test">`;
    document.body.innerHTML = html;
    startEngine(RULE);
    await flush();
    expect(document.querySelector('#photo')!.getAttribute('alt')).toMatch(/^Photo shared by momo tagging @momo and @momo/);
    expect(document.querySelector('#mail')!.getAttribute('alt')).toBe('Write to ann@example.test');
    stopEngines();
    document.body.innerHTML = html;
    startEngine(RULE, document, {}, { ...cloneDefaults().categories, mentions: false });
    await flush();
    expect(document.querySelector('#photo')!.getAttribute('alt')).toBe('Photo shared by momo tagging @bob.k and @carol_1. A beach');
  });

  it('reads a profile link holding the handle and the name in two elements; not one holding other words', async () => {
    document.body.innerHTML = `
      <a id="both" href="https://example.test/@edsheeran"><div>
        <h4>edsheeran</h4><div class="badge"></div></div>
        <p>Ed Sheeran</p></a>
      <a id="other" href="https://example.test/@ann"><div>
        <h4>Ann Lee</h4></div>
        <p>Follows you</p></a>
      <a id="card" href="https://example.test/@bob">
        <h4>bob</h4>
        <p>Bob Stone</p>
        <p>Maker of things</p></a>`;
    startEngine(RULE);
    await flush();
    expect([text('#both h4'), text('#both p')]).toEqual(['momo', 'momo']);
    expect(document.querySelector('#both h4')!.getAttribute('data-momo')).toBe('handle');
    expect(document.querySelector('#both p')!.getAttribute('data-momo')).toBe('name');
    expect(text('#other p')).toBe('Follows you');
    expect([...document.querySelectorAll('#card *')].map((el) => el.textContent)).toEqual(['bob', 'Bob Stone', 'Maker of things']);
  });

  it('takes a picture whose address holds every piece of a "*" part, not one that holds one piece', async () => {
    document.body.innerHTML = `
      <img id="user" src="https://uploads.example.test/Wk7Qm.jpg?s=64" alt="">
      <img id="post" src="https://uploads.example.test/8kQcO.png" alt="a chart">`;
    startEngine(RULE);
    await flush();
    expect(document.querySelector('#user')!.getAttribute('data-momo')).toBe('avatar');
    expect(document.querySelector('#post')!.hasAttribute('data-momo')).toBe(false);
    const refused = checkRule({ ...RULE, avatarUrls: ['uploads.example.test/*'] }, { builtIn: {} }).problems;
    expect(refused.map((p) => p.path)).toEqual(['avatarUrls[0]']);
  });
});
