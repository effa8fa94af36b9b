/**
 * Shadow roots the page discards are released with their hosts: a page on a built-in site (x.com)
 * attaches 4,500 short-lived open roots of about 90 nodes each (each announced by the MAIN-world
 * hook and masked), removes their hosts and drops them. After a full garbage collection the
 * renderer's live DOM node count (DevTools protocol, Memory.getDOMCounters), once the engine's
 * grace for hosts out of the document has passed, must be back near where it started: the engine
 * kept every one of these roots before (661,646 nodes here). Roots still in the page stay
 * masked. Chromium only: Firefox has no protocol call that counts DOM nodes.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SWEEP_GRACE_MS } from '../../src/content/shadow-roots';
import { launchChromium } from './harness/chromium';
import { FakeInternet } from './harness/serve';
import type { BrowserSession } from './harness/session';

const URL = 'https://x.com/memory/status/1';
const HTML = '<!doctype html><html><head><title>Memory / X</title></head><body><main id="feed"></main><div id="kept"></div></body></html>';
const ROOTS = 4_500;
/** Nodes one churned root holds (host, its shadow tree): what a leak would keep per root. */
const NODES_PER_ROOT = 92;

let session: BrowserSession & { context: import('playwright-core').BrowserContext };
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
  const internet = new FakeInternet();
  internet.add({
    id: 'memory',
    dir: '',
    html: HTML,
    expected: { url: URL, source: 'hand-written', view: 'memory', names: [], handles: [], avatarUrls: [], avatars: 0, locations: [], content: [] },
  });
  session = await launchChromium(internet);
  await session.open(URL);
  page = session.context.pages().find((p) => p.url() === URL)!;
  cdp = await session.context.newCDPSession(page);
});
afterAll(async () => session?.close());

async function liveNodes(): Promise<number> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Memory.getDOMCounters')).nodes;
}

it(`releases ${ROOTS.toLocaleString('en')} discarded shadow roots with their hosts, and keeps masking the live ones`, async () => {
  const before = await liveNodes();
  const report = await page.evaluate(
    async ({ roots, perRoot }) => {
      const feed = document.getElementById('feed')!;
      // About 90 nodes: a masked name, and rows of plain content.
      const rows = Array.from({ length: (perRoot - 10) / 4 }, (_, i) => `<p>row <b>${i}</b> <i>x</i></p>`).join('');
      const card = (i: number) => `<div data-testid="User-Name"><div><span>Person ${i}</span></div></div><section>${rows}</section>`;
      const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));
      let masked = 0;
      for (let done = 0; done < roots; done += 100) {
        const hosts: HTMLElement[] = [];
        for (let i = done; i < done + 100; i++) {
          const host = feed.appendChild(document.createElement('div'));
          host.attachShadow({ mode: 'open' }).innerHTML = card(i);
          hosts.push(host);
        }
        await nextFrame();
        masked += hosts.filter((host) => host.shadowRoot!.querySelector('span')!.textContent === 'momo').length;
        for (const host of hosts) host.remove();
      }
      // A root that stays, changed after the churn: still followed.
      const kept = document.getElementById('kept')!.attachShadow({ mode: 'open' });
      kept.innerHTML = card(-1);
      await nextFrame();
      kept.querySelector('span')!.textContent = 'Someone New';
      await nextFrame();
      return { masked, keptShows: kept.querySelector('span')!.textContent };
    },
    { roots: ROOTS, perRoot: NODES_PER_ROOT },
  );
  // The engine forgets a root once its host has been out of the document for the grace (content/shadow-roots.ts).
  await new Promise((resolve) => setTimeout(resolve, 2 * SWEEP_GRACE_MS + 500));
  const after = await liveNodes();
  expect(report).toEqual({ masked: ROOTS, keptShows: 'momo' });
  // A leak keeps ROOTS x NODES_PER_ROOT (414,000); the ceiling is 3 % of that.
  console.log(`live DOM nodes: ${before} before, ${after} after`);
  expect(after - before).toBeLessThan(0.03 * ROOTS * NODES_PER_ROOT);
});
