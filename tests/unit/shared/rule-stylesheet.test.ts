/**
 * The site stylesheet hides the built-in rule's identity selectors until the engine marks them. A
 * selector the rule in force no longer has (the user removed it from their edit, a pack replaced
 * it) must not stay hidden: nothing would ever mask it, so it would stay invisible for good.
 */
import { describe, expect, it } from 'vitest';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { droppedSelectors, hidingStylesheet } from '../../../src/shared/rule/stylesheet';

const BUILT_IN: SiteRule = { id: 'site', name: 'Site', hosts: ['site.example'], names: ['.author', '.byline span'], avatars: ['img.avatar'] };

/** Whether the sheet's hide block applies to `el`: its selector list, as the browser matches it. */
function hidden(sheet: string, el: Element): boolean {
  const selectorList = sheet.slice(0, sheet.indexOf(' {'));
  return el.matches(selectorList);
}

function page(): { byline: Element; author: Element; avatar: Element } {
  document.documentElement.removeAttribute('data-momo-drop');
  document.body.innerHTML = '<div class="byline"><span>Post text that a wrong selector caught</span></div><b class="author">Alice</b><img class="avatar">';
  return { byline: document.querySelector('.byline span')!, author: document.querySelector('.author')!, avatar: document.querySelector('img')! };
}

describe('the site stylesheet and the rule in force', () => {
  const sheet = hidingStylesheet(BUILT_IN);

  it('hides every built-in selector until masked, while the built-in rule is in force', () => {
    const { byline, author, avatar } = page();
    expect(droppedSelectors(BUILT_IN, BUILT_IN)).toBe('');
    expect([hidden(sheet, byline), hidden(sheet, author), hidden(sheet, avatar)]).toEqual([true, true, true]);
    author.setAttribute('data-momo', 'name');
    expect(hidden(sheet, author)).toBe(false);
  });

  it('lets a selector the user removed from their edit show, and keeps hiding the rest', () => {
    const { byline, author, avatar } = page();
    const edited: SiteRule = { ...BUILT_IN, names: ['.author'] };
    const dropped = droppedSelectors(BUILT_IN, edited);
    expect(dropped).toBe('names-1');
    document.documentElement.setAttribute('data-momo-drop', dropped);
    expect([hidden(sheet, byline), hidden(sheet, author), hidden(sheet, avatar)]).toEqual([false, true, true]);
  });

  it('counts a field emptied or left out as every selector dropped, and a moved selector as kept', () => {
    expect(droppedSelectors(BUILT_IN, { ...BUILT_IN, avatars: undefined })).toBe('avatars-0');
    expect(droppedSelectors(BUILT_IN, { ...BUILT_IN, names: ['.byline span', '.author', '.new'] })).toBe('');
  });

  it("shows again what a selector matches inside the user's draft, whatever is around the editor", () => {
    document.documentElement.removeAttribute('data-momo-drop');
    document.body.innerHTML = '<div class="byline"><div contenteditable="true"><span>typed by the user</span></div></div><div contenteditable><b class="author">Alice</b></div>';
    const release = sheet.slice(sheet.indexOf('@layer momo-drafts {') + '@layer momo-drafts {'.length, sheet.lastIndexOf(' {'));
    const typed = document.querySelector('[contenteditable="true"] span')!;
    const author = document.querySelector('.author')!;
    // Hidden by the first block, shown by the layered one (which wins: an important declaration in a layer).
    expect([hidden(sheet, typed), hidden(sheet, author)]).toEqual([true, true]);
    expect([typed.matches(release), author.matches(release)]).toEqual([true, true]);
    expect(document.querySelector('.byline')!.matches(release)).toBe(false);
  });

  it('leaves :has() selectors to the engine: the browser would match them again at every insertion', () => {
    const withHas = hidingStylesheet({ ...BUILT_IN, names: ['.thread:has(.op) .author', '.author'] });
    expect(withHas).not.toContain(':has(');
    expect(withHas).toContain('.author:not([data-momo])');
  });
});
