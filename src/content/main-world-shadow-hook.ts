/**
 * Runs in the page's own world (manifest `world: "MAIN"`), because a shadow root attached to an
 * element that is already in the page cannot be seen from the content script's isolated world.
 * It announces each open root with an event on its host; the engine then observes that root.
 * It only tells: it changes no page behaviour and reads nothing.
 */
const EVENT = 'momo-mask:shadow-root';
const attach = Element.prototype.attachShadow;

Element.prototype.attachShadow = function attachShadow(this: Element, init: ShadowRootInit): ShadowRoot {
  const root = attach.call(this, init);
  if (init?.mode === 'open') this.dispatchEvent(new Event(EVENT, { bubbles: true, composed: true }));
  return root;
};
