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

/**
 * Which expected identities a person could still read on the page. Two kinds of occurrence are the
 * page's content, not a leak: one inside a snippet the fixture lists as content that must stay (a
 * bio link "linktr.ee/<handle>", an e-mail address: the person's own words, not a label the site
 * put on them), and a hashtag ("#<handle>": a tag, which no layer may touch).
 */
export function findLeaks(reading: PageReading, expected: Expected): string[] {
  const allowed = expected.allowedInText ?? {};
  const leaks: string[] = [];
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  const snippets = expected.content.map(squash).filter((c) => c.trim());
  const withoutContent = (haystack: string) => snippets.reduce((rest, snippet) => rest.split(snippet).join('\n'), squash(haystack));
  const text = withoutContent(reading.visibleText);
  const labels = reading.labels.map(withoutContent);
  const isLatin = (s: string) => /^[\p{Script=Latin}\p{N}\s._\-'’]+$/u.test(s);
  const occurs = (haystack: string, needle: string) => {
    if (!isLatin(needle)) return haystack.includes(needle);
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}\\p{N}_#])${escaped}($|[^\\p{L}\\p{N}_])`, 'u').test(haystack);
  };
  for (const who of [...expected.names, ...expected.handles]) {
    if (allowed[who]) continue;
    if (occurs(text, who)) leaks.push(`text: ${who}`);
    if (labels.some((label) => occurs(label, who))) leaks.push(`label: ${who}`);
    if (occurs(reading.title, who)) leaks.push(`title: ${who}`);
  }
  for (const place of expected.locations) {
    if (text.includes(place)) leaks.push(`location: ${place}`);
  }
  return leaks;
}

/**
 * The page as the site rendered it: the live document's fingerprint must equal the fingerprint of
 * the same HTML parsed afresh (no script ran on either: saved pages are served with script-src 'none').
 * Compared in the page (a 4 MB page's two fingerprints are not sent to the driver): null when
 * equal, else the first line that differs, as parsed and as live.
 */
export async function differenceFromParsed(): Promise<string | null> {
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
    return out;
  };
  const html = await (await fetch(location.href)).text();
  // DOMParser, not Document.parseHTMLUnsafe: Chromium 156's parseHTMLUnsafe drops comment nodes, which
  // joins the text around React's <!-- --> separators.
  const parsed = print(new DOMParser().parseFromString(html, 'text/html'));
  const live = print(document);
  const line = parsed.findIndex((entry, n) => entry !== live[n]);
  const at = line === -1 && live.length !== parsed.length ? parsed.length : line;
  return at === -1 ? null : `line ${at}: expected ${JSON.stringify(parsed[at]?.slice(0, 200))}, found ${JSON.stringify(live[at]?.slice(0, 200))}`;
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

/**
 * The scroll positions whose viewports show every element that could paint one of the page's avatar
 * pictures, found by the picture's address (`urls`: the fixture's avatarUrls, the same parts the fake
 * internet answers with the avatar colour), never by the rule under test: an <img> (its current
 * source, src or srcset: a lazy one has no current source yet), an SVG <image>, or any element whose
 * computed background is such a picture. Boxes with no size paint nothing and are left out. The
 * first viewport is always in, so a page with no avatar left to see is still looked at once.
 */
export function avatarViewports(urls: string[]): number[] {
  const isAvatar = (value: string | null) => !!value && urls.some((part) => value.includes(part));
  const tops: Array<[number, number]> = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      let source = false;
      if (el.localName === 'img') {
        const img = el as HTMLImageElement;
        source = isAvatar(img.currentSrc) || isAvatar(img.getAttribute('src')) || isAvatar(img.getAttribute('srcset'));
      } else if (el.localName === 'image') {
        source = isAvatar(el.getAttribute('href')) || isAvatar(el.getAttributeNS('http://www.w3.org/1999/xlink', 'href'));
      }
      if (!source && !isAvatar(getComputedStyle(el).backgroundImage)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      tops.push([r.top + scrollY, r.bottom + scrollY]);
    }
  };
  visit(document);
  const height = window.innerHeight;
  const last = Math.max(0, Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0) - height);
  const positions = [0];
  for (const [top, bottom] of tops.sort((a, b) => a[0] - b[0])) {
    const y = positions[positions.length - 1];
    if (top >= y && Math.min(bottom, top + height) <= y + height) continue;
    positions.push(Math.min(Math.max(0, Math.floor(top)), last));
  }
  return [...new Set(positions)];
}

/**
 * Resolves once every avatar picture (by address, as in avatarViewports) in the viewport has loaded
 * or failed (a lazy one starts when scrolled to), or after `timeoutMs`, then two frames later.
 */
export async function avatarsInViewSettled([urls, timeoutMs]: [string[], number]): Promise<void> {
  // A frame, or a quarter second where none comes (a tab the browser stopped rendering): never a hang.
  const nextFrame = () =>
    new Promise<void>((resolve) => {
      requestAnimationFrame(() => resolve());
      setTimeout(resolve, 250);
    });
  const inView = [...document.images].filter((img) => {
    const r = img.getBoundingClientRect();
    const source = `${img.currentSrc} ${img.getAttribute('src') ?? ''} ${img.getAttribute('srcset') ?? ''}`;
    return r.bottom > 0 && r.top < innerHeight && urls.some((part) => source.includes(part));
  });
  const settled = Promise.all(
    inView.map((img) =>
      img.complete
        ? null
        : new Promise((done) => {
            img.addEventListener('load', done, { once: true });
            img.addEventListener('error', done, { once: true });
          }),
    ),
  );
  await Promise.race([settled, new Promise((done) => setTimeout(done, timeoutMs))]);
  await nextFrame();
  await nextFrame();
}

/**
 * Scrolls through the whole page as a reader would, a frame at each screenful, so lazy pictures
 * start loading (a lazy <img> has no box until it loads, and would be missed by avatarViewports),
 * then back to the top; resolves once every picture that can paint has loaded or failed, or after
 * `timeoutMs`. A lazy picture in a hidden subtree or beside the page (a carousel's next slide, past
 * the right edge) never starts loading and would hold the page for the whole timeout: left out.
 */
export async function readThrough(timeoutMs: number): Promise<void> {
  // As in avatarsInViewSettled: written out in each, since evaluate sends the page one function alone.
  const nextFrame = () =>
    new Promise<void>((resolve) => {
      requestAnimationFrame(() => resolve());
      setTimeout(resolve, 250);
    });
  const height = Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0);
  for (let y = 0; y < height; y += innerHeight) {
    window.scrollTo(0, y);
    await nextFrame();
  }
  window.scrollTo(0, 0);
  const pending = [...document.images].filter((img) => {
    if (img.complete || !img.checkVisibility()) return false;
    const r = img.getBoundingClientRect();
    return r.right > 0 && r.left < innerWidth;
  });
  const settled = Promise.all(
    pending.map(
      (img) =>
        new Promise((done) => {
          img.addEventListener('load', done, { once: true });
          img.addEventListener('error', done, { once: true });
        }),
    ),
  );
  await Promise.race([settled, new Promise((done) => setTimeout(done, timeoutMs))]);
  await nextFrame();
}

/**
 * Avatar pictures (by address, as in avatarViewports) that are rendered and still show the real
 * picture: an <img> whose current picture is the avatar with nothing drawn over it (CSS `content`),
 * an SVG <image> still pointing at it, any element whose computed background is it. The pixel
 * count cannot see an avatar that a saved page, without the site's stylesheet, lays out at 0x0
 * (YouTube's grid), covers with a shape (Facebook's ring, black without its CSS) or puts behind an
 * overlay (Xiaohongshu's login dialog); this looks at what each picture element would paint instead.
 * Pictures the page itself does not render (display:none, visibility:hidden) are left out.
 */
export function unmaskedAvatarPictures(urls: string[]): string[] {
  const isAvatar = (value: string | null | undefined) => !!value && urls.some((part) => value.includes(part));
  const found: string[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      const style = getComputedStyle(el);
      let real = isAvatar(style.backgroundImage);
      if (el.localName === 'img') {
        const img = el as HTMLImageElement;
        const source = img.currentSrc || img.getAttribute('src') || img.getAttribute('srcset');
        real ||= isAvatar(source) && !style.content.includes('momo-avatar');
      } else if (el.localName === 'image') {
        real ||= isAvatar(el.getAttribute('href') ?? el.getAttributeNS('http://www.w3.org/1999/xlink', 'href'));
      }
      if (!real || !el.checkVisibility({ visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      found.push(`${el.localName} ${Math.round(r.width)}x${Math.round(r.height)} at ${Math.round(r.top + scrollY)}`);
    }
  };
  visit(document);
  return found;
}
