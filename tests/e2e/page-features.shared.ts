/**
 * What real pages throw at the engine, in a real browser: shadow roots attached after insertion and
 * nested (found through the MAIN-world hook), a custom element that keeps its author in an attribute,
 * a same-site iframe and a srcdoc iframe, and the user's own drafts, which are never rewritten.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { componentsFixture, readFrames, serveComponents } from './harness/components';
import { findLeaks, readPage } from './harness/page-checks';
import { countAvatarPixels, FakeInternet } from './harness/serve';
import type { BrowserSession, TestPage } from './harness/session';

export function pageFeaturesSuite(launch: (internet: FakeInternet) => Promise<BrowserSession>): void {
  const fixture = componentsFixture();
  const internet = new FakeInternet();
  serveComponents(internet, fixture);
  let session: BrowserSession;
  let page: TestPage;

  beforeAll(async () => {
    session = await launch(internet);
    page = await session.open(fixture.expected.url);
    // The nested badge attaches its root 20 ms after its card; the iframes load on their own.
    await page.waitFor(() => [...document.querySelectorAll('user-card')].every((card) => card.shadowRoot?.querySelector('user-badge')?.shadowRoot));
    await page.waitFor(() => [...document.querySelectorAll('iframe')].every((f) => f.contentDocument?.readyState === 'complete' && f.contentDocument.body?.childElementCount));
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  afterAll(async () => session?.close());

  it('masks inside shadow roots attached after insertion, and nested ones', async () => {
    const reading = await page.evaluate(readPage);
    expect(findLeaks(reading, { ...fixture.expected, names: ['Ingrid Solberg', '黄婷婷'], handles: ['isolberg', 'huangtt'] })).toEqual([]);
    expect(reading.visibleText).toContain('Card content stays.');
    expect(countAvatarPixels(await page.screenshot())).toBe(0);
  });

  it('rewrites an identity a custom element keeps in an attribute, and what it renders from it', async () => {
    const comment = await page.evaluate(() => {
      const el = document.querySelector('demo-comment')!;
      return { author: el.getAttribute('author'), rendered: el.shadowRoot?.querySelector('.by')?.textContent };
    });
    expect(comment).toEqual({ author: 'momo', rendered: 'momo' });
  });

  it('masks same-site and srcdoc iframes', async () => {
    const frames = await page.evaluate(readFrames);
    expect(frames.realAvatars).toBe(0);
    const leaks = findLeaks(
      { visibleText: frames.text, labels: frames.labels, title: '' },
      { ...fixture.expected, names: ['Tomasz Wójcik', 'Lucía Ferrer'], handles: ['twojcik', 'lferrer'] },
    );
    expect(leaks).toEqual([]);
    expect(frames.text).toContain('Framed content stays.');
    expect(frames.text).toContain('Srcdoc content stays.');
  });

  it("never rewrites the user's drafts", async () => {
    const drafts = await page.evaluate(() => ({
      text: (document.getElementById('draft-text') as HTMLTextAreaElement).value,
      input: (document.getElementById('draft-input') as HTMLInputElement).value,
      editor: document.getElementById('draft-editor')!.innerHTML,
      editorOpacity: getComputedStyle(document.querySelector('#draft-editor span')!).opacity,
    }));
    expect(drafts).toEqual({
      text: 'Replying to @draft_friend and Ingrid Solberg',
      input: 'Ingrid Solberg',
      editor: '<a data-role="mention" href="/@draft_friend">@draft_friend</a> <span data-role="display-name">Ingrid Solberg</span>',
      editorOpacity: '1',
    });
  });

  it('the page logged no error', () => {
    expect(session.consoleErrors()).toEqual([]);
  });
}
