/**
 * Keeps a document masked: masks what is there, then every node the page adds or changes, in the
 * MutationObserver callback, which runs before the browser paints again. Work per mutation is bounded
 * by the added subtree and its ancestors' markers, never by the size of the page already masked.
 */
import { cutLocationLabels } from '../shared/location-labels';
import { PERSONA_NAME, pseudonymFor } from '../shared/persona';
import { type Mode, normalizeHandle } from '../shared/settings';
import type { CompiledRule, MaskKind, TitleShape } from './compile-rule';
import { type AnchorsAbove, queryFor } from './anchors';
import { keyFromHref } from './identity-key';
import { SHADOW_ROOT_EVENT } from './shadow-hook';
import { ShadowRoots, SWEEP_GRACE_MS } from './shadow-roots';
import {
  AVATAR_BOX,
  closestAbove,
  DRAFT,
  EDITOR,
  ELEMENT_NODE,
  inDraft,
  isEditor,
  isPageItself,
  LAYER,
  MARK,
  Masker,
  NAMED,
  replaceMentions,
  TEXT_NODE,
  type Who,
  warn,
} from './masker';
import { CONTROLS, fillShape, forUnmarkedLabelled, isShapeText, LearnedNames, maskProfileLinks, NOT_TEXT, textLayers } from './fallback-layers';
import { mayHoldLocationLabel } from '../shared/location-labels';

/** The user's persona choices, as the engine needs them. */
export interface Persona {
  /** The user's label variant, worn by their own identity. */
  label: string;
  mode: Mode;
  /** Per-install salt for pseudonyms ("" until the worker made one: crowd mode meanwhile). */
  salt: string;
  /** The site pseudonyms are keyed to (the built-in rule's id, or the host the user added): a page reads them, so no two sites get the same. */
  site: string;
  /** The user's own handles, normalised (lowercase, no "@"). */
  ownHandles: ReadonlySet<string>;
}

const CROWD: Who = { name: PERSONA_NAME, handle: PERSONA_NAME, hue: null };

/**
 * Run-time cost bounds: a rule's query over one subtree the page added that takes longer than SLOW_QUERY_MS
 * (a frame is 16 ms; a feed adds many subtrees) has its selectors timed one by one there, and those
 * over SLOW_SELECTOR_MS are switched off (onSlowSelectors). The static checks refuse what is known
 * to be slow (shared/packs/selector-check.ts); this catches what a page makes slow.
 */
export const SLOW_QUERY_MS = 100;
export const SLOW_SELECTOR_MS = 40;

/**
 * Characters of a subtree's text per element in it above which its text is walked for learned names
 * rather than scanned (maskByLayers). In Chromium's isolated world a walk costs about 0.6–1 µs a text
 * node; a scan 2.5–3.5 ns a character in V8 since it skips places by their pair (LearnedNames), 9–17
 * before. Was 64: at 192 the pair bench's script per 1,000 clones went Douban −18 ms, HN −10,
 * Reddit −7, GitHub −7, Stack Exchange +2 (4 rounds, both launch orders).
 */
const SCAN_PER_ELEMENT = 192;

export interface SlowSelector {
  field: string;
  selector: string;
  ms: number;
}

/** Event the MAIN-world hook (shadow-hook.ts) fires on a host when the page attaches an open shadow root. */
export { SHADOW_ROOT_EVENT };

export class MaskEngine {
  readonly masker: Masker;
  /** The document is under observation (while running). */
  #docObserved = false;
  /** Shadow roots found or announced, kept across stop/start, released with their hosts (shadow-roots.ts). */
  readonly shadowRoots = new ShadowRoots();
  /** The next sweep of the shadow roots, when one is waiting for the grace to pass. */
  #sweepTimer: ReturnType<typeof setTimeout> | undefined;
  #observer: MutationObserver;
  #running = false;
  /** Errors from one element or rule part are reported once and never stop the rest. */
  readonly errors: string[] = [];
  /** The names masked so far, to scrub from labels anywhere (fallback-layers.ts). */
  #learned: LearnedNames;
  /** The masked picture whose style this script resolved: while it shows the artwork, the page's style engine keeps the fetch (settle). */
  #artworkHeldBy: Element | null = null;
  /** `text` with each name learned on the page as it was shown (the page's notifications: notification-answer.ts). */
  readonly rewriteNames = (text: string): string => this.#learned.rewrite(text);
  /** Told of the rule's selectors that were too slow on this page; it switches them off (content/index.ts). */
  onSlowSelectors: ((slow: SlowSelector[]) => void) | null = null;

  readonly #doc: Document;
  #rule: CompiledRule;
  #persona: Persona;

  /** @param siteSheet the site's manifest stylesheet is in the document (a built-in site): it draws what the engine marks */
  constructor(doc: Document, rule: CompiledRule, persona: Persona, siteSheet = false) {
    this.#doc = doc;
    this.#rule = rule;
    this.#persona = persona;
    this.masker = new Masker((handle) => this.#whoByKey(handle ? handle.toLowerCase() : null), siteSheet);
    this.#keepRoles();
    this.#learned = new LearnedNames(this.masker);
    this.#observer = this.#newObserver();
    // Each masked SVG picture, watched for every attribute: with an attributeFilter an observer gets
    // no record for a namespaced one (DOM standard; Chromium and Firefox), and React sets xlinkHref
    // as xlink:href, so Facebook swapping an avatar's picture showed the real one. (An observer that
    // replaces this one after a sweep of shadow roots watches only what is masked after it.)
    this.masker.onSvgPicture = (image) => this.#observer.observe(image, { attributes: true });
  }

  /** A thread's roles ("OP" beside the author's pseudonym) stay in pseudonym mode; in the crowd, a role would single its momo out. */
  #keepRoles(): void {
    this.masker.roles = this.#persona.mode === 'pseudonym' ? this.#rule.roles : '';
  }

  get isRunning(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#doc.addEventListener(SHADOW_ROOT_EVENT, this.#onShadowRoot, true);
    this.#attachRoot(this.#doc);
    for (const root of this.shadowRoots.inDocument()) this.#attachRoot(root);
  }

  /** Stops and puts every masked node back exactly as the site rendered it. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#observer.disconnect();
    this.#doc.removeEventListener(SHADOW_ROOT_EVENT, this.#onShadowRoot, true);
    for (const root of this.observedRoots()) this.masker.restoreAll(root);
    this.#artworkHeldBy = null;
    this.#docObserved = false;
    this.shadowRoots.stopObserving();
    clearTimeout(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }

  /** Re-masks everything with a new rule or persona (settings changed). */
  reconfigure(rule: CompiledRule, persona: Persona): void {
    const wasRunning = this.#running;
    this.stop();
    this.#rule = rule;
    this.#persona = persona;
    this.#keepRoles();
    this.masker.forgetSeen();
    this.#learned = new LearnedNames(this.masker);
    this.#titleDone = { text: null, shown: null, changes: 0 };
    if (wasRunning) this.start();
  }

  /**
   * One full pass over everything, for selectors that only match once later siblings or children
   * exist. What is already masked as an identity is left to the observer (it follows every change
   * to it): the pass asks the browser for the rest only, so it costs a query, not the page's masking again.
   */
  rescan(): void {
    if (!this.#running) return;
    this.#takePending();
    for (const root of this.observedRoots()) this.#scanSubtree(root, true);
    this.#maskTitle();
    this.#settle();
  }

  /** Identities currently masked in this document: counted on request, never maintained per mutation. */
  countMasked(): number {
    return this.countMatches(`${AVATAR_BOX},${NAMED}`);
  }

  /** Identities that only a layer beyond the site's structure caught: the site may have changed (the popup says so). */
  countFallback(): number {
    return this.countMatches(`[${LAYER}]`);
  }

  /** How many elements a selector matches in this document and its shadow roots (the options page's "test on the open tab"); -1 when it is not a selector. */
  countMatches(selector: string): number {
    try {
      let count = this.#doc.querySelectorAll(selector).length;
      for (const root of this.shadowRoots.observed()) count += root.querySelectorAll(selector).length;
      return count;
    } catch {
      return -1;
    }
  }

  readonly #onShadowRoot = (event: Event): void => {
    const host = event.composedPath()[0];
    if (!(host instanceof Element) || !host.shadowRoot) return;
    this.#takePending();
    this.#attachRoot(host.shadowRoot);
  };

  /**
   * Handles the page's mutations that have not reached our callback yet. A pass that starts outside
   * the callback (DOMContentLoaded, which can come before the parser's last records reach us; a
   * shadow root announced while the page's script runs) ends by dropping the records
   * queued meanwhile as its own writes (settle): without this, the page's would go with them, and a
   * name whose text the parser added last would stay unmasked.
   */
  #takePending(): void {
    const pending = this.#observer.takeRecords();
    if (pending.length) this.#onMutations(pending);
  }

  /** The document and the shadow roots under observation. */
  private *observedRoots(): Generator<Document | ShadowRoot> {
    if (this.#docObserved) yield this.#doc;
    yield* this.shadowRoots.observed();
  }

  #attachRoot(root: Document | ShadowRoot): void {
    if (root === this.#doc) {
      if (this.#docObserved) return;
      this.#docObserved = true;
    } else {
      if (!this.shadowRoots.observe(root as ShadowRoot)) return;
      this.masker.shadowRootsSeen = true;
    }
    this.#observe(root);
    // The title also before: it names a profile's person before the page does, so what it teaches reaches the page's labels in this pass.
    if (root === this.#doc) this.#maskTitle();
    this.#scanSubtree(root);
    if (root === this.#doc) this.#maskTitle();
    this.#settle();
    if (root !== this.#doc && this.shadowRoots.sweepDue) this.#sweepShadowRoots();
  }

  #newObserver(): MutationObserver {
    return new MutationObserver((records) => this.#onMutations(records));
  }

  #observe(root: Document | ShadowRoot): void {
    this.#observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: this.#rule.watchedAttributes,
    });
  }

  /**
   * Forgets the shadow roots the page discarded (shadow-roots.ts), and stops observing them: an
   * observer cannot let go of one node, so a new one takes up the rest, after the old one's pending
   * records are handled (disconnect drops them). A new observer, not the old one reconnected: the
   * old one's list of nodes goes with it (the DOM standard holds it weakly; jsdom, strongly).
   */
  #sweepShadowRoots(): void {
    this.#sweepTimer = undefined;
    if (!this.#running) return;
    const { droppedObserved, waiting } = this.shadowRoots.sweep();
    if (droppedObserved) {
      this.#takePending();
      this.#observer.disconnect();
      this.#observer = this.#newObserver();
      this.#observe(this.#doc);
      for (const root of this.shadowRoots.observed()) this.#observe(root);
    }
    if (waiting) this.#sweepLater();
  }

  /** A sweep once the grace has passed (the page removed something, or a host is out). */
  #sweepLater(): void {
    this.#sweepTimer ??= setTimeout(() => this.#sweepShadowRoots(), SWEEP_GRACE_MS);
  }

  /** The rule's first compounds above each parent seen in this callback (anchors.ts): the page changes nothing while it runs. Empty between callbacks. */
  #anchorsAbove: AnchorsAbove = new Map();

  #onMutations(records: MutationRecord[]): void {
    this.#anchorsAbove.clear();
    const seenBefore = this.masker.seenChanges;
    const scanned = new Set<Node>();
    /** The last record target found outside every subtree scanned so far (the parser adds many children in a row to one parent). */
    let outside: Node | null = null;
    let titleChanged = false;
    let removed = false;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'childList') {
        if (target.nodeName === 'TITLE') titleChanged = true;
        removed ||= record.removedNodes.length > 0;
        // The parser adds a parent, then each child into it, one record each: a subtree already
        // scanned in this callback covers them (else each node is queried once per added
        // ancestor), and a record into it is passed over without reading its nodes.
        if (target !== outside) {
          if (isWithin(target, scanned)) continue;
          outside = target;
        }
        for (const node of record.addedNodes) {
          if (!node.isConnected || scanned.has(node)) continue;
          if (node.nodeType === ELEMENT_NODE) {
            this.#scanSubtree(node as Element);
            scanned.add(node);
          } else if (node.nodeType === TEXT_NODE) this.#recheckText(node as Text);
        }
      } else if (record.type === 'characterData') {
        this.#recheckText(target as Text);
        if (target.parentNode?.nodeName === 'TITLE') titleChanged = true;
      } else {
        this.#recheckAttribute(target as Element);
      }
    }
    this.#anchorsAbove.clear();
    if (titleChanged || this.masker.seenChanges !== seenBefore) this.#maskTitle();
    this.#settle();
    // A host may have left with what was removed: its root is looked at once the grace has passed.
    if (removed && this.shadowRoots.size) this.#sweepLater();
  }

  /**
   * Ends every pass. When it drew the artwork, and no artwork resolved by us is still in the page,
   * one style read: Chromium fetches an image named by a style (the artwork is a data: URL) under the
   * policy of the world that made the style resolve. Resolved here, it is the content script's, so the
   * artwork draws on a page whose CSP allows only its own image CDN (x.com-like, tests/e2e/page-probe),
   * and the page gets no violation report to learn the extension from; resolved at the next frame, the
   * page's CSP refuses it. Once fetched, the document's style engine keeps the picture by its URL
   * while a style holds it (Blink's StyleImageCache), and every later style naming it reuses that
   * fetch: so the read is made again only when the element it was made for has left the page or was
   * put back. Reading in every pass forced the page's own new nodes' style in our callback: on X,
   * 602 of 1,119 ms of the masking's time per 500 posts (issue 17).
   * Then drops the records queued while we ran, which are our own writes (no page script runs during
   * our callback): masking is idempotent, so keeping them would only cost time.
   */
  #settle(): void {
    const drawn = this.masker.drawn;
    if (drawn) {
      this.masker.drawn = null;
      const held = this.#artworkHeldBy;
      if (!held?.isConnected || !held.hasAttribute(MARK)) {
        if (drawn.isConnected) this.#doc.defaultView?.getComputedStyle(drawn).getPropertyValue('content');
        this.#artworkHeldBy = drawn;
      }
    }
    this.#observer.takeRecords();
  }

  /** Masks every identity in a newly added subtree (or a root), including the subtree's own top; `unmaskedOnly`: skip what is masked as an identity already. */
  #scanSubtree(top: Element | Document | ShadowRoot, unmaskedOnly = false): void {
    const { locationText, shadowHosts } = this.#rule;
    const isElement = top.nodeType === ELEMENT_NODE;
    const query = isElement ? queryFor(this.#rule, top as Element, this.#anchorsAbove) : this.#rule;
    const any = unmaskedOnly ? this.#rule.anyUnmasked : query.any;
    this.masker.visited++;
    // Drafts are looked for once per subtree, not once per identity in it: a feed has none. The
    // masker steps over any editor under what it masks; here it learns what lies above.
    const inEditor = isElement ? inDraft(top as Element) : this.#doc.designMode === 'on';
    let draftsInside: boolean | undefined;
    if (any && !inEditor) {
      if (isElement && (top as Element).matches(any)) this.#maskElement(top as Element, false, query.parts);
      const started = performance.now();
      const found = top.querySelectorAll(any);
      // Timed on what the page adds, not on a whole document or root: a first pass over a large page
      // on a slow machine may take this long with sound selectors, and a switched-off selector shows people.
      if (isElement && performance.now() - started > SLOW_QUERY_MS) this.#timeSelectors(top);
      // Drafts are looked for only where there is something to mask: most added subtrees hold nothing.
      draftsInside = found.length > 0 ? top.querySelector(DRAFT) !== null : undefined;
      // None inside: the masker's walks under what was found skip the editor test of each element.
      this.masker.noDraftsBelow = !draftsInside;
      try {
        for (const el of found) this.#maskElement(el, draftsInside, query.parts);
      } finally {
        this.masker.noDraftsBelow = false;
      }
    }
    if (locationText) {
      // A new scope's whole text first: where it holds no label, none of its texts does. A scope is
      // a post's header or meta line, and walking its nodes for nothing was most of the location
      // pass on Weibo. (Not for a scope seen before: a text we cut may have been written to since.)
      const maybe = (scope: Element) => mayHoldLocationLabel(scope.textContent!) && this.#maskLocationText(scope);
      if (isElement && (top as Element).matches(locationText)) maybe(top as Element);
      for (const el of top.querySelectorAll(locationText)) maybe(el);
      // New content inside an existing scope ("IP属地" rendered into a post's meta line).
      const scope = isElement ? closestAbove(top, locationText) : null;
      if (scope) this.#maskLocationText(scope);
    }
    // After the rule's location scopes: a label cut there leaves the place layer nothing to look for.
    if (!inEditor) this.#maskByLayers(top, draftsInside === false);
    if (this.#rule.textNames && this.masker.seen.size) this.#maskNamesInText(top);
    if (isElement) {
      this.#remaskMarkedAncestors((top as Element).parentElement); // e.g. React put a new child into a masked name
      if ((top as Element).shadowRoot) this.#attachRoot((top as Element).shadowRoot!);
    }
    if (shadowHosts) {
      for (const host of top.querySelectorAll(shadowHosts)) if (host.shadowRoot) this.#attachRoot(host.shadowRoot);
    }
  }

  #recheckText(node: Text): void {
    const parent = node.parentElement;
    if (!parent) return;
    this.masker.visited++;
    this.#remaskMarkedAncestors(parent);
    if (this.#rule.locationText) {
      const scope = parent.closest(this.#rule.locationText);
      if (scope) this.#maskLocationText(scope);
    }
    if (this.#rule.places && mayHoldLocationLabel(node.data)) this.#maskLocationText(parent);
    if (this.#rule.textShapes.length && isShapeText(node, this.#rule.textShapes, this.masker.seen)) this.#maskShapeText(node);
  }

  /** Times each of the rule's selectors over `top` (the query of them all was slow there) and reports the slow ones. */
  #timeSelectors(top: Element | Document | ShadowRoot): void {
    const slow: SlowSelector[] = [];
    for (const { field, selector } of this.#rule.selectors) {
      const started = performance.now();
      top.querySelectorAll(selector);
      const ms = performance.now() - started;
      if (ms > SLOW_SELECTOR_MS) slow.push({ field, selector, ms: Math.round(ms) });
    }
    if (slow.length) {
      this.#report(`switched off as too slow on this page: ${slow.map((s) => `${s.field} "${s.selector}" (${s.ms} ms)`).join(', ')}`);
      this.onSlowSelectors?.(slow);
    }
  }

  /** Masks what a layer alone found, marked as the fallback's (countFallback). */
  #maskByLayer(el: Element, kind: 'name' | 'handle'): void {
    if (el.getAttribute(MARK) === 'mention') el.setAttribute(MARK, kind);
    this.masker.mask(el, kind, this.#who(el, kind));
    if (el.getAttribute(MARK) === kind) el.setAttribute(LAYER, '');
  }

  /**
   * The layers beyond the site's structure (fallback-layers.ts), after its selectors: profile links
   * they left unmasked, then in short texts names learned so far, the site's sentences that name
   * people and place names, then the names learned in labels, and "@handle" mentions there.
   * `noDrafts`: the subtree is known to hold no field or editor.
   */
  #maskByLayers(top: Element | Document | ShadowRoot, noDrafts = false): void {
    const { profileLinks, labels, places, textShapes, makers } = this.#rule;
    try {
      if (profileLinks) {
        maskProfileLinks(top, profileLinks, this.#doc.baseURI, (link, kind) => this.#maskByLayer(link, kind));
      }
      // A maker's name in brackets, alone in the element right after a link to what they made.
      if (makers?.links) {
        for (const link of top.querySelectorAll(makers.links)) {
          const text = link.nextElementSibling?.firstChild;
          if (text?.nodeType === TEXT_NODE && !text.nextSibling)
            this.masker.maskLoneText(text as Text, text.parentElement!, (value) => fillShape(value, makers.shapes, this.#learn) ?? value);
        }
      }
      // Each text layer looks for something it would also find in the subtree's whole text, read
      // once (a document's is null: walked). Where none can find anything, the walk over every text
      // node is spared: in the content script's world each node it visits is a new wrapper, and the
      // walk was the layers' largest cost on Reddit, Douban and Hacker News (issue 17).
      // No read where no text layer is on (a site the user added with names, handles and locations off).
      const all = (labels && this.masker.seen.size) || places || textShapes.length ? top.textContent : '';
      const placesIn = places && (all === null || mayHoldLocationLabel(all));
      const shapesIn = all === null ? textShapes : textShapes.filter((shape) => shape.words.every((word) => all.includes(word)));
      // Where the walk is made anyway, it tells each text's learned name itself; and where the text
      // is long for the elements holding it (a code block, a long post), scanning it costs more than
      // walking its few text nodes (GitHub's comments: 80 ms per 1,000 scanned against 42 walked).
      const learned =
        labels && this.masker.seen.size && (all === null || placesIn || shapesIn.length || this.#longForItsElements(top, all) || this.#learned.anyIn(all))
          ? this.masker.seen
          : null;
      if (learned || placesIn || shapesIn.length) {
        textLayers(top, this.#doc, learned, placesIn, shapesIn, (found) => {
          if (found.layer === 'place') this.#maskLocationText(found.scope);
          else if (found.layer === 'shape') this.#maskShapeText(found.text);
          else this.#maskByLayer(found.el, found.layer);
        });
      }
      if (labels && this.masker.seen.size) {
        // "@handle" in a label is a mention, as in post text: Instagram's "Photo shared by … tagging @a, @b and @c."
        const rewrite = this.#rule.labelMentions ? (value: string) => replaceMentions(value, this.masker.mentionAs, this.#learned.rewrite) : this.#learned.rewrite;
        // The editors in the subtree looked for once, not above each labelled element (a seventh of the
        // layers' time on X). A field holds no elements: it is a draft itself, or no draft holds the
        // element but an editor (Stack Exchange's every answer holds a comment form: trying its fields
        // on each labelled element was a third of the label pass). None where the structural pass
        // found no draft in the subtree.
        let editors: Iterable<Element> | undefined;
        // A control whose whole label is a learned name ("More", "Save": anyone may call themselves
        // that) says the page's word, as its text does (NOT_LEARNED); one holding what was masked (an
        // avatar button labelled with its person's name) names that person.
        const pageWord = (el: Element, value: string) => this.masker.seen.has(value.trim()) && el.matches(CONTROLS) && !el.querySelector(`[${MARK}]`);
        forUnmarkedLabelled(top, (el) => {
          if (isEditor(el)) return;
          for (const editor of (editors ??= noDrafts ? [] : top.querySelectorAll(EDITOR))) if (editor.contains(el)) return;
          this.masker.rewriteLabels(el, (value) => (pageWord(el, value) ? value : rewrite(value)));
        });
      }
    } catch (error) {
      this.#report(`fallback layers: ${String(error)}`);
    }
  }

  /**
   * Whether `text`, all of `top`'s, runs past SCAN_PER_ELEMENT characters an element of `top`. Its
   * elements are counted only as far as that takes (a post's text needs a handful): counting them
   * all (`getElementsByTagName('*').length`, a walk of the whole subtree once the page has changed)
   * was 5–30 ms per 1,000 units in the callback (Zhihu, Tieba, Weibo, Hacker News, Reddit; timed
   * in the page), a tenth to a fifth of the layers' time; the walk halved it on Weibo and Tieba and
   * left Zhihu's and Hacker News's, whose texts need five or six elements, where they were.
   */
  #longForItsElements(top: Element | Document | ShadowRoot, text: string): boolean {
    return text.length > SCAN_PER_ELEMENT && !hasElements(top, Math.ceil(text.length / SCAN_PER_ELEMENT));
  }

  #recheckAttribute(el: Element): void {
    this.masker.visited++;
    if (el.hasAttribute(MARK)) this.#remask(el);
    else if (this.#rule.any && el.matches(this.#rule.any)) this.#maskElement(el);
  }

  /**
   * Every marked element from `from` up: a name may hold a profile link that is also a mention, and
   * text added to the link must be masked as the name too. The chain is short (one to three).
   */
  #remaskMarkedAncestors(from: Element | null): void {
    for (let marked = from?.closest(`[${MARK}]`); marked; marked = closestAbove(marked, `[${MARK}]`)) this.#remask(marked);
  }

  /** Applies again whatever the element is marked as (the page re-rendered it). */
  #remask(el: Element): void {
    const kind = el.getAttribute(MARK);
    if (kind === 'label') {
      for (const inner of el.querySelectorAll(`${NAMED},${AVATAR_BOX}`)) this.#maskElement(inner);
      return;
    }
    // A picture masked with its box: the outermost box masks it again (an inner one leaves it to that).
    if (kind === 'avatar-part') {
      let box = closestAbove(el, AVATAR_BOX);
      for (let outer = box; outer; outer = closestAbove(outer, AVATAR_BOX)) box = outer;
      this.#maskElement(box ?? el);
      return;
    }
    if (kind === 'text' || kind === 'hidden') {
      const owner = closestAbove(el, `[${MARK}]:not([${MARK}="text"], [${MARK}="hidden"], [${MARK}="label"])`);
      if (owner) this.#maskElement(owner);
      return;
    }
    // Found by a layer, not by a selector: masked again as what the layer found it to be.
    if ((kind === 'name' || kind === 'handle') && el.hasAttribute(LAYER)) this.#maskByLayer(el, kind);
    else this.#maskElement(el);
  }

  /**
   * @param mayBeDraft whether `el` may be inside the user's draft (scanSubtree knows when there is none)
   * @param parts the rule's parts, or those that can match in the subtree `el` was found in (anchors.ts)
   */
  #maskElement(el: Element, mayBeDraft = true, parts = this.#rule.parts): void {
    // Looked up once here for all the parts, then vouched for to the masker, which guards each write.
    if (mayBeDraft && inDraft(el)) return;
    let who: Who | undefined;
    let structure = false;
    let layer = false;
    for (const part of parts) {
      try {
        // A picture the site's selectors masked already, here or with its box: its address adds nothing (it was masked twice, labels and all).
        if (part.fallback && el.getAttribute(MARK)?.startsWith('avatar') && !el.hasAttribute(LAYER)) continue;
        if (!el.matches(part.selector)) continue;
        if (part.fallback) layer = true;
        else structure = true;
        // A mention decides who each handle in it is; a location or a badge is hidden whoever it belongs to.
        const kind = part.kind;
        if (kind === 'mention' || kind === 'location' || kind === 'badge') this.masker.mask(el, kind, CROWD, undefined, true);
        else this.masker.mask(el, kind, (who ??= this.#who(el, kind)), part.attributes, true);
      } catch (error) {
        this.#report(`${part.kind} "${part.selector}": ${String(error)}`);
      }
    }
    // Caught by a profile-picture address alone: counted as the fallback's (countFallback).
    if (layer && !structure && el.hasAttribute(MARK) && !el.hasAttribute(LAYER)) el.setAttribute(LAYER, '');
  }

  /**
   * Who an identity element becomes: the user's own label on their own identity (the rule's "self"
   * selectors, or a handle they listed), a stable pseudonym in pseudonym mode, else "momo". The
   * identity key is only read when something depends on it.
   */
  #who(el: Element, kind: MaskKind): Who {
    if (this.#rule.self && safeMatches(el, this.#rule.self)) return this.#selfWho();
    if (this.#persona.mode === 'crowd' && this.#persona.ownHandles.size === 0) return CROWD;
    return this.#whoByKey(this.#identityKey(el, kind));
  }

  #whoByKey(key: string | null): Who {
    if (key && this.#persona.ownHandles.has(key)) return this.#selfWho();
    if (key && this.#persona.mode === 'pseudonym' && this.#persona.salt) {
      const { name, hue } = pseudonymFor(this.#persona.salt, key, this.#persona.site);
      return { name, handle: name, hue };
    }
    return CROWD;
  }

  #selfWho(): Who {
    return { name: this.#persona.label, handle: PERSONA_NAME, hue: null };
  }

  /**
   * A person's stable key: the rule's attribute, else their profile link, else the key the same name
   * has elsewhere on the page (keyOfName), else the handle or name text.
   */
  #identityKey(el: Element, kind: MaskKind): string | null {
    const { attribute, hrefPaths, notKeys } = this.#rule.identity;
    let key = attribute
      ? closestComposed(el, `[${CSS.escape(attribute)}]`)
          ?.getAttribute(attribute)
          ?.trim()
          .toLowerCase()
      : null;
    if (!key && hrefPaths.length) {
      const link = closestComposed(el, 'a[href]') ?? el.querySelector('a[href]');
      key = link && keyFromHref(link.getAttribute('href') ?? '', this.#doc.baseURI, hrefPaths, notKeys);
    }
    // The text is read only where it decides something: a handle with a key needs none. (Mentions,
    // locations and badges never come here: they are masked whoever they are.)
    const named = kind === 'name';
    if (key || (!named && kind !== 'handle')) {
      if (key && named) this.#keyName(this.masker.originalIdentityText(el), key);
      return key || null;
    }
    const text = this.masker.originalIdentityText(el);
    const known = this.#keyOfName.get(text);
    const shown = this.#keyedByText.get(text) ?? [];
    // Bounded: a name shown with no link all over a page keeps its first few places only.
    if (!known && named && text && shown.length < 8 && this.#keyedByText.size < 100) this.#keyedByText.set(text, [...shown, el]);
    return known ?? (text.toLowerCase() || null);
  }

  /**
   * The key each name has where the page says whose it is: a title shape's handle, a profile link or
   * the rule's attribute. The same name with neither (a profile's header, Weibo's top bar and side
   * card) was keyed by its text: one person, two pseudonyms (X, TikTok, Instagram profiles; Weibo).
   */
  readonly #keyOfName = new Map<string, string>();
  /** Names keyed by their text so far, by text (a few: most names have a link): masked again once their text has a key. */
  readonly #keyedByText = new Map<string, Element[]>();

  /** `text` is a name of the person keyed `key`: the first key stays, and the places that showed it keyed by its text show it again as theirs (Weibo's top bar comes before the post). */
  #keyName(text: string, key: string): void {
    if (!text || this.#keyOfName.has(text)) return;
    this.#keyOfName.set(text, key);
    const shown = this.#keyedByText.get(text);
    this.#keyedByText.delete(text);
    for (const el of shown ?? []) if (el.isConnected) this.#remask(el);
  }

  /**
   * Names already seen on the page, inside any other text of a new subtree (the textNames category):
   * found by their first characters (LearnedNames), not by a search for each name in each text.
   */
  #maskNamesInText(top: Element | Document | ShadowRoot): void {
    try {
      // The masker steps over drafts itself.
      this.masker.rewriteTexts(top, this.#learned.rewrite, (text) => !closestAbove(text, `[${MARK}], ${NOT_TEXT}`));
    } catch (error) {
      this.#report(`names in text: ${String(error)}`);
    }
  }

  /** One of the site's sentences that name people: its holes become what they are shown as, learned; the rest stays. */
  #maskShapeText(text: Text): void {
    this.masker.maskLoneText(text, text.parentElement!, (original) => fillShape(original, this.#rule.textShapes, this.#learn, this.masker.seen) ?? original);
  }

  /** The masker leaves drafts in and under `scope` alone; a scope that is the page itself is no post's. */
  #maskLocationText(scope: Element): void {
    try {
      if (!isPageItself(scope)) this.masker.rewriteTexts(scope, cutLocationLabels);
    } catch (error) {
      this.#report(`location text: ${String(error)}`);
    }
  }

  /**
   * The page's title text and what we showed for it when it was last rewritten, and masker.seenChanges
   * then: until the page changes the title, only a name seen since, or shown since as someone else,
   * can change it (the title is checked after every callback that changed what names are shown as).
   * Rewritten whole then: a title is one short text (a check of each new name against it saved nothing).
   */
  #titleDone = { text: null as string | null, shown: null as string | null, changes: 0 };

  /** The tab title names people too ("Name (@handle) / X"): rule shapes first, then any name seen on the page. */
  #maskTitle(): void {
    const title = this.#doc.querySelector('title');
    const node = title?.firstChild;
    if (!title || !node || node.nodeType !== TEXT_NODE || (!this.#rule.titles.length && !this.masker.seenNames.length)) return;
    const titleText = node as Text;
    const done = this.#titleDone;
    const pageTitle = this.masker.originalText(titleText);
    if (pageTitle === done.text && titleText.data === done.shown && done.changes === this.masker.seenChanges) return;
    const rewrite = this.#learned.rewrite;
    this.masker.maskLoneText(titleText, title, (original) => {
      // "(3) " before the title counts the unread (X, Instagram, TikTok): the shape's name took it in.
      const unread = /^\(\d+\+?\) /.exec(original)?.[0] ?? '';
      const rest = original.slice(unread.length);
      return unread + (fillShape(rest, this.#rule.titles, this.#learn, null, rewrite) ?? rewrite(rest));
    });
    done.changes = this.masker.seenChanges;
    done.text = pageTitle;
    done.shown = titleText.data;
  }

  /**
   * What a shape's names and handle become, learned: a profile's title names its person before the
   * page does, so the fallback layers find the profile header's name, which no link or selector may
   * hold (X, TikTok and Weibo profiles); a sentence ("alice commented") names them where no link does.
   */
  readonly #learn = (found: string[], kinds: TitleShape['kinds']): string[] => {
    const handle = found[kinds.indexOf('handle')];
    const name = found[kinds.indexOf('name')];
    // A name with no handle (Bilibili's, Douyin's, Weibo's titles) is keyed as a name with no link
    // on the page is: it showed the crowd's "momo" beside the page's pseudonym.
    const key = handle ? normalizeHandle(handle) : name && (this.#keyOfName.get(name) ?? name.toLowerCase());
    const who = this.#whoByKey(key);
    if (handle && name) this.#keyName(name, key!);
    return found.map((value, i) => {
      const shownAs = this.masker.seen.get(value) ?? (kinds[i] === 'handle' ? who.handle : who.name);
      this.masker.remember(value, shownAs);
      return shownAs;
    });
  };

  #report(message: string): void {
    if (this.errors.length < 50 && !this.errors.includes(message)) {
      this.errors.push(message);
      warn(message);
    }
  }
}

/** closest(), continuing past shadow roots to their hosts: Bilibili keeps the profile link outside the avatar's root. */
function closestComposed(el: Element, selector: string): Element | null {
  for (let from: Element | null = el; from; ) {
    const found = from.closest(selector);
    if (found) return found;
    const root = from.getRootNode();
    from = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** Whether `top` holds at least `count` elements below it; stops walking once it has seen them. */
function hasElements(top: ParentNode, count: number): boolean {
  let seen = 0;
  for (let el = top.firstElementChild; el; ) {
    if (++seen >= count) return true;
    if (el.firstElementChild) {
      el = el.firstElementChild;
      continue;
    }
    while (el && !el.nextElementSibling) el = el.parentNode === top ? null : el.parentElement;
    el = el?.nextElementSibling ?? null;
  }
  return false;
}

/** Whether `node` is in one of the subtrees already scanned in this callback. */
function isWithin(node: Node, scanned: ReadonlySet<Node>): boolean {
  if (!scanned.size) return false;
  for (let up: Node | null = node; up; up = up.parentNode) if (scanned.has(up)) return true;
  return false;
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}
