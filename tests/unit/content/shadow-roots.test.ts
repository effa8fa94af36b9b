/**
 * Shadow roots the page discards go with their hosts: the engine's registry holds what is in the
 * page, the discarded roots can be garbage-collected (nothing of the engine, its observer
 * included, still holds them), and the roots still in the page, or placed a moment after they
 * were attached, stay masked. Page time is simulated (the sweeps wait for SWEEP_GRACE_MS).
 * (tests/e2e/shadow-memory.chromium.test.ts counts the DOM nodes a real browser keeps.)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHADOW_ROOT_EVENT } from '../../../src/content/mask-engine';
import { SWEEP_GRACE_MS } from '../../../src/content/shadow-roots';
import { startEngine, stopEngines, TEST_RULE } from './helpers';

/** Names only: the sweeps are what is measured, and jsdom runs a rule's selectors slowly. */
const NAMES_ONLY = { id: 'names', name: 'Names', hosts: TEST_RULE.hosts, names: ['.name'] } as typeof TEST_RULE;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => {
  stopEngines();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

/** Lets `ms` of page time pass: the observer's callbacks run, then any timer due. */
const pass = (ms: number) => vi.advanceTimersByTimeAsync(ms);

/** A host with an open root holding a name, announced as the MAIN-world hook does; `parent`: where the host goes (none: not placed yet). */
function card(name: string, parent?: Element): ShadowRoot {
  const host = document.createElement('div');
  parent?.append(host);
  const root = host.attachShadow({ mode: 'open' });
  host.dispatchEvent(new Event(SHADOW_ROOT_EVENT, { bubbles: true, composed: true }));
  root.innerHTML = `<span class="name">${name}</span><p>${'<i>x</i>'.repeat(20)}</p>`;
  return root;
}

/** Cards a churn adds (and removes) every 100 ms of page time. */
const BATCH = 20;

const shows = (root: ShadowRoot) => root.querySelector('.name')!.textContent;

/** Adds and removes `count` cards, BATCH every 100 ms, as a feed that recycles its rows; their roots are only weakly kept here. `each`: called after each batch. */
async function churn(count: number, each = () => {}): Promise<{ masked: number; refs: WeakRef<ShadowRoot>[] }> {
  const feed = document.body.appendChild(document.createElement('main'));
  const refs: WeakRef<ShadowRoot>[] = [];
  let masked = 0;
  for (let done = 0; done < count; done += BATCH) {
    const roots = Array.from({ length: BATCH }, (_, i) => card(`Person ${done + i}`, feed));
    await pass(100);
    masked += roots.filter((root) => shows(root) === 'momo').length;
    for (const root of roots) {
      refs.push(new WeakRef(root));
      root.host.remove();
    }
    each();
  }
  feed.remove();
  return { masked, refs };
}

describe('shadow roots the page discards', () => {
  it('leave the registry: while the page churns it stays bounded, and once the grace has passed it holds what is in the page', { timeout: 60_000 }, async () => {
    const engine = startEngine(NAMES_ONLY);
    const kept = Array.from({ length: 5 }, (_, i) => card(`Kept ${i}`, document.body));
    let largest = 0;
    // 1,500 roots over 7.5 s of page time; the registry is read after each batch.
    const { masked } = await churn(1_500, () => (largest = Math.max(largest, engine.shadowRoots.size)));
    expect(masked).toBe(1_500);
    // At most what the last two graces removed, and what was added since the last sweep: 440, not 1,500.
    expect(largest).toBeLessThan(2 * (BATCH * (SWEEP_GRACE_MS / 100) + BATCH) + kept.length);
    await pass(2 * SWEEP_GRACE_MS);
    expect(engine.shadowRoots.size).toBe(kept.length);
    // The roots still in the page are still followed.
    for (const root of kept) root.querySelector('.name')!.append(' Jr.');
    await pass(0);
    expect(kept.map(shows)).toEqual(Array(5).fill('momo'));
  });

  it('can be garbage-collected: neither the registry nor the observer holds them', { timeout: 30_000 }, async () => {
    startEngine(NAMES_ONLY);
    const { refs } = await churn(300);
    await pass(2 * SWEEP_GRACE_MS);
    collectGarbage();
    // jsdom itself keeps the last root it touched, with no engine at all.
    expect(refs.filter((ref) => ref.deref()).length).toBeLessThanOrEqual(1);
  });

  it('a root whose host the page moves (out, then back deep in what it adds) within the grace is still followed', async () => {
    startEngine(NAMES_ONLY);
    const section = document.body.appendChild(document.createElement('section'));
    const moved = card('Moved Person', section.appendChild(document.createElement('div')));
    await pass(0);
    section.remove();
    await churn(100); // sweeps at 32 and 64 roots pass while the host is out of the document (within the grace)
    document.body.append(section);
    await pass(0);
    moved.querySelector('.name')!.textContent = 'Someone Else';
    await pass(0);
    expect(shows(moved)).toBe('momo');
  });
});
