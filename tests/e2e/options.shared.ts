/**
 * The options page, driven with real clicks and typing, with the React live feed (the built-in
 * "demo" site) open in another tab: site switches, the rule editor (field errors from the worker and
 * from the browser's own selector parser, save, the open tab following the saved rule, back to the
 * built-in rule), "Test on the open tab", the user's own handles, categories, mode, shortcut help.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RuleView, SiteSummary } from '../../src/shared/messages';
import type { Settings } from '../../src/shared/settings';
import { liveFeedFixture, serveLiveFeed } from './harness/live-feed';
import { findLeaks, readPage } from './harness/page-checks';
import { FakeInternet } from './harness/serve';
import { askWorker, type BrowserSession, type TestPage } from './harness/session';
import type { UiPage } from './harness/ui';

export interface OptionsHarness {
  session: BrowserSession;
  openUi(path: string): Promise<UiPage>;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const field = (key: string) => `[data-testid="rule-${key}"]`;
const problem = (key: string) => `[data-testid="problem-${key}"]`;
const namesVisible = (names: string[]) => names.some((name) => document.body.innerText.includes(name));
const noneVisible = (names: string[]) => !names.some((name) => document.body.innerText.includes(name));

export function optionsSuite(launch: (internet: FakeInternet) => Promise<OptionsHarness>): void {
  const fixture = liveFeedFixture();
  const internet = new FakeInternet();
  serveLiveFeed(internet, fixture);
  const { names, handles } = fixture.expected;
  let h: OptionsHarness;
  let feed: TestPage;
  let options: UiPage;

  const settings = () => askWorker<Settings>(options, { type: 'page:get-settings' });
  const demoRule = () => askWorker<RuleView>(options, { type: 'page:get-rule', siteId: 'demo' });
  const masked = async () => findLeaks(await feed.evaluate(readPage), fixture.expected).length === 0;
  /** Each test then waits for the outcome it expects (a message at a field, the "edited" tag). */
  const save = () => options.click('[data-testid="rule-save"]');

  beforeAll(async () => {
    h = await launch(internet);
    feed = await h.session.open(fixture.expected.url);
    await feed.waitFor(() => document.querySelectorAll('article.post').length >= 10);
    options = await h.openUi('src/options/index.html');
    await options.waitFor(() => document.querySelector('[data-testid="site-demo"]') !== null, undefined, 30_000);
  });
  afterAll(async () => h?.session.close());

  it('lists every built-in site; switching one off and on changes its open tab at once', async () => {
    const sites = await askWorker<SiteSummary[]>(options, { type: 'page:get-sites' });
    const rows = await options.evaluate(() => [...document.querySelectorAll('table.sites tbody tr')].map((row) => row.getAttribute('data-site')));
    expect(rows).toEqual(sites.map((site) => site.id));
    expect(await masked()).toBe(true);

    await options.click('[data-testid="site-demo"]');
    await feed.waitFor(namesVisible, names);
    expect((await settings()).disabledSites).toEqual(['demo']);
    await options.click('[data-testid="site-demo"]');
    await feed.waitFor(noneVisible, names);
    expect((await settings()).disabledSites).toEqual([]);
  });

  it('shows each problem the worker finds next to its field, and saves nothing', async () => {
    await options.click('[data-testid="edit-demo"]');
    await options.waitFor(() => document.querySelector('[data-testid="rule-editor"]') !== null);
    expect(await options.evaluate((sel) => (document.querySelector(sel) as HTMLInputElement).value, field('names[0]'))).toBe('[data-role="display-name"]');

    await options.click('[data-testid="add-names"]');
    await options.fill(field('names[1]'), '[title="a;b"]');
    await options.fill(field('hosts[0]'), 'demo momomask test');
    await save();
    await options.waitFor((sel) => document.querySelector(sel) !== null, problem('names[1]'));
    expect(await options.text(problem('names[1]'))).toMatch(/CSS text, not a selector/);
    expect(await options.text(problem('hosts[0]'))).toMatch(/host name/);
    // The message is tied to its field for readers, and the field is marked invalid.
    const described = await options.evaluate((sel) => {
      const input = document.querySelector(sel)!;
      return { invalid: input.getAttribute('aria-invalid'), says: document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? '' };
    }, field('names[1]'));
    expect(described.invalid).toBe('true');
    expect(described.says).toMatch(/CSS text/);
    expect(await options.evaluate((sel) => document.querySelector(sel)!.getAttribute('aria-invalid'), field('names[0]'))).toBe('false');
    expect((await demoRule()).edited).toBe(false);

    // A selector no browser can read is caught before the worker is asked.
    await options.fill(field('hosts[0]'), 'demo.momomask.test');
    await options.fill(field('names[1]'), 'a >> b');
    await save();
    await options.waitFor((sel) => /cannot read/.test(document.querySelector(sel)?.textContent ?? ''), problem('names[1]'));
    expect(await options.evaluate(() => document.querySelector('[data-testid="problem-hosts[0]"]'))).toBeNull();
    expect((await demoRule()).edited).toBe(false);
  });

  it('saves a valid edit, which the open tab follows at once; “Back to the built-in rule” restores it', async () => {
    await options.fill(field('names[1]'), ''); // a blank row is dropped on save
    await options.fill(field('handles[0]'), '[data-role="no-such-handle"]');
    await save();
    await options.waitFor(() => /edited/.test(document.querySelector('[data-testid="rule-version"]')?.textContent ?? ''));
    expect(await options.evaluate(() => document.querySelectorAll('[aria-invalid="true"]').length)).toBe(0);
    expect(await options.text('[data-testid="rule-status"]')).toMatch(/Saved/);
    const saved = await demoRule();
    expect(saved.edited).toBe(true);
    expect((saved.rule as { handles: string[]; names: string[] }).handles).toEqual(['[data-role="no-such-handle"]']);
    expect((saved.rule as { names: string[] }).names).toEqual(['[data-role="display-name"]']);
    await options.waitFor(() => document.querySelector('tr[data-site="demo"] .tag') !== null);
    // Handles are no longer identities for this site: the open tab shows them again, names stay masked.
    await feed.waitFor((list) => list.some((handle) => document.body.innerText.includes(`@${handle}`)), handles);
    // Seen, not only in the text (innerText counts what opacity hides): the site stylesheet lets go of
    // what the removed selector kept invisible until masked, by html[data-momo-drop].
    await feed.waitFor(() => [...document.querySelectorAll('[data-role="handle"]')].every((el) => el.checkVisibility({ opacityProperty: true })));
    expect(await feed.evaluate(noneVisible, names)).toBe(true);

    await options.click('[data-testid="rule-reset"]');
    await options.waitFor((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === '[data-role="handle"]', field('handles[0]'));
    expect((await demoRule()).edited).toBe(false);
    await feed.waitFor((list) => !list.some((handle) => document.body.innerText.includes(`@${handle}`)), handles);
    await wait(300);
    expect(await masked()).toBe(true);
  });

  it('“Test on the open tab” shows how many elements each selector matches there', async () => {
    await options.click('[data-testid="add-locations"]');
    await options.fill(field('locations[1]'), '.nothing-here');
    await options.click('[data-testid="rule-test"]');
    const countOf = (key: string) =>
      options.evaluate((sel) => document.querySelector(sel)?.parentElement?.querySelector('output.count')?.getAttribute('data-count') ?? null, field(key));
    await options.waitFor(() => document.querySelectorAll('output.count').length > 0);
    const onPage = await feed.evaluate(() => document.querySelectorAll('[data-role="display-name"]').length);
    expect(Number(await countOf('names[0]'))).toBe(onPage);
    expect(Number(await countOf('self[0]'))).toBe(1);
    expect(await countOf('locations[1]')).toBe('0');
    expect(await options.text('[data-testid="rule-status"]')).not.toBe('');
    await options.click('[data-testid="rule-close"]');
    await options.waitFor(() => document.querySelector('[data-testid="rule-editor"]') === null);
    expect((await demoRule()).edited).toBe(false);
  });

  it('keeps a list of the user’s own handles: add, refuse a repeat with the reason, remove', async () => {
    await options.fill('[data-testid="handle-new"]', '@Robin_A');
    await options.click('[data-testid="handle-add"]');
    await options.waitFor(() => document.querySelector('[data-testid="own-handles"]')?.textContent?.includes('@robin_a') === true);
    expect((await settings()).ownHandles).toEqual(['robin_a']);

    await options.fill('[data-testid="handle-new"]', 'robin_a');
    await options.click('[data-testid="handle-add"]');
    await options.waitFor(() => (document.querySelector('[data-testid="handle-problem"]')?.textContent ?? '') !== '');
    expect((await settings()).ownHandles).toEqual(['robin_a']);

    await options.click('[data-testid="own-handles"] button');
    await options.waitFor(() => document.querySelector('[data-testid="own-handles-none"]') !== null);
    expect((await settings()).ownHandles).toEqual([]);
  });

  it('has the categories, the mode and the shortcut help of the popup', async () => {
    await options.click('[data-testid="category-textNames"]');
    await options.waitFor(() => (document.querySelector('[data-testid="category-textNames"]') as HTMLInputElement).checked);
    // A box is checked at the click; the worker's write lands a moment later.
    await expect.poll(async () => (await settings()).categories.textNames, { timeout: 5000 }).toBe(true);
    await options.click('[data-testid="mode-pseudonym"]');
    await feed.waitFor(() => /^momo·[0-9a-z]{4}$/.test((document.querySelector('article.post [data-role="display-name"]') as HTMLElement).innerText.trim()));
    expect((await settings()).mode).toBe('pseudonym');
    await options.click('[data-testid="mode-crowd"]');
    await options.click('[data-testid="category-textNames"]');
    await options.waitFor(() => !(document.querySelector('[data-testid="category-textNames"]') as HTMLInputElement).checked);
    await expect.poll(settings, { timeout: 5000 }).toMatchObject({ mode: 'crowd', categories: { textNames: false } });
    expect(await options.text('[data-testid="shortcut"]')).not.toBe('');
    expect(h.session.consoleErrors()).toEqual([]);
  });
}
