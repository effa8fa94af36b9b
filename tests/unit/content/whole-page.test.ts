/**
 * A selector that gets past the rule checker and still matches the page itself (a class the site
 * puts on its <body>) or a container holding the page's code and styles rewrites neither: the
 * masker never writes into <html>, <body> or <head>, nor into a <script> or <style> under what it
 * masks. (The checker's side: tests/unit/packs/pack-schema.test.ts.)
 */
import { afterEach, expect, it } from 'vitest';
import { startEngine, stopEngines, type TEST_RULE } from './helpers';

type Rule = typeof TEST_RULE;
const only = (extra: Partial<Rule>): Rule => ({ id: 'site', name: 'Site', hosts: ['example.test'], ...extra }) as Rule;

afterEach(() => {
  stopEngines();
  document.body.innerHTML = '';
  document.body.removeAttribute('class');
  document.documentElement.removeAttribute('class');
  document.documentElement.removeAttribute('style');
});

it('leaves <body> and <html> alone when a site class matches them', () => {
  document.body.className = 'logged-in';
  document.documentElement.className = 'page';
  document.body.innerHTML = '<p>Lena Vogel wrote this</p>';
  startEngine(only({ names: ['.logged-in'], locations: ['.page'], locationText: ['.logged-in'] }));
  expect(document.body.textContent).toBe('Lena Vogel wrote this');
  expect(document.body.hasAttribute('data-momo')).toBe(false);
  expect(document.documentElement.hasAttribute('data-momo')).toBe(false);
  expect(document.documentElement.getAttribute('style')).toBeNull();
});

it('masks a name in a container without touching the <style> and <script> in it', () => {
  const css = '.x { color: red }';
  const code = 'window.x = "Lena Vogel";';
  document.body.innerHTML = `<div class="app"><style>${css}</style><span>Lena Vogel</span><script type="text/plain">${code}</script></div>`;
  startEngine(only({ names: ['.app'] }));
  expect(document.querySelector('.app span')!.textContent).toBe('momo');
  expect(document.querySelector('style')!.textContent).toBe(css);
  expect(document.querySelector('script')!.textContent).toBe(code);
});
