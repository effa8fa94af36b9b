/**
 * The MAIN-world hook, as a page sees it: attachShadow and Function.prototype.toString look like
 * the browser's own, the hook still announces open roots, and a page script that replaces a native
 * afterwards is neither called by the hook nor shown what it does. (tests/e2e/page-probe.* checks
 * the same in Chromium and Firefox, where the native text has each browser's own format.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installHook, SHADOW_ROOT_EVENT } from '../../../src/content/shadow-hook';

const originals = {
  attachShadow: Object.getOwnPropertyDescriptor(Element.prototype, 'attachShadow')!,
  toString: Object.getOwnPropertyDescriptor(Function.prototype, 'toString')!,
  dispatchEvent: Object.getOwnPropertyDescriptor(EventTarget.prototype, 'dispatchEvent')!,
};
const nativeText = (fn: unknown) => originals.toString.value.call(fn) as string;

beforeEach(() => {
  installHook(globalThis);
});
afterEach(() => {
  for (const [target, name] of [
    [Element.prototype, 'attachShadow'],
    [Function.prototype, 'toString'],
    [EventTarget.prototype, 'dispatchEvent'],
  ] as const) {
    Object.defineProperty(target, name, originals[name]);
  }
  document.body.innerHTML = '';
});

describe('the hook seen from the page', () => {
  it('prints attachShadow and toString as the browser prints its own', () => {
    const attach = Element.prototype.attachShadow;
    expect(attach).not.toBe(originals.attachShadow.value);
    expect(attach.toString()).toBe(nativeText(originals.attachShadow.value));
    expect(Function.prototype.toString.call(attach)).toBe(nativeText(originals.attachShadow.value));
    expect(`${attach}`).toBe(nativeText(originals.attachShadow.value));
    expect(Function.prototype.toString.toString()).toBe(nativeText(originals.toString.value));
    expect(Function.prototype.toString.call(Function.prototype.toString)).toBe(nativeText(originals.toString.value));
  });

  it('has the native shape: name, length, no prototype, not a constructor, the same property attributes', () => {
    const attach = Element.prototype.attachShadow;
    expect(attach.name).toBe('attachShadow');
    expect(attach.length).toBe(originals.attachShadow.value.length);
    expect('prototype' in attach).toBe(false);
    expect(() => new (attach as unknown as new () => object)()).toThrow(TypeError);
    expect(Object.getOwnPropertyNames(attach).sort()).toEqual(Object.getOwnPropertyNames(originals.attachShadow.value).sort());
    const { value: _a, ...attributes } = Object.getOwnPropertyDescriptor(Element.prototype, 'attachShadow')!;
    const { value: _b, ...nativeAttributes } = originals.attachShadow;
    expect(attributes).toEqual(nativeAttributes);
    expect(Function.prototype.toString.name).toBe('toString');
    expect(Function.prototype.toString.length).toBe(0);
  });

  it('leaves every other function as it prints, and refuses a non-function as the native does', () => {
    function pageFunction(a: number) {
      return a + 1;
    }
    expect(pageFunction.toString()).toBe(nativeText(pageFunction));
    expect(Function.prototype.toString.call(Math.max)).toBe(nativeText(Math.max));
    expect(() => Function.prototype.toString.call({})).toThrow(TypeError);
  });

  it('runs no page getter planted on Object.prototype when the page reads the stand-ins', () => {
    const traps = ['get', 'has', 'apply', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'defineProperty'];
    let reads = 0;
    // Descriptors with no prototype: once "get" is planted, a plain one would inherit it.
    for (const trap of traps) Object.defineProperty(Object.prototype, trap, Object.assign(Object.create(null), { get: () => void reads++, configurable: true }));
    try {
      const attach = Element.prototype.attachShadow;
      // (jsdom defines properties with plain descriptors, so its DOM cannot run while "get" is planted.)
      void [attach.name, attach.length, Object.keys(attach), 'prototype' in attach, Function.prototype.toString.name, `${attach}`];
    } finally {
      for (const trap of traps) delete (Object.prototype as Record<string, unknown>)[trap];
    }
    expect(reads).toBe(0);
  });

  it("reads the page's init once, as the native does", () => {
    let reads = 0;
    const init = {
      get mode(): ShadowRootMode {
        reads++;
        return 'open';
      },
    };
    document.createElement('div').attachShadow(init);
    expect(reads).toBe(1);
  });
});

describe('the hook at work', () => {
  it('announces open roots on their host, not closed ones', () => {
    const seen: EventTarget[] = [];
    const listener = (event: Event) => seen.push(event.composedPath()[0]);
    document.addEventListener(SHADOW_ROOT_EVENT, listener, true);
    try {
      document.body.innerHTML = '<div id="open"></div><div id="closed"></div>';
      const open = document.getElementById('open')!;
      const root = open.attachShadow({ mode: 'open' });
      expect(root).toBe(open.shadowRoot);
      document.getElementById('closed')!.attachShadow({ mode: 'closed' });
      expect(seen).toEqual([open]);
    } finally {
      document.removeEventListener(SHADOW_ROOT_EVENT, listener, true);
    }
  });

  it('calls the natives it captured at install, not what a page put in their place later', () => {
    let pageSaw = 0;
    EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
      pageSaw++;
      return originals.dispatchEvent.value.call(this, event);
    };
    let announced = 0;
    const listener = () => announced++;
    document.addEventListener(SHADOW_ROOT_EVENT, listener, true);
    try {
      document.body.innerHTML = '<div></div>';
      document.body.firstElementChild!.attachShadow({ mode: 'open' });
      expect(announced).toBe(1);
      expect(pageSaw).toBe(0);
    } finally {
      document.removeEventListener(SHADOW_ROOT_EVENT, listener, true);
    }
  });
});
