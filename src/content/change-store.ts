/**
 * Where the masker keeps what it changed in each node (the page's original and what we wrote), for
 * as long as the node lives. The fastest place differs between the browsers, measured on the bench's
 * 1,000-post feed (3,000 identities, paired rounds):
 * - Chromium: a property on the content script's own wrapper of the node (its isolated world's; the
 *   page's wrapper never sees it). WeakMaps instead cost +12–15 ms of script time in total: a new
 *   WeakMap entry is 0.1–0.4 µs per node against 0.03–0.05 µs for a property.
 * - Firefox: a WeakMap. The content script sees the page's nodes through Xray wrappers
 *   (https://firefox-source-docs.mozilla.org/dom/scriptSecurity/xray_vision.html), where a property
 *   of ours is an "expando" kept in a holder object behind the wrapper: the time in the masking's
 *   observer callbacks fell from 180 to 143 ms with WeakMaps.
 */

export interface Change {
  original: string | null;
  masked: string | null;
}

export interface ChangeStore {
  text(node: Text): Change | undefined;
  setText(node: Text, change: Change | undefined): void;
  attributes(el: Element): Map<string, Change> | undefined;
  setAttributes(el: Element, changes: Map<string, Change> | undefined): void;
}

const TEXT_CHANGE = 'momoMaskText';
const ATTRIBUTE_CHANGES = 'momoMaskAttributes';
type TrackedText = Text & { [TEXT_CHANGE]?: Change };
type TrackedElement = Element & { [ATTRIBUTE_CHANGES]?: Map<string, Change> };

function propertyStore(): ChangeStore {
  return {
    text: (node) => (node as TrackedText)[TEXT_CHANGE],
    setText: (node, change) => void ((node as TrackedText)[TEXT_CHANGE] = change),
    attributes: (el) => (el as TrackedElement)[ATTRIBUTE_CHANGES],
    setAttributes: (el, changes) => void ((el as TrackedElement)[ATTRIBUTE_CHANGES] = changes),
  };
}

function weakMapStore(): ChangeStore {
  const texts = new WeakMap<Text, Change>();
  const attributes = new WeakMap<Element, Map<string, Change>>();
  return {
    text: (node) => texts.get(node),
    setText: (node, change) => void (change ? texts.set(node, change) : texts.delete(node)),
    attributes: (el) => attributes.get(el),
    setAttributes: (el, changes) => void (changes ? attributes.set(el, changes) : attributes.delete(el)),
  };
}

/** `window.wrappedJSObject` exists only where `window` is an Xray (a Firefox content script). */
export const seesPageThroughXrays = () => typeof (window as { wrappedJSObject?: unknown }).wrappedJSObject === 'object';

export function changeStore(throughXrays = seesPageThroughXrays()): ChangeStore {
  return throughXrays ? weakMapStore() : propertyStore();
}
