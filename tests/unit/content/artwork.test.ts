/**
 * The artwork reaches a page by no extension address: the site stylesheet and every inline style
 * or attribute the masker writes name a data: URL of the picture, the same for every install.
 * (tests/e2e/page-probe.*.test.ts probes the same from a real page in both browsers.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drawingStylesheet } from '../../../src/content/masker';
import { AVATAR_DATA_URL, AVATAR_SVG, svgDataUrl } from '../../../src/shared/artwork';
import { cloneDefaults } from '../../../src/shared/settings';
import { startEngine, stopEngines, TEST_RULE } from './helpers';

const EXTENSION_ADDRESS = /(chrome|moz)-extension:|__MSG_@@extension_id__/;

afterEach(() => {
  stopEngines();
  document.body.innerHTML = '';
});

describe('the artwork as a data: URL', () => {
  it('is the file the extension pages show, picture for picture', () => {
    expect(readFileSync(resolve(__dirname, '../../../public/momo-avatar.svg'), 'utf8').replace(/\n/g, '')).toBe(AVATAR_SVG);
    const decoded = decodeURIComponent(AVATAR_DATA_URL.slice('data:image/svg+xml,'.length));
    expect(decoded).toBe(AVATAR_SVG.replace(/"/g, "'"));
  });

  it('stands inside url("…") in CSS: no double quote, no raw #, %, < or >, ASCII only', () => {
    const body = AVATAR_DATA_URL.slice('data:image/svg+xml,'.length);
    expect(body).not.toMatch(/["#<>\n]|%(?![0-9A-F]{2})/);
    expect(AVATAR_DATA_URL).toMatch(/^[\x20-\x7e]+$/);
    expect(svgDataUrl('<a b="#1">50%</a>\n')).toBe("data:image/svg+xml,%3Ca b='%231'%3E50%25%3C/a%3E");
    // The browser reads it back as the same URL.
    const probe = document.createElement('i');
    probe.style.setProperty('background-image', `url("${AVATAR_DATA_URL}")`);
    expect(probe.style.backgroundImage).toContain(AVATAR_DATA_URL);
  });

  it('is what the site stylesheet draws over avatars, with no extension address in it', () => {
    const sheet = drawingStylesheet();
    expect(sheet).toContain(`url("${AVATAR_DATA_URL}")`);
    expect(sheet).not.toMatch(EXTENSION_ADDRESS);
  });
});

describe('what the masker writes into a page', () => {
  it('names no extension address: <img> in a shadow root, a background box, an SVG <image>, a pseudonym tint', () => {
    document.body.innerHTML = `
      <x-card></x-card>
      <div class="avatar-box" style="background-image: url(https://cdn.example.test/bg.jpg)"><svg><image href="https://cdn.example.test/s.jpg"></image></svg></div>
      <img class="avatar" src="https://cdn.example.test/a.jpg">`;
    document.querySelector('x-card')!.attachShadow({ mode: 'open' }).innerHTML = '<img class="avatar" src="https://cdn.example.test/s.jpg">';
    startEngine({ ...TEST_RULE, identity: { hrefPaths: [] } }, document, { mode: 'pseudonym', salt: 'c0ffee' }, cloneDefaults().categories, true);
    const shadowImg = document.querySelector('x-card')!.shadowRoot!.querySelector('img')!;
    const written = [document.body, shadowImg].flatMap((root) => [root, ...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`)));
    expect(shadowImg.getAttribute('style')).toContain('data:image/svg+xml');
    // The box that paints its own picture is marked for the site stylesheet, which draws the data: URL over it.
    expect(document.querySelector('.avatar-box')!.getAttribute('data-momo-paint')).toBe('');
    expect(drawingStylesheet()).toMatch(/\[data-momo-paint\] \{\s*background-image: url\("data:image\/svg\+xml/);
    expect(drawingStylesheet()).not.toMatch(EXTENSION_ADDRESS);
    expect(document.querySelector('image')!.getAttribute('href')).toBe(AVATAR_DATA_URL);
    expect(written.filter((attribute) => EXTENSION_ADDRESS.test(attribute))).toEqual([]);
  });
});
