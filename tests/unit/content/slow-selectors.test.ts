/**
 * Run-time cost bounds: a selector that a page makes slow (a query over one added subtree longer
 * than SLOW_QUERY_MS) is timed alone, reported, and switched off, while the others keep masking.
 * The clock is the test's: each query containing the slow selector "takes" 300 ms.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SLOW_QUERY_MS, type SlowSelector } from '../../../src/content/mask-engine';
import { flush, startEngine, stopEngines, TEST_RULE } from './helpers';

const SLOW = '.feed .slow-bomb';

afterEach(() => {
  stopEngines();
  vi.restoreAllMocks();
});

function slowClock(): void {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  for (const proto of [Element.prototype, Document.prototype, DocumentFragment.prototype]) {
    const native = proto.querySelectorAll;
    vi.spyOn(proto, 'querySelectorAll').mockImplementation(function (this: ParentNode, selector: string) {
      now += selector.includes('slow-bomb') ? 300 : 1;
      return native.call(this, selector);
    } as typeof native);
  }
}

describe('a selector a page makes slow', () => {
  it('is timed alone, reported with its field, and only it', async () => {
    slowClock();
    document.body.innerHTML = '<div class="feed"></div>';
    const engine = startEngine({ ...TEST_RULE, names: ['.name', SLOW] });
    const reported: SlowSelector[][] = [];
    engine.onSlowSelectors = (slow) => reported.push(slow);
    document.querySelector('.feed')!.insertAdjacentHTML('beforeend', '<article><b class="name">Alice</b><span class="handle">@alice</span></article>');
    await flush();
    expect(reported).toEqual([[{ field: 'names', selector: SLOW, ms: 300 }]]);
    expect(engine.errors.join()).toContain('switched off as too slow');
    // The pass that found it still masked what the rule's other selectors match.
    expect(document.querySelector('.name')!.textContent).toBe('momo');
    expect(document.querySelector('.handle')!.textContent).toBe('@momo');
  });

  it('reports nothing while every query stays under the budget', async () => {
    document.body.innerHTML = '<div class="feed"></div>';
    const engine = startEngine({ ...TEST_RULE, names: ['.name', SLOW] });
    const reported: SlowSelector[][] = [];
    engine.onSlowSelectors = (slow) => reported.push(slow);
    document.querySelector('.feed')!.insertAdjacentHTML('beforeend', '<article><b class="name">Alice</b></article>');
    await flush();
    expect(reported).toEqual([]);
    expect(SLOW_QUERY_MS).toBeGreaterThan(16);
  });
});
