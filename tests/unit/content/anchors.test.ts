/**
 * A subtree is queried only with the selectors whose first compound it has, in it or above it
 * (content/anchors.ts, issue 17). What must never happen: a selector left out where it can match.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryFor } from '../../../src/content/anchors';
import { compileRule } from '../../../src/content/compile-rule';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { firstCompound } from '../../../src/shared/rule/selector-text';
import { cloneDefaults } from '../../../src/shared/settings';
import { flush, startEngine, stopEngines } from './helpers';

const RULE: SiteRule = {
  id: 'test',
  name: 'Test site',
  hosts: ['example.test'],
  names: [
    '[data-testid="card"] .name',
    'main.feed:has(h1) .title-name',
    'a[href^="/"] .link-name',
    '.row + .follow-name',
    'div:not(:has(p)) .odd-name',
    ':host(.card) .shadow-name',
  ],
  handles: ['.handle'],
};
const compiled = () => compileRule(RULE, cloneDefaults().categories);
/** The selectors a query keeps, one by one. */
const kept = (top: Element) => queryFor(compiled(), top).parts.flatMap((part) => part.selector.split(','));

afterEach(() => {
  stopEngines();
  document.body.innerHTML = '';
});

describe('the first compound that gates a selector', () => {
  it('is the start of a descendant or child chain, up to any :has()', () => {
    expect(firstCompound('[data-testid="tweet"] a')).toBe('[data-testid="tweet"]');
    expect(firstCompound('a>b')).toBe('a');
    expect(firstCompound('[title="a b"] c')).toBe('[title="a b"]');
    expect(firstCompound('.a\\ b c')).toBe('.a\\ b');
    expect(firstCompound('x:is(a b) c')).toBe('x:is(a b)');
    expect(firstCompound('[data-testid="primaryColumn"]:has([data-testid="UserName"]) section > h1')).toBe('[data-testid="primaryColumn"]');
  });

  it('is none for a single compound, a list, a sibling first, a scope, or a :has() alone', () => {
    for (const selector of ['a', 'a, b c', 'a + b c', 'a ~ b', ':host(.x) a', ':scope > a', ':has(x) y']) expect(firstCompound(selector), selector).toBeNull();
  });
});

describe('the query of a subtree', () => {
  it('leaves out selectors whose first compound is neither in the subtree nor above it', () => {
    document.body.innerHTML = '<section id="top"><span class="name">Ann</span></section>';
    const selectors = kept(document.getElementById('top')!);
    expect(selectors).not.toContain('[data-testid="card"] .name');
    expect(selectors).toContain('.handle');
  });

  it('keeps them when the first compound is inside the subtree', () => {
    document.body.innerHTML = '<section id="top"><div data-testid="card"><span class="name">Ann</span></div></section>';
    expect(kept(document.getElementById('top')!)).toContain('[data-testid="card"] .name');
  });

  it('keeps them when the subtree was added inside such an element', () => {
    document.body.innerHTML = '<div data-testid="card"><div><span id="top" class="name">Ann</span></div></div>';
    expect(kept(document.getElementById('top')!)).toContain('[data-testid="card"] .name');
  });

  it('gates on the compound without its :has(), and never on a cut that is no selector', () => {
    document.body.innerHTML = '<section id="top"></section>';
    const selectors = kept(document.getElementById('top')!);
    expect(selectors).not.toContain('main.feed:has(h1) .title-name');
    expect(selectors).toContain('div:not(:has(p)) .odd-name');
    document.body.innerHTML = '<main class="feed"><section id="top"></section></main>';
    expect(kept(document.getElementById('top')!)).toContain('main.feed:has(h1) .title-name');
  });

  it('never leaves out a selector that starts from a sibling, a shadow host, or a compound nearly every subtree has', () => {
    document.body.innerHTML = '<section id="top"></section>';
    const selectors = kept(document.getElementById('top')!);
    for (const selector of ['.row + .follow-name', ':host(.card) .shadow-name', 'a[href^="/"] .link-name']) expect(selectors).toContain(selector);
  });
});

describe('the look for first compounds', () => {
  it('makes no match test of each element found: a query each, stopping at the first', () => {
    const { anchors } = compiled();
    document.body.innerHTML = `<section id="top">${'<div data-testid="card"><a href="/u"><span class="name"></span></a></div>'.repeat(50)}</section>`;
    const top = document.getElementById('top')!;
    const matches = vi.spyOn(Element.prototype, 'matches');
    const queryAll = vi.spyOn(Element.prototype, 'querySelectorAll');
    try {
      expect(kept(top)).toContain('[data-testid="card"] .name');
      // The top itself, once per compound; nothing on the 50 cards and 50 links found.
      expect(matches.mock.calls.length).toBe(anchors.list.length);
      expect(queryAll).not.toHaveBeenCalled();
    } finally {
      matches.mockRestore();
      queryAll.mockRestore();
    }
  });
});

describe('masking with gated queries', () => {
  it('masks a name the page renders into a card that was already there, and leaves one outside any card', async () => {
    document.body.innerHTML = '<div data-testid="card"><div id="slot"></div></div><div id="outside"></div>';
    // jsdom matches nothing with a list that holds :has() or :host(): the selectors it reads, here.
    startEngine({ ...RULE, names: ['[data-testid="card"] .name', '.row + .follow-name'] });
    document.getElementById('slot')!.innerHTML = '<p><span class="name">Ann Lee</span></p>';
    document.getElementById('outside')!.innerHTML = '<p><span class="name">Bob Roe</span></p>';
    await flush();
    expect(document.getElementById('slot')!.textContent).toBe('momo');
    expect(document.getElementById('outside')!.textContent).toBe('Bob Roe');
  });

  it('reads what lies above a parent anew in each callback', async () => {
    document.body.innerHTML = '<div id="list"></div>';
    startEngine({ ...RULE, names: ['[data-testid="card"] .name'] });
    const list = document.getElementById('list')!;
    // One batch into one parent: both posts are queried with what lies above it.
    list.innerHTML = '<p><span class="name">Ann Lee</span></p><div data-testid="card"><span class="name">Cy Doe</span></div>';
    await flush();
    expect(list.textContent).toBe('Ann Leemomo');
    // The page then puts the list into a card: the next post added to it is inside one.
    const card = document.createElement('div');
    card.dataset.testid = 'card';
    document.body.append(card);
    card.append(list);
    await flush();
    list.insertAdjacentHTML('beforeend', '<p><span class="name">Bob Roe</span></p>');
    await flush();
    expect(list.lastElementChild!.textContent).toBe('momo');
  });
});
