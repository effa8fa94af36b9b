/**
 * Rewrites identity elements in place and remembers every original value, so that `restoreAll`
 * gives back the page exactly as the site rendered it: the same nodes, the same attribute strings.
 * Nodes are never replaced or moved, so frameworks that hold references to them (React, Vue, Lit)
 * keep working. Each write is idempotent: masking a masked element writes nothing, which also lets
 * the observer ignore the records of our own writes.
 */
import { AVATAR_DATA_URL } from '../shared/artwork';
import { changeStore, type Change } from './change-store';
import type { MaskKind } from './compile-rule';

/** Who an identity element becomes: decided by the engine (crowd, pseudonym, or the user's own label). */
export interface Who {
  /** Display name: "momo", "momo·k3f9", or the user's label. */
  name: string;
  /** Handle without "@": "momo" or "momo·k3f9". */
  handle: string;
  /** Avatar tint in pseudonym mode, in degrees; null for the plain artwork. */
  hue: number | null;
}

/**
 * Marker attribute: present on every element the engine has handled; its value is the kind. Built,
 * not a literal: the minifier copies a string constant into each of its twenty-odd uses, 135 bytes
 * of the size-bound content script.
 */
export const MARK = ['data', 'momo'].join('-');
/** Node.ELEMENT_NODE and Node.TEXT_NODE, read on every node walked: as numbers they cost the size-bound content script 1 byte a use, not 16. */
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
/** On an identity that only a layer beyond the site's structure caught (content/fallback-layers.ts). */
export const LAYER = `${MARK}-layer`;
/** What the content script says in the page's console, under the extension's name (one prefix: bytes of the size-bound script). */
export const warn = (...what: unknown[]): void => console.warn('[Momo Mask]', ...what);
/** On a box that draws its own picture as a background: the site stylesheet paints the artwork over it (drawingStylesheet). */
export const PAINT = `${MARK}-paint`;

/**
 * What a built-in site's manifest stylesheet does to marked elements, so the masker does not have
 * to write it into each one: the artwork (a data: URL, which names no extension address a page
 * could read or load: shared/artwork.ts) is drawn over an avatar <img> by CSS `content` (whatever
 * its src, srcset or <picture> sources, and whatever the page writes into them later: no source
 * swap, no picture loading, no frame with the old picture), over a box that draws its own picture as
 * a background (marked PAINT: no inline style to write and keep), and locations and emoji are hidden.
 * A document's stylesheets do not reach into shadow roots: there the masker writes the same inline.
 */
export function drawingStylesheet(): string {
  return `img[${MARK}="avatar"], img[${MARK}="avatar-part"] {
  content: url("${AVATAR_DATA_URL}") !important;
  object-fit: cover !important;
}
[${PAINT}] {
  background-image: url("${AVATAR_DATA_URL}") !important;
  background-size: cover !important;
  background-position: center !important;
}
[${MARK}="location"], [${MARK}="badge"], [${MARK}="hidden"] {
  display: none !important;
}
`;
}

/** A space or a bidi mark: one character that BIDI_OR_SPACE or BIDI_TAIL would strip. */
export const EDGE_CHAR = /[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const EDGE = EDGE_CHAR.source;
const BIDI_OR_SPACE = new RegExp(`^${EDGE}*`);
const HANDLE_PREFIX = /^(?:@|\/?u\/)/;
const BIDI_TAIL = new RegExp(`${EDGE}*$`);
const SVG_NS = 'http://www.w3.org/2000/svg';
/** What an avatar box (or a picture masked on its own) is marked as. */
export const AVATAR_BOX = `[${MARK}="avatar"]`;
/** What a name or a handle is marked as: a mention inside one is masked with it. */
export const NAMED = `[${MARK}="name"],[${MARK}="handle"]`;
/**
 * Where an avatar box's pictures can hide: its images, SVG images, inline backgrounds. <picture>
 * sources need nothing: the artwork is drawn over the <img> whatever source it picked.
 */
const AVATAR_INSIDE = 'img,image,[style*="background"]';
/** What shows a picture inside an avatar box (masked as its parts): a box holding none draws its own. */
const PICTURES = 'img, image, picture, video, canvas, [style*="background" i]';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

export class Masker {
  /** Original names and handles seen on this page, and what each became (for the title and post text). */
  readonly seen = new Map<string, string>();
  /** The keys of `seen` in the order they were first seen: who needs only the names seen since last time reads from an index on. */
  readonly seenNames: string[] = [];
  /** How many times `seen` changed: a name seen, or shown as something else (another person of that name, keyed otherwise). The title follows. */
  seenChanges = 0;
  /** Where what we changed in each node is kept: the browser's fastest place (change-store.ts). */
  readonly #changes = changeStore();
  /** The last element whose own style was made to show the artwork since the engine last took it (mask-engine.ts settle: the artwork's load under a page's CSP). */
  drawn: Element | null = null;
  /** Told of each SVG picture masked: the engine watches it for the page's new xlink:href (mask-engine.ts, its constructor). */
  onSvgPicture: (image: Element) => void = () => {};
  /**
   * Set by the engine while it masks what its one query found in a subtree it saw hold no draft
   * (mask-engine.ts scanSubtree): the walks under those elements need not test each one for an editor.
   */
  noDraftsBelow = false;
  /** Elements and text nodes examined: the cost counter the scaling tests read. */
  visited = 0;
  /** Set by the engine once it masks a shadow root: until then every element masked is in the document, where its stylesheet reaches. */
  shadowRootsSeen = false;
  /** Role marks ("OP", "楼主") inside a name that stay as they are, and out of the name's text (the rule's roles; pseudonym mode only). */
  roles = '';

  /**
   * @param mentionAs who "@someone" in post text becomes
   * @param siteSheet the document has the site's manifest stylesheet (drawingStylesheet): a site
   *   the user added has none
   */
  readonly #siteSheet: boolean;

  constructor(
    public mentionAs: (handle: string) => Who,
    siteSheet = false,
  ) {
    this.#siteSheet = siteSheet;
  }

  /**
   * @param outsideDrafts the caller has just seen that `el` is not inside the user's draft (one
   *   query per added subtree, mask-engine.ts): spares a look up its ancestors for each identity.
   *   Whatever it says, nothing inside an editor under `el` is written (the walks skip them).
   */
  mask(el: Element, kind: MaskKind, who: Who, attributes?: string[], outsideDrafts = false): void {
    this.visited++;
    if (isPageItself(el) || (!outsideDrafts && inDraft(el))) return;
    // A label mark (set on a link or a picture inside a box whose labels were scrubbed) gives way to what the element is.
    const mark = el.getAttribute(MARK);
    const marked = mark === null || mark === 'label' ? kind : mark;
    if (marked !== mark) el.setAttribute(MARK, kind);
    const { name } = who;
    switch (kind) {
      case 'avatar':
      case 'avatar-part':
        // A box inside a box masked already (X nests two around a post's picture): the outer one
        // masked every picture and label inside, and masks them again when the page changes them
        // (the engine masks again every marked ancestor, and a changed picture's outermost box).
        if (kind === 'avatar' && closestAbove(el, AVATAR_BOX) && el.querySelector(PICTURES)) break;
        this.#maskPicture(el, marked, who.hue);
        this.#scrubLabels(el, name, name);
        if (el.firstElementChild) {
          // A box's pictures, whatever the page puts in it later (the engine masks a marked box again then).
          if (kind === 'avatar') {
            for (const picture of el.querySelectorAll(AVATAR_INSIDE)) {
              if (!this.noDraftsBelow && editableBetween(picture, el)) continue;
              this.mask(picture, 'avatar-part', who, undefined, true);
              // The box's selector vouches for it: no layer's alone (countFallback).
              picture.removeAttribute(LAYER);
            }
          }
          // A drawn avatar in the box (XenForo's letter on a coloured disc, role="img") says whose it is in its label.
          for (const inner of el.querySelectorAll('[aria-label], [title], [alt]')) {
            if (!this.noDraftsBelow && editableBetween(inner, el)) continue; // a picture in a draft under the box is the user's
            if (!inner.hasAttribute(MARK)) inner.setAttribute(MARK, 'label'); // restore finds its labels by the mark
            this.#scrubLabels(inner, name, name);
          }
        }
        break;
      case 'name':
        this.#maskText(el, null, name);
        this.#scrubLabels(el, name, name);
        break;
      case 'handle':
        this.#maskText(el, who.handle, `@${who.handle}`);
        this.#scrubLabels(el, `@${who.handle}`, name);
        break;
      case 'mention':
        // A handle, or a link inside a name or handle ("Jane @jane" on X, whose every link to a profile
        // is a mention), is masked as that: its own pass would write the rest of the name back ("Jane @momo").
        if (marked === 'handle' || closestAbove(el, NAMED)) break;
        this.#maskMentions(el);
        break;
      case 'location':
      case 'badge':
        if (!this.#drawnBySheet(el, marked, 'location', 'badge')) this.#setStyle(el, 'display', 'none');
        break;
      case 'attribute':
        for (const attr of attributes ?? []) {
          const value = this.#originalAttr(el, attr);
          if (value) this.#setAttr(el, attr, value.startsWith('@') ? `@${who.handle}` : name);
        }
        break;
    }
  }

  /**
   * Rewrites the text nodes under `top` that `accept` lets through (all by default), outside the
   * user's drafts: location labels cut out of a scope, each seen name as it was shown.
   */
  rewriteTexts(top: Element | Document | ShadowRoot, rewrite: (text: string) => string, accept?: (text: Text) => boolean): void {
    if (top.nodeType === ELEMENT_NODE ? inDraft(top as Element) : inDesignMode(top)) return;
    for (let node = top.firstChild; node; node = nextWritable(node, top)) {
      if (node.nodeType !== TEXT_NODE) continue;
      this.visited++;
      const text = node as Text;
      if (!text.parentElement || (accept && !accept(text))) continue;
      const data = text.data;
      const original = this.originalText(text, data);
      const masked = rewrite(original);
      if (masked !== original) this.#setText(text, original, masked, text.parentElement, data);
    }
  }

  /** Rewrites a text node standing on its own (the document title). */
  maskLoneText(node: Text, owner: Element, rewrite: (original: string) => string): void {
    if (inDraft(owner)) return;
    const data = node.data;
    const original = this.originalText(node, data);
    const masked = rewrite(original);
    if (masked !== original || this.#changes.text(node)) this.#setText(node, original, masked, owner, data);
  }

  /** Forgets the names seen (the persona changed: they are shown as something else now). */
  forgetSeen(): void {
    this.seen.clear();
    this.seenNames.length = 0;
  }

  /** The page's own value of a text node, even after we rewrote it; `data`: the node's data, when the caller has read it already (each read makes a string). */
  originalText(node: Text, data = node.data): string {
    const change = this.#changes.text(node);
    if (!change) return data;
    if (data === change.masked) return change.original ?? '';
    // The page wrote to the node after us: what it wrote is the new original. The HTML parser
    // appends to the last text node while the page loads, so our rewrite may be followed by the rest
    // of the name. A script's write that starts with our rewrite is its whole value: Vue writing
    // "编辑于 1天前 福建" back over our cut "编辑于 1天前" (Xiaohongshu) read as our cut plus " 福建"
    // appended, and the label showed, its original doubled on restore.
    const original =
      change.masked && data !== change.original && data.startsWith(change.masked) && node.ownerDocument.readyState === 'loading'
        ? (change.original ?? '') + data.slice(change.masked.length)
        : data;
    change.original = original;
    return original;
  }

  /** Puts every marked element under `root` back as the site rendered it. */
  restoreAll(root: ParentNode): void {
    for (const el of root.querySelectorAll(`[${MARK}]`)) this.#restore(el);
  }

  /** Every text node we changed is under a marked element (setText marks its owner): restoring the marked elements restores them all. */
  #restore(el: Element): void {
    for (let node = el.firstChild; node; node = following(node, el)) {
      const change = node.nodeType === TEXT_NODE ? this.#changes.text(node as Text) : undefined;
      if (!change) continue;
      if ((node as Text).data === change.masked) (node as Text).data = change.original ?? '';
      this.#changes.setText(node as Text, undefined);
    }
    for (const [attr, change] of this.#changes.attributes(el) ?? []) {
      if (el.getAttribute(attr) !== change.masked) continue; // the page changed it since: keep the page's value
      if (change.original === null) el.removeAttribute(attr);
      else el.setAttribute(attr, change.original);
    }
    this.#changes.setAttributes(el, undefined);
    el.removeAttribute(MARK);
    el.removeAttribute(LAYER);
  }

  /**
   * Rewrites the label attributes (alt, title, aria-label) of an element that is no identity itself,
   * as `rewrite` says (names learned elsewhere on the page); marked "label" so restore finds it.
   * The caller has made sure `el` is in none of the user's drafts (it looks once per subtree).
   */
  rewriteLabels(el: Element, rewrite: (value: string) => string): void {
    for (const attr of LABELS) {
      const current = el.getAttribute(attr);
      if (!current) continue;
      const original = this.#originalAttr(el, attr, current);
      const masked = original && rewrite(original);
      if (!original || masked === original) continue;
      if (!el.hasAttribute(MARK)) el.setAttribute(MARK, 'label');
      this.#setAttr(el, attr, masked as string, current, original);
    }
  }

  /** The original text of an element (its text nodes as the page wrote them), without "@" or "u/". */
  originalIdentityText(el: Element): string {
    return stripHandle(this.#originalTextContent(el));
  }

  /**
   * Draws the artwork over a picture, or over a box that draws its own. The pseudonym's tint goes
   * only where the artwork is drawn: filters compose down the tree, and X nests up to four avatar
   * boxes around one picture, so a tint on each box turned one person's colour with the nesting.
   */
  #maskPicture(el: Element, marked: string, hue: number | null): void {
    const url = AVATAR_DATA_URL;
    const tint = () => hue !== null && this.#setStyle(el, 'filter', `hue-rotate(${hue}deg)`);
    if (el.localName === 'img') {
      tint();
      // Drawn over by CSS `content`, never a source swap (see drawingStylesheet).
      this.drawn = el;
      if (!this.#drawnBySheet(el, marked, 'avatar', 'avatar-part')) {
        this.#setStyle(el, 'content', `url("${url}")`);
        this.#setStyle(el, 'object-fit', 'cover');
      }
    } else if (el.namespaceURI === SVG_NS && el.localName === 'image') {
      tint();
      this.onSvgPicture(el);
      if (el.hasAttribute('href')) this.#setAttr(el, 'href', url);
      if (el.hasAttributeNS(XLINK_NS, 'href')) this.#setAttr(el, 'xlink:href', url);
    } else if (el.namespaceURI !== SVG_NS) {
      // A box: its pictures are masked as avatar parts. One with none inside draws the picture itself,
      // as a background from its style or the page's stylesheets: painted over, whichever. Decided
      // from the element, not its computed style: reading that forced a style recalculation in every
      // batch of a feed, the top self time of the masking on X (issue 17). Tinted only then: a
      // background under its pictures (Bluesky's colour behind the photo) is not what shows.
      const background = /background/i.test(el.getAttribute('style') ?? '');
      // Looked for only where it decides something: whether a box without a background style draws
      // at all, and whether a tint goes on it (with no tint to give, a background box is drawn either way).
      const holdsPictures = (!background || hue !== null) && el.querySelector(PICTURES) !== null;
      if (holdsPictures && !background) return;
      if (!holdsPictures) tint();
      this.drawn = el;
      if (this.#drawnBySheet(el, marked, 'avatar', 'avatar-part')) {
        this.#setAttr(el, PAINT, '');
      } else {
        this.#setStyle(el, 'background-image', `url("${url}")`);
        this.#setStyle(el, 'background-size', 'cover');
        this.#setStyle(el, 'background-position', 'center');
      }
    }
  }

  /**
   * The first visible text node becomes the persona (`shownAs`, or with a `handle`, the original's
   * shape around it: "@momo", "u/momo"), the others empty; emoji images inside are hidden.
   */
  #maskText(el: Element, handle: string | null, shownAs: string): void {
    let first = true;
    // The name is learned whole too: React writes "Jane<!-- --> <!-- -->Doe" as three texts, X an
    // emoji in a name as a picture between two; learned by its first text alone, "Jane" left "Doe" in
    // the labels and the title ("momo Doe"). The first text stays learned: a name element may hold
    // more than the name (a badge's text), and labels name the person by the name alone.
    let whole = '';
    for (let node = el.firstChild; node; node = this.#nextInName(node, el)) {
      this.visited++;
      if (node.nodeType === TEXT_NODE) {
        const text = node as Text;
        const data = text.data;
        const original = this.originalText(text, data);
        whole += original;
        if (!original.trim()) continue;
        if (first) this.remember(stripHandle(original), handle ?? shownAs);
        const masked = !first ? '' : handle === null ? shownAs : handleLike(original, handle);
        first = false;
        if (data !== masked) this.#setText(text, original, masked, el, data, true);
      } else if (node.nodeType === ELEMENT_NODE && isEmojiImage(node as Element) && !(node as Element).hasAttribute(MARK)) {
        (node as Element).setAttribute(MARK, 'hidden');
        if (!this.#drawnBySheet(node as Element, 'hidden', 'hidden')) this.#setStyle(node as Element, 'display', 'none');
      }
    }
    if (!first) this.remember(stripHandle(whole), handle ?? shownAs);
  }

  /**
   * alt, title and aria-label on the element and on the link around it name the person too. The
   * link often holds both the name and the handle: it always gets the plain name, whichever of them
   * is masked first, so the two never rewrite it back and forth.
   */
  #scrubLabels(el: Element, label: string, linkLabel: string): void {
    // One native check first: most identities carry none of these. (An attribute we rewrote is still
    // there: one the page took away has no original value left to hide.)
    if (el.matches(LABEL_ATTRIBUTES)) {
      for (const attr of LABELS) this.#relabel(el, attr, label);
    }
    const link = el.localName === 'a' ? closestAbove(el, 'a') : el.closest('a');
    if (link) {
      if (!link.hasAttribute(MARK)) link.setAttribute(MARK, 'label');
      if (link.matches(LINK_LABEL_ATTRIBUTES)) {
        for (const attr of ['title', 'aria-label']) this.#relabel(link, attr, linkLabel);
      }
    }
  }

  /**
   * A mention link that is just a handle ("@someone", "u/someone", however many text nodes the page
   * split it into) becomes "@momo" whole; in a stretch of post text, each "@someone" becomes "@momo"
   * and the words around it stay. An address like a@b.com is not a mention, nor "@…" in code.
   */
  #maskMentions(el: Element): void {
    const whole = this.#originalTextContent(el);
    const single = LONE_HANDLE.exec(whole);
    if (single) {
      const who = this.mentionAs(stripHandle(single[0]).toLowerCase());
      this.#maskText(el, who.handle, `@${who.handle}`);
      this.#scrubLabels(el, `@${who.handle}`, `@${who.handle}`);
      return;
    }
    for (let node = el.firstChild; node; node = nextWritable(node, el, this.noDraftsBelow)) {
      if (node.nodeType !== TEXT_NODE) continue;
      this.visited++;
      const data = (node as Text).data;
      const original = this.originalText(node as Text, data);
      const masked = replaceMentions(original, this.mentionAs);
      // Only where a mention is replaced: the same text may be a name another mask has rewritten.
      // Not in code: "@Override", "@media", "@types/node" in a comment's code span name no one.
      if (masked !== original && !closestAbove(node, 'code,pre')) this.#setText(node as Text, original, masked, el, data);
    }
  }

  /** The page's text of `el` outside the user's drafts (a draft is neither masked nor read as the identity). */
  #originalTextContent(el: Element): string {
    let text = '';
    for (let node = el.firstChild; node; node = this.#nextInName(node, el)) {
      if (node.nodeType === TEXT_NODE) text += this.originalText(node as Text);
    }
    return text;
  }

  /** nextWritable, stepping over role marks too: neither written nor read as part of the name (a pseudonym's key is the same beside "OP"). */
  #nextInName(node: Node, root: Node): ChildNode | null {
    return this.roles && node.nodeType === ELEMENT_NODE && (node as Element).matches(this.roles) ? afterSubtree(node, root) : nextWritable(node, root, this.noDraftsBelow);
  }

  /** A name or handle (without "@") seen on the page, and what it is shown as: scrubbed from labels, texts and the title elsewhere. */
  remember(name: string, shownAs: string): void {
    const known = this.seen.get(name);
    if (known === undefined) this.seenNames.push(name);
    if (known !== shownAs) {
      this.seen.set(name, shownAs);
      this.seenChanges++;
    }
  }

  /** An attribute that names someone, when the page gave it a value, says `label` instead. */
  #relabel(el: Element, attr: string, label: string): void {
    const current = el.getAttribute(attr);
    if (current === null) return;
    const original = this.#originalAttr(el, attr, current);
    if (original) this.#setAttr(el, attr, label, current, original);
  }

  /** The page's value of an attribute, even after we rewrote it; `current`: its value now. */
  #originalAttr(el: Element, attr: string, current = el.getAttribute(attr)): string | null {
    const change = this.#changes.attributes(el)?.get(attr);
    if (!change || current !== change.masked) return current;
    return change.original;
  }

  #setAttr(el: Element, attr: string, value: string, current = el.getAttribute(attr), original = this.#originalAttr(el, attr, current)): void {
    this.#changesOf(el).set(attr, { original, masked: value });
    if (current === value) return;
    if (attr === 'xlink:href') el.setAttributeNS(XLINK_NS, attr, value);
    else el.setAttribute(attr, value);
  }

  /** Sets one inline property with !important, keeping the original style attribute string for restore. */
  #setStyle(el: Element, property: string, value: string): void {
    const style = (el as HTMLElement).style;
    if (!style) return;
    const current = el.getAttribute('style');
    const change = this.#changesOf(el).get('style');
    const original = !change ? current : current === change.masked ? change.original : withoutOurStyles(el, current);
    if (style.getPropertyValue(property) !== value || style.getPropertyPriority(property) !== 'important') {
      style.setProperty(property, value, 'important');
    }
    this.#changesOf(el).set('style', { original, masked: el.getAttribute('style') });
  }

  /** Whether the site's stylesheet masks `el`: it is `marked` as one of `kinds`, in the document itself (not a shadow root). */
  #drawnBySheet(el: Element, marked: string, ...kinds: string[]): boolean {
    return this.#siteSheet && kinds.includes(marked) && (!this.shadowRootsSeen || el.getRootNode() === el.ownerDocument);
  }

  #changesOf(el: Element): Map<string, Change> {
    let changes = this.#changes.attributes(el);
    if (!changes) this.#changes.setAttributes(el, (changes = new Map()));
    return changes;
  }

  /**
   * Writes `value` into a text node whose page value is `original` (from originalText) and whose data
   * is `data`; marks `owner` so restoreAll finds the node (`ownerMarked`: the caller just did).
   */
  #setText(node: Text, original: string, value: string, owner: Element, data: string, ownerMarked = false): void {
    const change = this.#changes.text(node);
    if (change) {
      change.original = original;
      change.masked = value;
    } else this.#changes.setText(node, { original, masked: value });
    if (data !== value) node.data = value;
    if (!ownerMarked && !owner.hasAttribute(MARK)) owner.setAttribute(MARK, 'text');
  }
}

/** The node after `node` in document order, inside `root`: a TreeWalker's walk, without making one per identity. */
function following(node: Node, root: Node): ChildNode | null {
  return node.firstChild ?? afterSubtree(node, root);
}

/** The node after `node`'s subtree in document order, inside `root`. */
function afterSubtree(node: Node, root: Node): ChildNode | null {
  for (let up: Node | null = node; up && up !== root; up = up.parentNode) {
    if (up.nextSibling) return up.nextSibling;
  }
  return null;
}

/**
 * `following`, stepping over what is never written: the user's drafts (an editor's subtree is never
 * entered) and the page's scripts and styles (a rewritten <style> unstyles the page). This is the
 * guard at the write for everything under the element a selector matched (a names selector may
 * match a box that holds the comment composer): no text node or picture in a draft is reached,
 * whatever matched. It costs one attribute read per element walked, and no style read; none when
 * the caller knows `root` holds no editor (`noDrafts`).
 */
function nextWritable(node: Node, root: Node, noDrafts = false): ChildNode | null {
  const enter = node.firstChild && !(node.nodeType === ELEMENT_NODE && closedToWrites(node as Element, noDrafts));
  return enter ? node.firstChild : afterSubtree(node, root);
}

function closedToWrites(el: Element, noDrafts: boolean): boolean {
  const name = el.localName;
  return name === 'script' || name === 'style' || (!noDrafts && isEditor(el));
}

/** The nearest ancestor of `node`, itself left out, that matches `selector`: one function for a step written a dozen times (bytes of the size-bound script). */
export const closestAbove = (node: Node, selector: string): Element | null | undefined => node.parentElement?.closest(selector);

/**
 * <html>, <body> and <head> are the page itself, never an identity, whatever a selector matched:
 * the rule checker refuses selectors that could match them (packs/selector-check.ts), but a class
 * or id a site puts on its <body> (".logged-in") gets this far.
 */
export function isPageItself(el: Element): boolean {
  const name = el.localName;
  return name === 'body' || name === 'html' || name === 'head';
}

/**
 * Elements that hold what the user types: form fields and editors. As a selector for one native
 * query per added subtree; isEditor is the same test on one element. Not isContentEditable: that
 * getter brings the element's style up to date first, and between our writes that is a style
 * recalculation for every identity on the page. Joined, not one literal: the minifier would write
 * a literal out again at each use in the size-bound bundle.
 */
export const EDITOR = '[contenteditable]:not([contenteditable="false" i])';
export const DRAFT = ['input', 'textarea', EDITOR].join();

/** Whether `el` itself is a form field or an editor (its subtree is the user's draft): DRAFT, without a selector match. */
export function isEditor(el: Element): boolean {
  const name = el.localName;
  if (name === 'input' || name === 'textarea') return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/** Whether `el` is an editor or inside one, or the whole document is being edited: nothing in it may be written. */
export function inDraft(el: Element): boolean {
  return el.closest(DRAFT) !== null || el.ownerDocument.designMode === 'on';
}

function inDesignMode(node: Node): boolean {
  return (node.ownerDocument ?? (node as Document)).designMode === 'on';
}

/** Whether an editor lies on the way from `el` up to `top` (`top` excluded): `el` is in a draft under `top`. */
function editableBetween(el: Element, top: Element): boolean {
  for (let up: Element | null = el; up && up !== top; up = up.parentElement) if (isEditor(up)) return true;
  return false;
}

/** Attributes that name the person shown: on an identity, and on the link around it. */
const LABELS = ['alt', 'title', 'aria-label'];
export const LABEL_ATTRIBUTES = LABELS.map((attr) => `[${attr}]`).join();
const LINK_LABEL_ATTRIBUTES = '[title], [aria-label]';

/** Properties the masker sets inline; a page rewrite of the style keeps them, so they are taken out of its "original". */
const OUR_STYLES = ['background-image', 'background-size', 'background-position', 'content', 'object-fit', 'display', 'filter'];

function withoutOurStyles(el: Element, styleText: string | null): string | null {
  if (styleText === null) return null;
  const scratch = el.ownerDocument.createElement('div');
  scratch.setAttribute('style', styleText);
  for (const property of OUR_STYLES) {
    if (scratch.style.getPropertyPriority(property) === 'important') scratch.style.removeProperty(property);
  }
  return scratch.getAttribute('style');
}

/** " @Someone\u202c" → "Someone": a handle or name as compared and remembered. */
function stripHandle(text: string): string {
  // Most names and handles have nothing or just an "@" to strip: three regex replacements for each of
  // them showed up as a tenth of the engine's time on a busy feed (BENCHMARKS.md, CPU profile).
  const last = text.length - 1;
  if (last < 0 || EDGE_CHAR.test(text[last])) return stripSlowly(text);
  if (text[0] === '@') return last > 0 && !EDGE_CHAR.test(text[1]) ? text.slice(1) : stripSlowly(text);
  if (EDGE_CHAR.test(text[0]) || text.startsWith('u/') || text.startsWith('/u/')) return stripSlowly(text);
  return text;
}

function stripSlowly(text: string): string {
  return text.replace(BIDI_OR_SPACE, '').replace(HANDLE_PREFIX, '').replace(BIDI_TAIL, '');
}

/** "@someone" → "@momo", "u/someone" → "u/momo", keeping bidi marks around it (Bluesky wraps handles in them). */
function handleLike(original: string, persona: string): string {
  if (original[0] === '@' && !EDGE_CHAR.test(original[original.length - 1])) return `@${persona}`;
  const lead = original.match(BIDI_OR_SPACE)?.[0] ?? '';
  const rest = original.slice(lead.length);
  const prefix = rest.match(HANDLE_PREFIX)?.[0] ?? '';
  const tail = rest.match(BIDI_TAIL)?.[0] ?? '';
  return `${lead}${prefix}${persona}${tail}`;
}

/** A whole text that is one handle: "@someone", "u/someone", "/u/someone", with spaces or bidi marks around. */
const LONE_HANDLE = new RegExp(`^${EDGE}*(?:@|\\/?u\\/)[\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]{0,49}${EDGE}*$`, 'u');

/** "@name" with something that is not part of a word before it (bidi marks count as nothing), ending in a letter, digit or "_": the stop in "thanks @bob." ends the sentence. */
const MENTION = /(^|[^\p{L}\p{N}_@.\-/])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]{0,48}[\p{L}\p{N}_])?)/gu;

/**
 * Each "@handle" in `text` (post text, a label, a notification) as the handle `as` gives its person;
 * `rest` rewrites the text between them (names learned on the page), never what was just written: a
 * person called "momo" (or "momo·k3f9") is a learned name, found again in every pseudonym written
 * ("@momo·s9rn" read "@momo·p1s3·s9rn" in YouTube's labels; X, TikTok and Instagram profiles'
 * titles likewise, fillShape).
 */
export function replaceMentions(text: string, as: (handle: string) => Who, rest = (between: string) => between): string {
  if (!text.includes('@')) return rest(text);
  let out = '';
  let from = 0;
  for (const found of text.matchAll(MENTION)) {
    out += `${rest(text.slice(from, found.index + found[1].length))}@${as(found[2].toLowerCase()).handle}`;
    from = found.index + found[0].length;
  }
  return out + rest(text.slice(from));
}

/**
 * Pictures inside a name that stand for emoji (X's twemoji, Weibo's expressions): hidden with the
 * name. Anything else (an avatar inside a name link) is left for the avatar rules.
 */
function isEmojiImage(el: Element): boolean {
  if (el.localName !== 'img') return false;
  const alt = el.getAttribute('alt') ?? '';
  if (/emoji|emoticon|twemoji|expression/i.test(`${el.getAttribute('src') ?? ''} ${el.getAttribute('class') ?? ''}`)) return true;
  return alt.length > 0 && [...alt].length <= 3 && !/[\p{L}\p{N}]/u.test(alt);
}
