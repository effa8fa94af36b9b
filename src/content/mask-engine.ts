/**
 * Keeps a document masked: masks what is there, then every node the page adds or changes, in the
 * MutationObserver callback, which runs before the browser paints again. Work per mutation is bounded
 * by the added subtree and its ancestors' markers, never by the size of the page already masked.
 */
import { cutLocationLabels } from '../shared/location-labels';
import type { CompiledRule } from './compile-rule';
import { MARK, Masker, type Persona } from './masker';

/** Event the MAIN-world hook (main-world-shadow-hook.ts) fires on a host when the page attaches an open shadow root. */
export const SHADOW_ROOT_EVENT = 'momo-mask:shadow-root';

export class MaskEngine {
  readonly masker: Masker;
  private readonly roots = new Set<Document | ShadowRoot>();
  private readonly observer: MutationObserver;
  private running = false;
  /** Errors from one element or rule part are reported once and never stop the rest. */
  readonly errors: string[] = [];

  constructor(
    private readonly doc: Document,
    private rule: CompiledRule,
    persona: Persona,
  ) {
    this.masker = new Masker(persona);
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.doc.addEventListener(SHADOW_ROOT_EVENT, this.onShadowRoot, true);
    this.attachRoot(this.doc);
  }

  /** Stops and puts every masked node back exactly as the site rendered it. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.observer.disconnect();
    this.doc.removeEventListener(SHADOW_ROOT_EVENT, this.onShadowRoot, true);
    for (const root of this.roots) this.masker.restoreAll(root);
    this.roots.clear();
  }

  /** Re-masks everything with a new rule or persona (settings changed). */
  reconfigure(rule: CompiledRule, persona: Persona): void {
    const wasRunning = this.running;
    this.stop();
    this.rule = rule;
    this.masker.persona = persona;
    if (wasRunning) this.start();
  }

  /** One full pass over everything, for selectors that only match once later siblings or children exist. */
  rescan(): void {
    if (!this.running) return;
    for (const root of this.roots) this.scanSubtree(root);
    this.maskTitle();
    this.dropOwnRecords();
  }

  /** Identities currently masked in this document: counted on request, never maintained per mutation. */
  countMasked(): number {
    let count = 0;
    for (const root of this.roots) {
      count += root.querySelectorAll(`[${MARK}="avatar"], [${MARK}="name"], [${MARK}="handle"]`).length;
    }
    return count;
  }

  private readonly onShadowRoot = (event: Event): void => {
    const host = event.composedPath()[0];
    if (host instanceof Element && host.shadowRoot) this.attachRoot(host.shadowRoot);
  };

  private attachRoot(root: Document | ShadowRoot): void {
    if (this.roots.has(root)) return;
    this.roots.add(root);
    this.observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: this.rule.watchedAttributes,
    });
    this.scanSubtree(root);
    if (root === this.doc) this.maskTitle();
    this.dropOwnRecords();
  }

  private onMutations(records: MutationRecord[]): void {
    const seenBefore = this.masker.seen.size;
    let titleChanged = false;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'childList') {
        for (const node of record.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE) this.scanSubtree(node as Element);
          else if (node.nodeType === Node.TEXT_NODE) this.recheckText(node as Text);
        }
        if (target.nodeName === 'TITLE') titleChanged = true;
      } else if (record.type === 'characterData') {
        this.recheckText(target as Text);
        if (target.parentNode?.nodeName === 'TITLE') titleChanged = true;
      } else {
        this.recheckAttribute(target as Element);
      }
    }
    if (titleChanged || this.masker.seen.size !== seenBefore) this.maskTitle();
    this.dropOwnRecords();
  }

  /**
   * The records queued while we ran are our own writes: no page script runs during our callback.
   * Dropping them halves the work on busy pages; masking is idempotent, so keeping them would only cost time.
   */
  private dropOwnRecords(): void {
    this.observer.takeRecords();
  }

  /** Masks every identity in a newly added subtree (or a root), including the subtree's own top. */
  private scanSubtree(top: Element | Document | ShadowRoot): void {
    const { any, locationText, shadowHosts } = this.rule;
    const isElement = top.nodeType === Node.ELEMENT_NODE;
    this.masker.visited++;
    if (any) {
      if (isElement && (top as Element).matches(any)) this.maskElement(top as Element);
      for (const el of top.querySelectorAll(any)) this.maskElement(el);
    }
    if (locationText) {
      if (isElement && (top as Element).matches(locationText)) this.maskLocationText(top as Element);
      for (const el of top.querySelectorAll(locationText)) this.maskLocationText(el);
    }
    if (isElement) {
      const inside = (top as Element).parentElement?.closest(`[${MARK}]`);
      if (inside) this.remask(inside); // e.g. React put a new child into a masked name
      if ((top as Element).shadowRoot) this.attachRoot((top as Element).shadowRoot!);
    }
    if (shadowHosts) {
      for (const host of top.querySelectorAll(shadowHosts)) if (host.shadowRoot) this.attachRoot(host.shadowRoot);
    }
  }

  private recheckText(node: Text): void {
    const parent = node.parentElement;
    if (!parent) return;
    this.masker.visited++;
    const marked = parent.closest(`[${MARK}]`);
    if (marked) this.remask(marked);
    if (this.rule.locationText) {
      const scope = parent.closest(this.rule.locationText);
      if (scope) this.maskLocationText(scope);
    }
  }

  private recheckAttribute(el: Element): void {
    this.masker.visited++;
    if (el.hasAttribute(MARK)) this.remask(el);
    else if (this.rule.any && el.matches(this.rule.any)) this.maskElement(el);
  }

  /** Applies again whatever the element is marked as (the page re-rendered it). */
  private remask(el: Element): void {
    const kind = el.getAttribute(MARK);
    if (kind === 'label') {
      for (const inner of el.querySelectorAll(`[${MARK}="name"], [${MARK}="handle"], [${MARK}="avatar"]`)) this.maskElement(inner);
      return;
    }
    if (kind === 'text' || kind === 'hidden') {
      const owner = el.parentElement?.closest(`[${MARK}]:not([${MARK}="text"], [${MARK}="hidden"], [${MARK}="label"])`);
      if (owner) this.maskElement(owner);
      return;
    }
    this.maskElement(el);
  }

  private maskElement(el: Element): void {
    if (isUserDraft(el)) return;
    const isSelf = this.rule.self ? safeMatches(el, this.rule.self) : false;
    for (const part of this.rule.parts) {
      try {
        if (el.matches(part.selector)) this.masker.mask(el, part.kind, isSelf, part.attributes);
      } catch (error) {
        this.report(`${part.kind} "${part.selector}": ${String(error)}`);
      }
    }
  }

  private maskLocationText(scope: Element): void {
    if (isUserDraft(scope)) return;
    try {
      this.masker.maskLocationText(scope, cutLocationLabels);
    } catch (error) {
      this.report(`location text: ${String(error)}`);
    }
  }

  /** The tab title names people too ("Name (@handle) / X"): rule shapes first, then any name seen on the page. */
  private maskTitle(): void {
    const title = this.doc.querySelector('title');
    const node = title?.firstChild;
    if (!title || !node || node.nodeType !== Node.TEXT_NODE || !this.rule.titles.length && !this.masker.seen.size) return;
    const { name } = this.masker.persona;
    this.masker.maskLoneText(node as Text, title, (original) => {
      let text = original;
      for (const shape of this.rule.titles) {
        const match = shape.exec(text);
        if (match) for (const found of match.slice(1)) text = text.split(found).join(name);
      }
      for (const seen of this.masker.seen) if (seen.length > 1 && text.includes(seen)) text = text.split(seen).join(name);
      return text;
    });
  }

  private report(message: string): void {
    if (this.errors.length < 50 && !this.errors.includes(message)) {
      this.errors.push(message);
      console.warn(`[Momo Mask] ${message}`);
    }
  }
}

/** The user's own drafts are never rewritten. */
function isUserDraft(el: Element): boolean {
  return (el as HTMLElement).isContentEditable === true || el.closest('input, textarea, [contenteditable=""], [contenteditable="true"]') !== null;
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}
