/**
 * In a browser whose language is Simplified Chinese, the popup and the options page speak it: their
 * strings come from _locales/zh_CN, the label presets are the Chinese ones, and the worker's rule
 * problems are worded in Chinese too. (Both browsers report en-US unless Debian's chromium-l10n /
 * firefox-esr-l10n-zh-cn are installed: .ci/run installs them.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveFeedFixture, serveLiveFeed } from './harness/live-feed';
import { FakeInternet } from './harness/serve';
import type { BrowserSession, TestPage } from './harness/session';
import { LARGEST_POPUP, popupHeights, tabIdOf, type UiPage } from './harness/ui';

export interface LocaleHarness {
  session: BrowserSession;
  openUi(path: string): Promise<UiPage>;
}

const zh = JSON.parse(readFileSync(resolve(__dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8')) as Record<string, { message: string }>;
const message = (key: string, ...values: string[]) => values.reduce((text, value) => text.replace(/\$[A-Z]+\$/, value), zh[key].message);

export function zhLocaleSuite(launch: (internet: FakeInternet) => Promise<LocaleHarness>): void {
  const fixture = liveFeedFixture();
  const internet = new FakeInternet();
  serveLiveFeed(internet, fixture);
  let h: LocaleHarness;
  let feed: TestPage;

  beforeAll(async () => {
    h = await launch(internet);
    feed = await h.session.open(fixture.expected.url);
    await feed.waitFor(() => document.querySelectorAll('article.post').length >= 10);
  });
  afterAll(async () => h?.session.close());

  it('the popup is in Chinese, offers the Chinese label presets, and the chosen one shows on the page', async () => {
    const control = await h.openUi('src/popup/index.html');
    expect(await control.evaluate(() => document.documentElement.lang)).toMatch(/^zh/);
    const popup = await h.openUi(`src/popup/index.html?tab=${await tabIdOf(control, fixture.expected.url)}`);
    // The first answer from a cold worker can take long on a busy machine.
    await popup.waitFor(() => /\d/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''), undefined, 30_000);
    const text = await popup.evaluate(() => document.body.innerText);
    expect(text).toContain(message('popupMaskingEverywhere'));
    expect(text).toContain(message('labelLegend'));
    expect(text).toContain(message('categoryTextNames'));
    expect(await popup.text('[data-testid="status"]')).toMatch(/^此标签页已遮蔽的身份：\d+$/);
    // Chinese is the shorter language: the popup still fills the largest popup, as its empty view does.
    expect((await popup.evaluate(popupHeights)).drawn).toBeGreaterThanOrEqual(LARGEST_POPUP);

    await popup.click('input[value="奶茶mo"]');
    expect(await popup.text('[data-testid="preview-self-name"]')).toBe('奶茶mo');
    await feed.waitFor(() => (document.querySelector('[data-role="self"]') as HTMLElement).innerText.includes('奶茶mo'));
  });

  it('the options page is in Chinese, down to the worker’s rule problems', async () => {
    const options = await h.openUi('src/options/index.html');
    await options.waitFor(() => document.querySelector('[data-testid="edit-demo"]') !== null, undefined, 30_000);
    expect(await options.evaluate(() => document.title)).toBe(message('optionsTitle'));
    expect(await options.text('#sites-title')).toBe(message('sitesTitle'));
    await options.click('[data-testid="edit-demo"]');
    await options.waitFor(() => document.querySelector('[data-testid="rule-names[0]"]') !== null);
    await options.fill('[data-testid="rule-names[0]"]', 'a[title="x;y"]');
    await options.click('[data-testid="rule-save"]');
    await options.waitFor(() => document.querySelector('[data-testid="problem-names[0]"]') !== null);
    expect(await options.text('[data-testid="problem-names[0]"]')).toBe(message('issueCssText'));
    expect(h.session.consoleErrors()).toEqual([]);
  });
}
