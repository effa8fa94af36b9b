/**
 * Functions that run inside the tested page (serialised by the driver: self-contained, no imports).
 * They look at what a person sees, never at what the masker says it did.
 */
import type { Expected } from './fixtures';

export interface PageReading {
  visibleText: string;
  labels: string[];
  title: string;
}

/** Visible text (light DOM and open shadow roots, drafts aside), every alt/title/aria-label, and the tab title. */
export function readPage(): PageReading {
  const texts: string[] = [];
  const labels: string[] = [];
  const visit = (root: Document | ShadowRoot) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'TEXTAREA'].includes(parent.tagName)) continue;
        // The user's own drafts are theirs, never masked (and not a leak of anyone else).
        if (parent.isContentEditable) continue;
        if (!node.textContent?.trim()) continue;
        if (parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) texts.push(node.textContent);
      } else {
        const el = node as Element;
        for (const attr of ['alt', 'title', 'aria-label']) {
          const value = el.getAttribute(attr);
          if (value) labels.push(value);
        }
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    }
  };
  visit(document);
  return { visibleText: texts.join('\n'), labels, title: document.title };
}

/** Scrolls through the page like a reader, calling back at each viewport (the driver screenshots there). */
export function scrollPositions(maxViewports: number): number[] {
  const height = Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0);
  const step = window.innerHeight;
  const positions: number[] = [];
  for (let y = 0; y < height && positions.length < maxViewports; y += step) positions.push(y);
  return positions;
}

/** How many avatar boxes now show the momo artwork (as their picture, drawn over them by CSS `content`, or as their background), and their layout boxes. */
export function momoAvatars(): { count: number; boxes: string[] } {
  const boxes: string[] = [];
  const rect = (el: Element) => {
    const r = el.getBoundingClientRect();
    return `${Math.round(r.x)},${Math.round(r.y + scrollY)},${Math.round(r.width)}x${Math.round(r.height)}`;
  };
  const visit = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      const src = el.localName === 'img' ? (el as HTMLImageElement).currentSrc || el.getAttribute('src') : null;
      const style = getComputedStyle(el);
      const drawn = el.localName === 'img' && style.content.includes('momo-avatar');
      if (drawn || (src && src.includes('momo-avatar')) || style.backgroundImage.includes('momo-avatar')) boxes.push(rect(el));
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return { count: boxes.length, boxes };
}

/** Which expected identities a person could still read on the page. */
export function findLeaks(reading: PageReading, expected: Expected): string[] {
  const allowed = expected.allowedInText ?? {};
  const leaks: string[] = [];
  const isLatin = (s: string) => /^[\p{Script=Latin}\p{N}\s._\-'’]+$/u.test(s);
  const occurs = (haystack: string, needle: string) => {
    if (!isLatin(needle)) return haystack.includes(needle);
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}($|[^\\p{L}\\p{N}_])`, 'u').test(haystack);
  };
  for (const who of [...expected.names, ...expected.handles]) {
    if (allowed[who]) continue;
    if (occurs(reading.visibleText, who)) leaks.push(`text: ${who}`);
    if (reading.labels.some((label) => occurs(label, who))) leaks.push(`label: ${who}`);
    if (occurs(reading.title, who)) leaks.push(`title: ${who}`);
  }
  for (const place of expected.locations) {
    if (reading.visibleText.includes(place)) leaks.push(`location: ${place}`);
  }
  return leaks;
}

/**
 * The page as the site rendered it: the live document's fingerprint must equal the fingerprint of
 * the same HTML parsed afresh (no script ran on either: saved pages are served with script-src 'none').
 */
export async function fingerprintsLiveAndParsed(): Promise<{ live: string; parsed: string }> {
  const print = (doc: Document) => {
    const out: string[] = [];
    // The page's parser turns <template shadowrootmode> into an open shadow root and joins the text on
    // either side of it; DOMParser keeps the template. Both are printed as "#shadow-root" + its content,
    // then the light children, with adjacent text nodes joined.
    const isLive = doc === document;
    const declared = (el: Element) =>
      isLive ? undefined : ([...el.children].find((c) => c.localName === 'template' && c.hasAttribute('shadowrootmode')) as HTMLTemplateElement | undefined);
    const walkChildren = (nodes: Iterable<Node>, skip?: Node) => {
      let text: string | null = null;
      for (const child of nodes) {
        if (child === skip) continue;
        if (child.nodeType === Node.TEXT_NODE) {
          text = (text ?? '') + (child as Text).data;
          continue;
        }
        if (text !== null) out.push(`#${text}`);
        text = null;
        walk(child);
      }
      if (text !== null) out.push(`#${text}`);
    };
    const walk = (node: Node) => {
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const el = node as Element;
      const attrs = el === doc.documentElement ? [] : [...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`);
      out.push(`<${el.localName} ${attrs.join(' ')}>`);
      // DOMParser parses <noscript> as markup, a live page as text: compare it as an opaque element.
      if (el.localName === 'noscript') return;
      const template = declared(el);
      const shadow = isLive ? el.shadowRoot : template?.content;
      if (shadow) {
        out.push('#shadow-root');
        walkChildren(shadow.childNodes);
        out.push('#/shadow-root');
      }
      walkChildren(el.childNodes, template);
    };
    walk(doc.documentElement);
    return out.join('\n');
  };
  const html = await (await fetch(location.href)).text();
  // DOMParser, not Document.parseHTMLUnsafe: Chromium 156's parseHTMLUnsafe drops comment nodes, which
  // joins the text around React's <!-- --> separators.
  return { live: print(document), parsed: print(new DOMParser().parseFromString(html, 'text/html')) };
}

/**
 * Avatar pictures whose size the page fixes (width/height attributes or inline pixel sizes): their
 * boxes, by document index. A picture sized in % takes its box from the layout around it (saved
 * pages come without their stylesheets), which text changes can move. An <img> whose own picture
 * failed to load is left out: unmasked, it shows its alt text, and Firefox lays that out inline,
 * ignoring width and height (the artwork drawn over it while masked loads whatever the page's does).
 */
export function sizedMomoAvatarBoxes(): Record<number, string> {
  const boxes: Record<number, string> = {};
  [...document.querySelectorAll('*')].forEach((el, i) => {
    const isMomo =
      (el.getAttribute('src') ?? '').includes('momo-avatar') ||
      (el.getAttribute('style') ?? '').includes('momo-avatar') ||
      (el.localName === 'img' && getComputedStyle(el).content.includes('momo-avatar'));
    const sized = el.hasAttribute('width') || el.hasAttribute('height') || /(^|;)\s*(width|height)\s*:\s*[\d.]+px/.test(el.getAttribute('style') ?? '');
    const broken = el.localName === 'img' && (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 0;
    if (!isMomo || !sized || broken) return;
    const r = el.getBoundingClientRect();
    boxes[i] = `${Math.round(r.width)}x${Math.round(r.height)}`;
  });
  return boxes;
}
