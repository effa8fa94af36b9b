/**
 * The hook main-world-shadow-hook.ts installs in the page's own world (manifest `world: "MAIN"`),
 * because a shadow root attached to an element that is already in the page cannot be seen from
 * the content script's isolated world. It announces each open root with an event on its host; the
 * engine then observes that root. It only tells: it changes no page behaviour and reads nothing.
 *
 * The page must not tell it apart from the browser's own attachShadow (a page that can is a page
 * that can single out Momo Mask users): installHook's stand-in is a Proxy of the native function
 * (same name and length, no `prototype`, not a constructor, forwards every property), and
 * Function.prototype.toString, a Proxy too, prints each stand-in as its native original prints,
 * in this browser's own format. Every native it calls is captured here, at document_start before
 * any page script runs, so a page that later replaces one neither runs inside the hook nor sees it.
 */
export const SHADOW_ROOT_EVENT = 'momo-mask:shadow-root';

/**
 * The globals the hook replaces and uses; a parameter so that tests can hand in a jsdom window.
 * Returns how another stand-in installed at document_start (notification-hook.ts) prints as its
 * original: one toString stand-in for all, as a second one wrapping the first would print wrongly.
 */
export function installHook(win: typeof globalThis): Disguise {
  const { Reflect: R, Element, Function: F, ShadowRoot, EventTarget, Event, WeakMap: Weak, Object: O } = win;
  const apply = R.apply;
  const nativeAttach = Element.prototype.attachShadow;
  const nativeToString = F.prototype.toString;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const modeOf = O.getOwnPropertyDescriptor(ShadowRoot.prototype, 'mode')!.get!;
  const weakGet = Weak.prototype.get;
  // A handler with Object's prototype lets a page getter on Object.prototype.get (or has, ownKeys…)
  // run whenever the page reads attachShadow.name: a handler with none has only its own traps.
  const bare = <T extends object>(traps: T): T => O.setPrototypeOf(traps, null);
  /** What each stand-in prints as: its original's own text ("function attachShadow() { [native code] }"). */
  const disguises = new Weak<object, string>();

  const attachShadow = new Proxy(
    nativeAttach,
    bare({
      apply(target: typeof nativeAttach, host: Element, args: [ShadowRootInit]) {
        const root: ShadowRoot = apply(target, host, args);
        // The root's own mode, not init.mode again: a page getter on init would see a second read.
        if (apply(modeOf, root, []) === 'open') apply(dispatch, host, [new Event(SHADOW_ROOT_EVENT, { bubbles: true, composed: true })]);
        return root;
      },
    }),
  );
  const toStringProxy = new Proxy(
    nativeToString,
    bare({
      apply(target: typeof nativeToString, fn: unknown, args: []) {
        const disguise: string | undefined = apply(weakGet, disguises, [fn]);
        return disguise ?? apply(target, fn, args);
      },
    }),
  );
  disguises.set(attachShadow, apply(nativeToString, nativeAttach, []));
  disguises.set(toStringProxy, apply(nativeToString, nativeToString, []));
  // Plain assignment keeps each property's attributes (writable, configurable, not enumerable) as the browser made them.
  Element.prototype.attachShadow = attachShadow;
  F.prototype.toString = toStringProxy;
  return (standIn, original) => void disguises.set(standIn, apply(nativeToString, original, []));
}

/** Makes `standIn` print, through Function.prototype.toString, as `original` does. */
export type Disguise = (standIn: object, original: object) => void;
