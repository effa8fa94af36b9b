/**
 * A saved page as the site might ship it after a redesign: the same people, posts, links and
 * pictures in new markup. What a redesign changes is changed; what a site keeps is kept.
 * - Every class name is renamed, in the markup and in the page's own <style> sheets alike (the
 *   new design ships its own sheet: the layout survives, so avatars still paint at their sizes).
 * - Every data-testid is renamed (to a meaningless value) or removed, one or the other by a hash.
 * - Wrapper <div>s are added: the children of about one <div> in three are moved into a new
 *   <div> (laid out as `display: contents`, so the page looks the same), which breaks every
 *   child combinator and :first-child that ran through it.
 * - The framework's `dir="auto"` and `dir="ltr"` are dropped (React Native Web writes them on every
 *   text; a new front end need not): `dir="rtl"` stays, it changes what a reader sees.
 * - Kept: text, href, src/srcset, inline styles, alt/title/aria-label, role, ids, tag names.
 * Deterministic: the same page always gives the same redesign (a salt picks another).
 */
import { JSDOM } from 'jsdom';

export interface RedesignFigures {
  classesRenamed: number;
  testIdsRenamed: number;
  testIdsRemoved: number;
  wrappersAdded: number;
  dirsDropped: number;
}

/** FNV-1a, 32 bits: short stable names. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const CLASS_IN_CSS = /\.(-?[_a-zA-Z][\w-]*)/g;

/** Only a <div>'s children get a wrapper: a <div> anywhere else (a <p>, a <table>) would be re-parsed elsewhere by the browser. */
const WRAPPABLE = 'div';

export function redesign(html: string, salt = 'redesign-2027'): { html: string; figures: RedesignFigures } {
  const dom = new JSDOM(html);
  const doc = dom.window.document;
  const figures: RedesignFigures = { classesRenamed: 0, testIdsRenamed: 0, testIdsRemoved: 0, wrappersAdded: 0, dirsDropped: 0 };

  // Class names: one new name per old name, used in the markup and the sheets.
  const renamed = new Map<string, string>();
  const newName = (old: string) => {
    let name = renamed.get(old);
    if (!name) {
      name = `k${hash(`${salt}:${old}`).toString(36)}`;
      renamed.set(old, name);
    }
    return name;
  };
  for (const el of doc.querySelectorAll('[class]')) {
    const names = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
    if (!names.length) {
      el.removeAttribute('class');
      continue;
    }
    el.setAttribute('class', names.map(newName).join(' '));
  }
  figures.classesRenamed = renamed.size;
  for (const style of doc.querySelectorAll('style')) {
    style.textContent = (style.textContent ?? '').replace(CLASS_IN_CSS, (whole, name: string) => (renamed.has(name) ? `.${renamed.get(name)}` : whole));
  }

  // data-testid: renamed or removed.
  for (const el of doc.querySelectorAll('[data-testid]')) {
    const old = el.getAttribute('data-testid') ?? '';
    const h = hash(`${salt}:testid:${old}:${figures.testIdsRenamed + figures.testIdsRemoved}`);
    if (h % 2) {
      el.setAttribute('data-testid', `t${(h >>> 1).toString(36)}`);
      figures.testIdsRenamed++;
    } else {
      el.removeAttribute('data-testid');
      figures.testIdsRemoved++;
    }
  }

  for (const el of doc.querySelectorAll('[dir="auto" i], [dir="ltr" i]')) {
    el.removeAttribute('dir');
    figures.dirsDropped++;
  }

  // Wrappers: the new design nests deeper.
  const wrapperClass = `w${hash(`${salt}:wrapper`).toString(36)}`;
  const parents = [...doc.body.querySelectorAll(WRAPPABLE)].filter((el) => el.children.length > 0);
  parents.forEach((parent, i) => {
    if (hash(`${salt}:wrap:${i}`) % 3 !== 0) return;
    const wrapper = doc.createElement('div');
    wrapper.className = wrapperClass;
    while (parent.firstChild) wrapper.appendChild(parent.firstChild);
    parent.appendChild(wrapper);
    figures.wrappersAdded++;
  });
  const sheet = doc.createElement('style');
  sheet.textContent = `.${wrapperClass}{display:contents}`;
  doc.head.appendChild(sheet);

  return { html: dom.serialize(), figures };
}
