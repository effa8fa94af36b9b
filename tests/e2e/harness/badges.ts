/**
 * Which of a page's badges and counts (expected.json "badges", written by hand from the page) a
 * reader can still see: "text: …" in the page's visible text (its text nodes run together, spaces
 * squashed: "2.6K Followers"), "label: …" as the alt, title, aria-label or tooltip of a visible
 * element, "picture: …" in the address of a visible picture. Open shadow roots count too.
 * Self-contained: it runs in the page (page.evaluate) and in jsdom, which has no layout: there
 * (`layout` false) only an inline display:none or the hidden attribute, on the element or above it, hides.
 */
export function badgesShown([entries, layout]: [string[], boolean]): string[] {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const above = (el: Element): Element | null => el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host || null);
  const hiddenInline = (el: Element): boolean => {
    for (let at: Element | null = el; at; at = above(at)) if ((at as HTMLElement).style?.display === 'none' || at.hasAttribute('hidden')) return true;
    return false;
  };
  // With layout: not display:none, and not kept invisible either (the site stylesheet holds what it
  // hides until masked at opacity 0; the category being off lifts that).
  const visible = (el: Element) => (layout ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : !hiddenInline(el));
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++) for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);

  let text = '';
  const labels = new Set<string>();
  const pictures: string[] = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && !parent.closest('script, style, noscript, template, title') && visible(parent)) text += (node as Text).data;
    }
    for (const el of root.querySelectorAll('[alt], [title], [aria-label], [data-tooltip]')) {
      if (!visible(el)) continue;
      for (const attr of ['alt', 'title', 'aria-label', 'data-tooltip']) {
        const value = el.getAttribute(attr);
        if (value) labels.add(squash(value));
      }
    }
    for (const el of root.querySelectorAll('img, image')) {
      if (visible(el)) pictures.push(['src', 'srcset', 'href', 'xlink:href'].map((attr) => el.getAttribute(attr) ?? '').join(' '));
    }
  }
  text = squash(text);
  return entries.filter((entry) => {
    const [kind, ...rest] = entry.split(': ');
    const value = squash(rest.join(': '));
    if (kind === 'text') return text.includes(value);
    if (kind === 'label') return labels.has(value);
    if (kind === 'picture') return pictures.some((address) => address.includes(value));
    throw new Error(`badge "${entry}": expected "text: …", "label: …" or "picture: …"`);
  });
}
