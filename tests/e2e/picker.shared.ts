/**
 * The element picker on a site with no built-in rule (a XenForo forum), driven as a person drives
 * it: "Pick on this page" in the popup (opened as a tab naming the forum's tab with ?tab=), then real
 * mouse clicks on the forum page — an avatar, a name, skip the handle, a location, and "+" for the
 * other shapes names take on that page — then Save. The forum must be masked at once and after a
 * reload, by the rule the picks made, with the posts intact. Every check looks at the page itself.
 * The picker's panel is in a closed shadow root, which the page cannot reach: the tests read it
 * through the browser's automation protocol (PickerHarness.inPicker) and click in it with real
 * clicks at its buttons' places.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadFixtures } from './harness/fixtures';
import { findLeaks, readPage } from './harness/page-checks';
import { countAvatarPixels, countMomoPixels, FakeInternet } from './harness/serve';
import { askWorker, type BrowserSession, type TestPage } from './harness/session';
import type { UiPage } from './harness/ui';

export const PICKER_HOST = 'forums.tomatogrowers.example';

export interface PickerHarness {
  session: BrowserSession;
  openUi(path: string): Promise<UiPage>;
  /**
   * Runs `fn` in `page` with the picker's closed shadow root (null while there is none), reached
   * through the driver's protocol (DevTools DOM in Chromium, WebDriver BiDi in Firefox).
   */
  inPicker<R, A = undefined>(page: TestPage, fn: (root: ShadowRoot | null, arg: A) => R, arg?: A): Promise<R>;
  /** A real click (the browser's own input: trusted) at the point (in the viewport) given. */
  clickAt(page: TestPage, x: number, y: number): Promise<void>;
}

/** The later rounds as a user would do them: a quote's title ("Name said:"), then the visitor's own menu. */
const LATER_ROUNDS = ['.bbCodeBlock-title', '.p-navgroup-link--user .p-navgroup-linkText'];

interface PickerState {
  open: boolean;
  prompt: string;
  selector: string;
  counts: Record<string, string>;
}

function pickerState(root: ShadowRoot | null): PickerState {
  const text = (selector: string) => root?.querySelector(selector)?.textContent ?? '';
  return {
    open: Boolean(root?.querySelector('.panel')),
    prompt: text('[data-testid="picker-prompt"]'),
    selector: (root?.querySelector('[data-testid="picker-selector"]') as HTMLInputElement | null)?.value ?? '',
    counts: Object.fromEntries(['avatars', 'names', 'handles', 'locations'].map((kind) => [kind, text(`[data-testid="picker-count-${kind}"]`)])),
  };
}

export function pickerSuite(launch: (internet: FakeInternet) => Promise<PickerHarness>): void {
  const [fixture] = loadFixtures((id) => id === 'picker/xenforo-thread-2026');
  const url = fixture.expected.url;
  const internet = new FakeInternet();
  internet.add(fixture);
  let h: PickerHarness;
  let forum: TestPage;
  let control: UiPage;

  let forumTab: number;

  beforeAll(async () => {
    h = await launch(internet);
    control = await h.openUi('src/popup/index.html');
    // Until the site is granted the extension cannot read the forum tab's address (no "tabs"
    // permission; a toolbar click would grant activeTab, which a test cannot make): the forum's
    // tab is the one that opens next.
    const tabIds = () =>
      control.evaluate(async () => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return (await api.tabs.query({})).map((tab) => tab.id!);
      });
    const before = await tabIds();
    forum = await h.session.open(url);
    const opened = (await tabIds()).filter((id) => !before.includes(id));
    expect(opened.length).toBe(1);
    forumTab = opened[0];
  });
  afterAll(async () => h?.session.close());

  const state = () => h.inPicker(forum, pickerState);
  /** Waits until `fn` holds for the picker's root in the forum. */
  async function waitInPicker<A>(fn: (root: ShadowRoot | null, arg: A) => boolean, arg?: A, timeoutMs = 10_000): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; !(await h.inPicker(forum, fn, arg)); ) {
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms in the picker for ${String(fn).slice(0, 120)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  /** A real click on what `selector` finds in the picker's panel. */
  async function clickInPicker(selector: string): Promise<void> {
    const at = await h.inPicker(
      forum,
      (root, sel: string) => {
        const r = root?.querySelector(sel)?.getBoundingClientRect();
        return r && r.width ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
      },
      selector,
    );
    if (!at) throw new Error(`nothing to click in the picker at ${selector}`);
    await h.clickAt(forum, at.x, at.y);
  }
  /** A trusted click on the forum page, then the picker's answer to it. */
  async function pickOnPage(selector: string, kind: string, before: string): Promise<PickerState> {
    await forum.click(selector);
    await waitInPicker(
      (root, [k, b]: [string, string]) => {
        const count = root?.querySelector(`[data-testid="picker-count-${k}"]`)?.textContent ?? '';
        return count !== '' && count !== b;
      },
      [kind, before],
    );
    return state();
  }

  it('leaves the forum alone before the user picks on it', async () => {
    expect(findLeaks(await forum.evaluate(readPage), fixture.expected).length).toBeGreaterThan(0);
  });

  /** "Pick on this page" in the popup (a tab of its own naming the forum's tab), until the picker is up in the forum. */
  async function openPicker(): Promise<UiPage> {
    const popup = await h.openUi(`src/popup/index.html?tab=${forumTab}&url=${encodeURIComponent(url)}`);
    await popup.waitFor(() => document.querySelector('[data-testid="pick-start"]') !== null, undefined, 20_000);
    await popup.click('[data-testid="pick-start"]');
    await waitInPicker((root) => Boolean(root?.querySelector('.panel')), undefined, 20_000);
    return popup;
  }

  it('opens the picker from the popup, with access to this one site only', async () => {
    const popup = await openPicker();
    expect(await popup.text('.pick .hint')).toContain(PICKER_HOST);
    expect(await popup.text('[data-testid="pick-problem"]')).toBe('');
    const origins = await control.evaluate(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return (await api.permissions.getAll()).origins ?? [];
    });
    expect(origins).toContain(`*://${PICKER_HOST}/*`);
    expect(origins.filter((o) => /^(\*|https?):\/\/\*\/|<all_urls>/.test(o))).toEqual([]);
    expect((await state()).prompt).toMatch(/profile picture/i);
    // Its header shows the momo artwork, which a site with no rule may load too (not a broken image).
    await waitInPicker((root) => {
      const logo = root?.querySelector('header img') as HTMLImageElement | null;
      return Boolean(logo?.complete && logo.naturalWidth > 0);
    });
    // The page sees the host only: no panel, no selector field to write into.
    expect(await forum.evaluate(() => document.querySelector('momo-mask-picker')!.shadowRoot)).toBeNull();
  });

  it('proposes, for each click, a selector for all the similar items, from stable attributes', async () => {
    const avatars = await pickOnPage('article.message--post .message-avatar img', 'avatars', '');
    expect(avatars.selector).toBe('.avatar');
    expect(avatars.counts.avatars).toMatch(/^1[0-9] /);

    // A name is a link to the member's profile: the picker holds the click back (no navigation).
    const names = await pickOnPage('article.message--post .message-name .username', 'names', '');
    expect(forum.url()).toBe(url);
    expect(names.selector).toBe('.username');
    expect(names.prompt).toMatch(/handle/);
    await clickInPicker('[data-action="skip"]');

    const locations = await pickOnPage('.message-userExtras a[href*="location-info"]', 'locations', '');
    expect(locations.selector).toBe('a[href*="/misc/location-info"]');
    expect(locations.counts.locations).toMatch(/^5 /);

    // Names take another shape in the reactions lines: "+" picks one more of them.
    await clickInPicker('[data-another="names"]');
    const reactions = await pickOnPage('.reactionsBar-link bdi', 'names', names.counts.names);
    expect(Number.parseInt(reactions.counts.names)).toBeGreaterThan(Number.parseInt(names.counts.names));
    const all = await state();
    for (const selector of [avatars.selector, names.selector, locations.selector]) expect(selector).not.toMatch(/\d{2,}|avatar-u|css-/);
    expect(all.open).toBe(true);
  });

  const addedSite = async () =>
    (await askWorker<{ host: string; rule: { avatars: string[]; names: string[]; locations: string[] } }[]>(control, { type: 'page:get-added-sites' }))[0];
  const saveAndClose = async () => {
    await clickInPicker('[data-action="save"]');
    await waitInPicker((root) => !root?.querySelector('.panel'), undefined, 15_000);
  };

  it('saves the rule for the site and masks the forum at once', async () => {
    await saveAndClose();
    const site = await addedSite();
    expect(site.host).toBe(PICKER_HOST);
    expect(site.rule.avatars).toEqual(['.avatar']);
    expect(site.rule.names.length).toBe(2);
    expect(site.rule.locations).toEqual(['a[href*="/misc/location-info"]']);
    await forum.waitFor(() => document.querySelector('[data-momo]') !== null, undefined, 15_000);
    await forum.waitFor(() => !/Totnes, UK/.test(document.body.innerText));
  });

  it('adds what a later round picks to the same rule (a quote title, the visitor menu), masking it at once', async () => {
    for (const shape of LATER_ROUNDS) {
      await openPicker();
      await clickInPicker('[data-step="names"]');
      await pickOnPage(shape, 'names', '');
      await saveAndClose();
    }
    expect((await addedSite()).rule.names.length).toBe(2 + LATER_ROUNDS.length);
    await expectMasked(forum, 'right after the last save');
  });

  it('masks the forum after a reload, by the registered content script', async () => {
    const reloaded = await h.session.open(url);
    await reloaded.waitFor(() => document.querySelector('[data-momo]') !== null, undefined, 15_000);
    await expectMasked(reloaded, 'after a reload');
    await reloaded.close();
  });

  async function expectMasked(page: TestPage, when: string): Promise<void> {
    await page.waitFor(() => [...document.images].every((img) => img.complete || img.getBoundingClientRect().top > innerHeight));
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    const reading = await page.evaluate(readPage);
    expect(findLeaks(reading, fixture.expected), when).toEqual([]);
    const text = reading.visibleText.replace(/\s+/g, ' ');
    for (const content of fixture.expected.content) expect(text.includes(content.replace(/\s+/g, ' ')), `content "${content}" ${when}`).toBe(true);
    const screenshot = await page.screenshot();
    expect(countAvatarPixels(screenshot), when).toBe(0);
    // The artwork is painted (a site the user added may load it too), not a broken image.
    expect(countMomoPixels(screenshot), when).toBeGreaterThan(100);
  }
}
