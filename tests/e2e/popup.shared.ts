/**
 * The popup, driven like a person drives it (real clicks and keys), against the React live feed
 * open in another tab: the popup page is opened in a tab of its own with ?tab=<the feed's tab id>.
 * Every check of the effect looks at the feed page itself, never at what the popup says it did.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pseudonymFor } from '../../src/shared/persona';
import type { Settings } from '../../src/shared/settings';
import { liveFeedFixture, serveLiveFeed } from './harness/live-feed';
import { findLeaks, momoAvatars, readPage } from './harness/page-checks';
import { FakeInternet } from './harness/serve';
import { askWorker, type BrowserSession, type TestPage } from './harness/session';
import { LARGEST_POPUP, popupHeights, tabIdOf, type UiPage } from './harness/ui';

export interface PopupHarness {
  session: BrowserSession;
  openUi(path: string): Promise<UiPage>;
  /** Stops the extension's worker for real; the returned check says whether the one that answers now is a fresh one. */
  stopWorker(control: TestPage): Promise<() => Promise<boolean>>;
  /** Runs the worker's keyboard-command handler (a key sent to a page never reaches commands.onCommand). */
  runCommand(control: TestPage, name: string): Promise<void>;
  /** URLs of the browser's tabs, as the driver sees them (browser pages included). */
  tabUrls(): Promise<string[]>;
}

const FEED = 'https://demo.momomask.test/live/';
const SELF = '[data-role="self"]';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** In the feed: the text of the signed-in header and of the first post's author. */
const identities = () => ({
  self: (document.querySelector('[data-role="self"]') as HTMLElement | null)?.innerText.trim() ?? '',
  firstAuthor: (document.querySelector('article.post [data-role="display-name"]') as HTMLElement | null)?.innerText.trim() ?? '',
});
const namesVisible = (names: string[]) => names.some((name) => document.body.innerText.includes(name));

export function popupSuite(launch: (internet: FakeInternet) => Promise<PopupHarness>): void {
  const fixture = liveFeedFixture();
  const internet = new FakeInternet();
  serveLiveFeed(internet, fixture);
  const names = fixture.expected.names;
  let h: PopupHarness;
  let feed: TestPage;
  let control: UiPage;
  let popup: UiPage;
  let popupPath: string;

  const settings = () => askWorker<Settings>(control, { type: 'page:get-settings' });
  const masked = async () => findLeaks(await feed.evaluate(readPage), fixture.expected).length === 0;
  const countShown = async () => Number(/\d+/.exec(await popup.text('[data-testid="status"]'))?.[0] ?? NaN);

  beforeAll(async () => {
    h = await launch(internet);
    feed = await h.session.open(fixture.expected.url);
    await feed.waitFor(() => document.querySelectorAll('article.post').length >= 10);
    await feed.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    control = await h.openUi('src/popup/index.html');
    popupPath = `src/popup/index.html?tab=${await tabIdOf(control, FEED)}`;
    popup = await h.openUi(popupPath);
    // The first answer from a cold worker can take long on a busy machine.
    await popup.waitFor(() => /\d/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''), undefined, 30_000);
  });
  afterAll(async () => h?.session.close());

  it('opens at the size it keeps: empty (before the settings are read) as tall as the largest popup, 600 px, and taller drawn', async () => {
    const heights = await popup.evaluate(popupHeights);
    expect(heights.empty).toBeGreaterThanOrEqual(LARGEST_POPUP);
    expect(heights.drawn).toBeGreaterThanOrEqual(LARGEST_POPUP);
  });

  it('shows how many identities are masked on the tab, and follows the page as it grows', async () => {
    const before = await countShown();
    expect(before).toBeGreaterThan(10);
    await feed.evaluate(() => (window as unknown as { __feed: { addPosts(n: number): void } }).__feed.addPosts(20));
    await popup.waitFor((n) => Number(/\d+/.exec(document.querySelector('[data-testid="status"]')?.textContent ?? '')?.[0]) > n, before);
    expect(await countShown()).toBeGreaterThan(before);
  });

  it('switching this site off and on in the popup unmasks and masks the open tab, without reload', async () => {
    expect(await masked()).toBe(true);
    await popup.click('[data-testid="toggle-site"]');
    await feed.waitFor(namesVisible, names);
    expect((await settings()).disabledSites).toContain('demo');
    expect(await popup.evaluate(() => document.querySelector('[data-testid="toggle-site"]')?.getAttribute('aria-checked'))).toBe('false');

    await popup.click('[data-testid="toggle-site"]');
    await feed.waitFor((list) => !list.some((name) => document.body.innerText.includes(name)), names);
    await wait(300); // live re-renders keep writing names: they must stay masked
    expect(await masked()).toBe(true);
    expect(await feed.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  it('works from the keyboard alone, with a visible focus ring', async () => {
    await popup.reload();
    await popup.waitFor(() => document.querySelector('[data-testid="toggle-global"]') !== null);
    const focused = () => popup.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.getAttribute('value') ?? '');
    for (let i = 0; i < 6 && (await focused()) !== 'toggle-global'; i++) await popup.press('Tab');
    expect(await focused()).toBe('toggle-global');
    const ring = await popup.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(ring).toBe('solid');

    await popup.press('Space');
    await feed.waitFor(namesVisible, names);
    expect((await settings()).enabled).toBe(false);
    await popup.press('Space');
    await feed.waitFor((list) => !list.some((name) => document.body.innerText.includes(name)), names);

    // The label presets are one radio group: Tab lands on the chosen one, arrows choose the next.
    for (let i = 0; i < 8 && (await focused()) !== 'momo'; i++) await popup.press('Tab');
    expect(await focused()).toBe('momo');
    await popup.press('ArrowRight');
    await feed.waitFor((sel) => (document.querySelector(sel) as HTMLElement).innerText.includes('milk-tea mo'), SELF);
    await popup.press('ArrowLeft');
    await feed.waitFor((sel) => !(document.querySelector(sel) as HTMLElement).innerText.includes('milk-tea mo'), SELF);
    expect((await settings()).label).toBe('momo');
  });

  it('a label preset shows at once on the self identity of the page and in the preview; everyone else stays momo', async () => {
    await popup.click('input[value="postgrad mo"]');
    expect(await popup.text('[data-testid="preview-self-name"]')).toBe('postgrad mo');
    await feed.waitFor((sel) => (document.querySelector(sel) as HTMLElement).innerText.includes('postgrad mo'), SELF);
    const { self, firstAuthor } = await feed.evaluate(identities);
    expect(self).not.toContain('Robin Achterberg');
    expect(firstAuthor).toBe('momo');
    expect(await masked()).toBe(true);
  });

  it('refuses a typed label with the reason, and uses it once it is valid', async () => {
    await popup.fill('[data-testid="label-own"]', 'cat <3 mo');
    await popup.waitFor(() => (document.querySelector('[data-testid="label-problem"]')?.textContent ?? '') !== '');
    expect(await popup.evaluate(() => document.querySelector('[data-testid="label-own"]')!.getAttribute('aria-invalid'))).toBe('true');
    await popup.fill('[data-testid="label-own"]', 'x'.repeat(30));
    await popup.waitFor(() => /24/.test(document.querySelector('[data-testid="label-problem"]')?.textContent ?? ''));
    await wait(600); // longer than the typing pause: nothing invalid was sent
    expect((await settings()).label).toBe('postgrad mo');

    await popup.fill('[data-testid="label-own"]', 'hiking mo');
    expect(await popup.text('[data-testid="preview-self-name"]')).toBe('hiking mo');
    await feed.waitFor((sel) => (document.querySelector(sel) as HTMLElement).innerText.includes('hiking mo'), SELF);
    expect(await popup.text('[data-testid="label-problem"]')).toBe('');
    expect((await settings()).label).toBe('hiking mo');
  });

  it('pseudonym mode: the preview and the page show stable momo·xxxx names, then back to the crowd', async () => {
    await popup.click('[data-testid="mode-pseudonym"]');
    const { salt } = await settings();
    expect(await popup.text('[data-testid="preview-other-name"]')).toBe(pseudonymFor(salt, 'example').name);
    await feed.waitFor(() => /^momo·[0-9a-z]{4}$/.test((document.querySelector('article.post [data-role="display-name"]') as HTMLElement).innerText.trim()));
    expect(await masked()).toBe(true);
    await popup.click('[data-testid="mode-crowd"]');
    await feed.waitFor(() => (document.querySelector('article.post [data-role="display-name"]') as HTMLElement).innerText.trim() === 'momo');
    expect(await popup.text('[data-testid="preview-other-name"]')).toBe('momo');
  });

  it('categories: avatars off shows the real pictures again, on masks them; names inside post text can be switched on', async () => {
    expect((await feed.evaluate(momoAvatars)).count).toBeGreaterThan(0);
    await popup.click('[data-testid="category-avatars"]');
    // The artwork is drawn over the avatars by CSS `content`: what the box paints, not its src.
    await feed.waitFor(() => ![...document.querySelectorAll('img[data-role="avatar"]')].some((img) => getComputedStyle(img).content.includes('momo-avatar')));
    expect((await settings()).categories.avatars).toBe(false);
    await popup.click('[data-testid="category-avatars"]');
    await feed.waitFor(() => [...document.querySelectorAll('img[data-role="avatar"]')].every((img) => getComputedStyle(img).content.includes('momo-avatar')));

    expect(await popup.evaluate(() => (document.querySelector('[data-testid="category-textNames"]') as HTMLInputElement).checked)).toBe(false);
    await popup.click('[data-testid="category-textNames"]');
    await popup.waitFor(() => (document.querySelector('[data-testid="category-textNames"]') as HTMLInputElement).checked);
    // The box is checked at the click; the worker's write lands a moment later.
    await expect.poll(async () => (await settings()).categories.textNames, { timeout: 5000 }).toBe(true);
    expect(await masked()).toBe(true);
  });

  it('shows the shortcuts the browser assigned (masking, screenshot), and its button opens the browser’s shortcut settings', async () => {
    const assigned = await control.evaluate(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      const commands = await api.commands.getAll();
      return ['toggle-masking', 'take-screenshot'].map((name) => commands.find((c) => c.name === name)?.shortcut ?? '');
    });
    // Headless browsers assign the suggested keys: the screenshot section shows them, and none when none is assigned.
    expect(await popup.text('[data-testid="shortcut-keys"]')).toBe(assigned[0]);
    expect(await popup.text('[data-testid="shortcut"]')).not.toBe('');
    await popup.waitFor((keys: string) => (document.querySelector('[data-testid="screenshot-shortcut-keys"]')?.textContent ?? '') === keys, assigned[1]);
    await popup.click('[data-testid="shortcut-change"]');
    const settingsPage = h.session.name === 'chromium' ? 'chrome://extensions/shortcuts' : 'about:addons';
    for (let i = 0; i < 50 && !(await h.tabUrls()).includes(settingsPage); i++) await wait(100);
    expect(await h.tabUrls()).toContain(settingsPage);
  });

  it('the options link opens the options page', async () => {
    const optionsOpen = () =>
      control.evaluate(() => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return api.extension.getViews({ type: 'tab' }).some((view) => view.location.pathname.endsWith('/src/options/index.html'));
      });
    expect(await optionsOpen()).toBe(false);
    await popup.click('[data-testid="open-options"]');
    for (let i = 0; i < 50 && !(await optionsOpen()); i++) await wait(100);
    expect(await optionsOpen()).toBe(true);
  });

  it('the keyboard command’s handler switches masking off and on everywhere; the popup follows', async () => {
    await h.runCommand(control, 'toggle-masking');
    await feed.waitFor(namesVisible, names);
    await popup.waitFor(() => (document.querySelector('[data-testid="toggle-global"]') as HTMLInputElement).checked === false);
    await h.runCommand(control, 'toggle-masking');
    await feed.waitFor((list) => !list.some((name) => document.body.innerText.includes(name)), names);
    await popup.waitFor(() => (document.querySelector('[data-testid="toggle-global"]') as HTMLInputElement).checked);
  });

  it('settings survive a real stop of the worker and are read back', async () => {
    const before = await settings();
    expect(before).toMatchObject({ label: 'hiking mo', mode: 'crowd', categories: { textNames: true, avatars: true } });
    const isFresh = await h.stopWorker(control);
    await popup.reload();
    await popup.waitFor(() => (document.querySelector('[data-testid="label-own"]') as HTMLInputElement | null)?.value === 'hiking mo');
    await popup.waitFor(() => /\d/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''), undefined, 30_000);
    if (h.session.name === 'chromium') {
      // Opened on a stopped worker, the popup draws its site's switch and the rest at once: nothing
      // moves after its first paint (Chromium reports layout shifts; Firefox does not).
      const shift = await popup.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(total), 300);
          }),
      );
      expect(shift).toBe(0);
    }
    expect(await popup.evaluate(() => (document.querySelector('[data-testid="label-own-choice"]') as HTMLInputElement).checked)).toBe(true);
    expect(await popup.evaluate(() => (document.querySelector('[data-testid="category-textNames"]') as HTMLInputElement).checked)).toBe(true);
    // The popup drew all of that without the worker; asked now, a fresh worker reads the same back.
    expect(await settings()).toEqual(before);
    expect(await isFresh()).toBe(true);
    expect((await feed.evaluate(identities)).self).toContain('hiking mo');
    expect(h.session.consoleErrors()).toEqual([]);
  });

  it('the toolbar badge says OFF on the tab of a site with masking off, again after the page reloads, and nothing once it is on', async () => {
    const tabId = await tabIdOf(control, FEED);
    const badge = () =>
      control.evaluate((id) => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return api.action.getBadgeText({ tabId: id });
      }, tabId);
    const badgeIs = async (text: string) => {
      for (let waited = 0; (await badge()) !== text; waited += 100) {
        if (waited > 10_000) throw new Error(`the badge stayed "${await badge()}", not "${text}"`);
        await wait(100);
      }
    };
    await askWorker(control, { type: 'page:set-site-enabled', siteId: 'demo', enabled: false });
    await badgeIs('OFF');
    // A navigation clears the tab's badge (in both browsers): the page that loads asks for it again.
    await feed.evaluate(() => setTimeout(() => location.reload(), 0));
    await feed.waitFor(() => !(window as unknown as { sameDocument?: boolean }).sameDocument && document.querySelectorAll('article.post').length >= 10);
    await badgeIs('OFF');
    await askWorker(control, { type: 'page:set-site-enabled', siteId: 'demo', enabled: true });
    await badgeIs('');
    await feed.waitFor((list) => !list.some((name) => document.body.innerText.includes(name)), names);
  });
}
