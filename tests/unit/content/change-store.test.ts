import { afterEach, describe, expect, it } from 'vitest';
import { changeStore, seesPageThroughXrays } from '../../../src/content/change-store';

afterEach(() => {
  delete (window as { wrappedJSObject?: unknown }).wrappedJSObject;
});

describe('where the masker keeps what it changed', () => {
  it('uses WeakMaps only where the page is seen through Xrays (a Firefox content script)', () => {
    expect(seesPageThroughXrays()).toBe(false);
    Object.assign(window, { wrappedJSObject: {} });
    expect(seesPageThroughXrays()).toBe(true);
    // The property store writes on the node; the WeakMap store leaves the node alone.
    const onNode = document.createTextNode('a');
    changeStore().setText(onNode, { original: 'a', masked: 'b' });
    expect(Object.keys(onNode)).toEqual([]);
    changeStore(false).setText(onNode, { original: 'a', masked: 'b' });
    expect(Object.keys(onNode)).toEqual(['momoMaskText']);
  });

  it.each([false, true])('keeps, replaces and forgets changes per node (WeakMaps: %s)', (throughXrays) => {
    const store = changeStore(throughXrays);
    const [a, b] = [document.createTextNode('a'), document.createTextNode('b')];
    const el = document.createElement('img');
    expect(store.text(a)).toBeUndefined();
    store.setText(a, { original: 'Ana', masked: 'momo' });
    expect(store.text(a)).toEqual({ original: 'Ana', masked: 'momo' });
    expect(store.text(b)).toBeUndefined();
    store.setText(a, undefined);
    expect(store.text(a)).toBeUndefined();
    const changes = new Map([['alt', { original: 'Ana', masked: 'momo' }]]);
    store.setAttributes(el, changes);
    expect(store.attributes(el)).toBe(changes);
    store.setAttributes(el, undefined);
    expect(store.attributes(el)).toBeUndefined();
  });
});
