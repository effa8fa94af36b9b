/**
 * The React live feed in a real browser with the built extension, watched by the paint probe on
 * every frame: first load, infinite scroll, React re-renders that write real names and avatars into
 * masked nodes, SPA navigation and back, masking off (everything back) and on again. No frame may
 * show an identity while masking is on, and the app must log no error.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveFeedFixture, serveLiveFeed } from './harness/live-feed';
import { findLeaks, readPage } from './harness/page-checks';
import { FakeInternet } from './harness/serve';
import { askWorker, type BrowserSession, type TestPage } from './harness/session';

interface Probe {
  frames: number;
  violations: { frame: number; kind: string; what: string; url: string }[];
}
const probe = () => {
  const p = (window as unknown as { __probe: Probe }).__probe;
  return { frames: p.frames, violations: p.violations.slice() };
};
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function liveFeedSuite(launch: (internet: FakeInternet) => Promise<BrowserSession & { consoleErrors?: () => string[] }>): void {
  const fixture = liveFeedFixture();
  const internet = new FakeInternet();
  serveLiveFeed(internet, fixture);
  let session: BrowserSession;
  let control: TestPage;
  let page: TestPage;

  beforeAll(async () => {
    session = await launch(internet);
    control = await session.openExtensionPage('src/popup/index.html');
    page = await session.open(fixture.expected.url);
    await page.waitFor(() => document.querySelectorAll('article.post').length >= 10);
  });
  afterAll(async () => session?.close());

  it('paints no identity on first load and through live re-renders', async () => {
    await wait(1500); // six live re-renders that swap authors under masked nodes
    const { frames, violations } = await page.evaluate(probe);
    expect(frames).toBeGreaterThan(20);
    expect(violations).toEqual([]);
    expect(findLeaks(await page.evaluate(readPage), fixture.expected)).toEqual([]);
  });

  it('paints no identity while the reader scrolls and React appends posts', async () => {
    for (let i = 0; i < 6; i++) {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await wait(150);
    }
    await page.evaluate(() => (window as unknown as { __feed: { addPosts(n: number): void } }).__feed.addPosts(50));
    await wait(400);
    const count = await page.evaluate(() => document.querySelectorAll('article.post').length);
    expect(count).toBeGreaterThanOrEqual(80);
    expect((await page.evaluate(probe)).violations).toEqual([]);
    expect(findLeaks(await page.evaluate(readPage), fixture.expected)).toEqual([]);
  });

  it('paints no identity after an SPA navigation and back', async () => {
    await page.evaluate(() => (window as unknown as { __feed: { navigate(p: string): void } }).__feed.navigate('/live/profile/alice_w'));
    await page.waitFor(() => document.querySelector('.profile') !== null);
    await wait(300);
    expect(await page.evaluate(() => location.pathname)).toBe('/live/profile/alice_w');
    expect(findLeaks(await page.evaluate(readPage), fixture.expected)).toEqual([]);
    await page.evaluate(() => history.back());
    await page.waitFor(() => document.querySelector('.feed') !== null);
    await wait(300);
    expect((await page.evaluate(probe)).violations).toEqual([]);
    expect(findLeaks(await page.evaluate(readPage), fixture.expected)).toEqual([]);
  });

  it('switching off shows the page as React renders it, and on masks it again without reload', async () => {
    await askWorker(control, { type: 'page:set-enabled', enabled: false });
    await page.waitFor(() => document.documentElement.hasAttribute('data-momo-off'));
    await wait(600); // React keeps re-rendering while unmasked: names must stay what React writes
    const reading = await page.evaluate(readPage);
    expect(findLeaks(reading, fixture.expected).length).toBeGreaterThan(0);
    const stillReact = await page.evaluate(() => {
      const posts = [...document.querySelectorAll('article.post')];
      return posts.every((post) => !post.querySelector('[data-momo]') && !(post.querySelector('img.avatar')?.getAttribute('src') ?? '').includes('momo'));
    });
    expect(stillReact).toBe(true);
    const violationsBefore = (await page.evaluate(probe)).violations.length;
    await askWorker(control, { type: 'page:set-enabled', enabled: true });
    await page.waitFor(() => !document.documentElement.hasAttribute('data-momo-off'));
    await wait(300);
    expect(findLeaks(await page.evaluate(readPage), fixture.expected)).toEqual([]);
    // Frames painted while the user had masking off do not count; from "on" again, none may leak.
    const after = (await page.evaluate(probe)).violations.slice(violationsBefore);
    await wait(800);
    const later = (await page.evaluate(probe)).violations.slice(violationsBefore + after.length);
    expect(later).toEqual([]);
  });

  it('the app kept working: React rendered on, with no error in the console', async () => {
    const renders = await page.evaluate(() => (window as unknown as { __feed: { renders(): number } }).__feed.renders());
    expect(renders).toBeGreaterThan(10);
    expect(session.consoleErrors?.() ?? []).toEqual([]);
  });
}
