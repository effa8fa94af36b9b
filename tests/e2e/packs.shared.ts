/**
 * Rule packs in a real browser, through the options page's own controls: in one profile a user
 * rule for the built-in demo site also treats `.byline` as a name (the built-in rule does not), and
 * is exported as a .momo.json download and a share code; then a fresh profile imports it (the share
 * code typed into the import box; the downloaded file through the file picker), previews it
 * (nothing written), applies it, and the fixture page at https://demo.momomask.test/pack-check masks
 * the byline after a reload; "Undo last import" gives it back.
 *
 * One browser launch per file, and Playwright's launchPersistentContext is one profile per launch:
 * the fresh profile is simulated by clearing the extension's storage (storage.local.clear() from an
 * extension page) after the export, then reloading the options page. The worker keeps nothing in
 * memory that matters (src/background/index.ts), so an empty storage.local is what a new install
 * starts from; the test checks that nothing of the first profile is left (rule, handles, label).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RuleView } from '../../src/shared/messages';
import type { Settings } from '../../src/shared/settings';
import { loadFixtures } from './harness/fixtures';
import { findLeaks, readPage } from './harness/page-checks';
import { FakeInternet } from './harness/serve';
import { askWorker, type BrowserSession, type TestPage } from './harness/session';
import type { UiPage } from './harness/ui';

export interface PacksHarness {
  session: BrowserSession;
  openUi(path: string): Promise<UiPage>;
  /** Call before the click that downloads; the returned function waits for the saved file. */
  expectDownload(ui: UiPage): Promise<() => Promise<{ name: string; path: string; text: string }>>;
  /** Gives a file on disk to a file input, as the browser's file picker does. */
  chooseFile(ui: UiPage, selector: string, path: string): Promise<void>;
}

const BYLINE = '[data-testid="byline"]';
const SECRET_HANDLE = 'robin_packs_secret';
const SECRET_LABEL = 'robin-secret mo';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls with plain evaluate calls, which survive the page changing documents. */
async function until<A>(page: TestPage, fn: (arg: A) => boolean, arg: A, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await page.evaluate(fn, arg)) return;
    } catch {
      // between documents: try again
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await wait(50);
  }
}

/** Reloads a web page and waits for the new document (a marker left in the old one is gone). */
async function reload(page: TestPage): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { beforeReload?: boolean }).beforeReload = true;
    setTimeout(() => location.reload(), 0);
  });
  await until(page, () => document.readyState === 'complete' && !(window as unknown as { beforeReload?: boolean }).beforeReload, undefined, 'the reload');
}

const bylineText = (selector: string) => (document.querySelector(selector) as HTMLElement | null)?.innerText.trim() ?? '';

export function packsSuite(launch: (internet: FakeInternet) => Promise<PacksHarness>): void {
  const [fixture] = loadFixtures((id) => id === 'demo/pack-check');
  const internet = new FakeInternet();
  internet.add(fixture);
  let h: PacksHarness;
  let page: TestPage;
  let options: UiPage;
  let code = '';
  let file: { name: string; path: string; text: string };
  const timings: string[] = [];
  let started = Date.now();
  const lap = (what: string) => {
    timings.push(`${what}: ${Date.now() - started} ms`);
    started = Date.now();
  };

  const settings = () => askWorker<Settings>(options, { type: 'page:get-settings' });
  const demoRule = () => askWorker<RuleView>(options, { type: 'page:get-rule', siteId: 'demo' });
  const stored = (key: string) =>
    options.evaluate(async (k) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return (await api.storage.local.get(k))[k] ?? null;
    }, key);
  const byline = () => page.evaluate(bylineText, BYLINE);
  const bylineIs = (text: string) =>
    until(page, ([sel, want]) => (document.querySelector(sel) as HTMLElement | null)?.innerText.trim() === want, [BYLINE, text] as const, `the byline to read "${text}"`);
  const leaks = async () => findLeaks(await page.evaluate(readPage), fixture.expected);

  beforeAll(async () => {
    h = await launch(internet);
    page = await h.session.open(fixture.expected.url);
    options = await h.openUi('src/options/index.html');
    await options.waitFor(() => document.querySelector('[data-testid="packs"]') !== null && document.querySelector('[data-testid="site-demo"]') !== null);
    lap('launch and open');
  });
  afterAll(async () => {
    console.log(`[packs ${h?.session.name}] ${timings.join('; ')}`);
    await h?.session.close();
  });

  it('the built-in demo rule leaves the byline alone', async () => {
    await until(page, (sel) => !document.body.innerText.includes(sel), 'Ingrid Solberg', 'the built-in rule to mask the display name');
    expect(await byline()).toBe('Wilhelmina Oyelaran');
    expect(await page.evaluate(() => document.body.innerText)).toContain('Pack check content stays.');
  });

  it('profile A: a user rule masks the byline; Export downloads <title>.momo.json and shows a share code, without the user’s handles, label or salt', async () => {
    // What identifies the user, which a pack must never carry.
    await askWorker(options, { type: 'page:set-own-handles', handles: [SECRET_HANDLE] });
    await askWorker(options, { type: 'page:set-label', label: SECRET_LABEL });
    const { salt } = await settings();
    expect(salt).toMatch(/^[0-9a-f]{16,}$/);

    // The rule editor: the demo site's names also take ".byline".
    await options.click('[data-testid="edit-demo"]');
    await options.waitFor(() => document.querySelector('[data-testid="rule-editor"]') !== null);
    await options.click('[data-testid="add-names"]');
    await options.fill('[data-testid="rule-names[1]"]', '.byline');
    await options.click('[data-testid="rule-save"]');
    await options.waitFor(() => /edited/.test(document.querySelector('[data-testid="rule-version"]')?.textContent ?? ''));
    expect(((await demoRule()).rule as { names: string[] }).names).toEqual(['[data-role="display-name"]', '.byline']);
    // The open tab follows the saved rule at once.
    await bylineIs('momo');
    await options.click('[data-testid="rule-close"]');
    lap('rule edited');

    // Export through the form: the title is required.
    expect(await options.text('[data-testid="pack-privacy"]')).toMatch(/handles, your label and your pseudonym salt are never included/);
    await options.click('[data-testid="pack-export"]');
    await options.waitFor(() => document.querySelector('[data-testid="pack-title-problem"]') !== null);
    await options.waitFor(() => document.activeElement?.id === 'pack-title');
    await options.fill('[data-testid="pack-title"]', 'Demo byline fix');
    await options.fill('[data-testid="pack-author"]', 'Robin');
    const downloaded = await h.expectDownload(options);
    await options.click('[data-testid="pack-export"]');
    await options.waitFor(() => ((document.querySelector('[data-testid="pack-code"]') as HTMLTextAreaElement | null)?.value ?? '').startsWith('MOMO1:'));
    code = await options.evaluate(() => (document.querySelector('[data-testid="pack-code"]') as HTMLTextAreaElement).value);
    expect(code).toMatch(/^MOMO1:[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(await options.evaluate(() => (document.querySelector('[data-testid="pack-code"]') as HTMLTextAreaElement).readOnly)).toBe(true);
    expect(await options.text('[data-testid="pack-export-status"]')).toMatch(/^Saved “demo-byline-fix\.momo\.json” \(site rules: 1; sites switched off: 0\)\./);

    file = await downloaded();
    expect(file.name).toBe('demo-byline-fix.momo.json');
    const pack = JSON.parse(file.text);
    expect(pack).toMatchObject({ format: 'momo-pack', version: 1, meta: { title: 'Demo byline fix', author: 'Robin' } });
    expect(Object.keys(pack.sites)).toEqual(['demo']);
    expect(pack.sites.demo.names).toEqual(['[data-role="display-name"]', '.byline']);
    for (const secret of [SECRET_HANDLE, SECRET_LABEL, salt]) expect(file.text).not.toContain(secret);
    lap('exported');

    await options.click('[data-testid="pack-copy"]');
    await options.waitFor(() => (document.querySelector('[data-testid="pack-copied"]')?.textContent ?? '') !== '');
    expect(await options.text('[data-testid="pack-copied"]')).toBe('Copied');
  });

  it('a fresh profile (storage cleared) has none of it: the byline shows again', async () => {
    await options.evaluate(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      await api.storage.local.clear();
    });
    await options.reload();
    await options.waitFor(() => document.querySelector('[data-testid="packs"]') !== null && document.querySelector('[data-testid="site-demo"]') !== null);
    const fresh = await settings();
    expect(fresh).toMatchObject({ ownHandles: [], label: 'momo' });
    expect((await demoRule()).edited).toBe(false);
    expect(await stored('importedRules')).toBeNull();
    await reload(page);
    expect(await byline()).toBe('Wilhelmina Oyelaran');
    expect(await options.text('[data-testid="pack-last-import"]')).toBe('No import to undo.');
    lap('fresh profile');
  });

  it('the downloaded file, chosen in the file picker, previews the same change and writes nothing', async () => {
    await h.chooseFile(options, '[data-testid="pack-file"]', file.path);
    await options.waitFor(() => document.querySelector('[data-testid="pack-status-demo"]') !== null);
    expect(await options.text('#pack-preview-title')).toBe('Preview of “Demo byline fix”');
    expect(await options.text('[data-testid="pack-import-preview"] .hint')).toContain('read from demo-byline-fix.momo.json');
    expect(await options.text('[data-testid="pack-status-demo"]')).toBe('Changes');
    expect(await options.evaluate(() => [...document.querySelectorAll('[data-testid="pack-diff-demo"] [data-field="names"] ins code')].map((el) => el.textContent))).toEqual([
      '.byline',
    ]);
    expect(await stored('importedRules')).toBeNull();
    await options.click('[data-testid="pack-cancel"]');
    await options.waitFor(() => document.querySelector('[data-testid="pack-import-preview"]') === null);
    lap('file preview');
  });

  it('the share code, typed into the import box: preview, Apply (from the keyboard), and the fixture masks the byline after a reload', async () => {
    await options.fill('[data-testid="pack-text"]', code);
    lap(`typed the ${code.length}-character code`);
    await options.click('[data-testid="pack-preview"]');
    await options.waitFor(() => document.querySelector('[data-testid="pack-status-demo"]') !== null);
    // The keyboard is taken to the preview (once Preact has run its effects).
    await options.waitFor(() => document.activeElement?.id === 'pack-preview-title');
    expect(['Changes', 'New']).toContain(await options.text('[data-testid="pack-status-demo"]'));
    expect(await options.evaluate(() => [...document.querySelectorAll('[data-testid="pack-diff-demo"] [data-field="names"] ins code')].map((el) => el.textContent))).toEqual([
      '.byline',
    ]);
    expect(await options.evaluate(() => (document.querySelector('[data-testid="pack-apply-demo"]') as HTMLInputElement).checked)).toBe(true);
    // Nothing is written on preview.
    expect(await stored('importedRules')).toBeNull();
    expect(await byline()).toBe('Wilhelmina Oyelaran');

    // From the keyboard: the preview's heading has the focus; Tab reaches the site's checkbox, Space
    // unticks and ticks it (Apply follows), Tab reaches Apply, Enter applies.
    const focused = () => options.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? '');
    const applyOff = () => options.evaluate(() => (document.querySelector('[data-testid="pack-apply"]') as HTMLButtonElement).disabled);
    await options.press('Tab');
    expect(await focused()).toBe('pack-apply-demo');
    await options.press('Space');
    await options.waitFor(() => !(document.querySelector('[data-testid="pack-apply-demo"]') as HTMLInputElement).checked);
    expect(await applyOff()).toBe(true);
    expect(await options.text('[data-testid="pack-apply-hint"]')).toBe('Nothing chosen to apply.');
    await options.press('Space');
    await options.waitFor(() => (document.querySelector('[data-testid="pack-apply-demo"]') as HTMLInputElement).checked);
    expect(await applyOff()).toBe(false);
    await options.press('Tab');
    expect(await focused()).toBe('pack-apply');
    await options.press('Enter');
    await options.waitFor(() => document.querySelector('[data-testid="pack-import-status"]')?.getAttribute('data-kind') === 'applied');
    expect(await options.text('[data-testid="pack-import-status"]')).toBe('Applied “Demo byline fix” to Momo Mask demo feed.');
    await options.waitFor(() => document.activeElement?.getAttribute('data-testid') === 'pack-import-status');
    expect(await stored('importedRules')).toMatchObject({ demo: { pack: 'Demo byline fix', rule: { names: ['[data-role="display-name"]', '.byline'] } } });
    // An imported rule is not the user's own edit.
    expect((await demoRule()).edited).toBe(false);
    await bylineIs('momo');
    await reload(page);
    await bylineIs('momo');
    expect(await leaks()).toEqual([]);
    expect(await page.evaluate(() => document.body.innerText)).toContain('Pack check content stays.');
    await options.waitFor(() => (document.querySelector('[data-testid="pack-last-import"]')?.textContent ?? '').startsWith('Last import: “Demo byline fix”'));
    lap('applied');
  });

  it('“Undo last import” takes the rule back: the byline shows again after a reload', async () => {
    await options.click('[data-testid="pack-undo"]');
    await options.waitFor(() => document.querySelector('[data-testid="pack-import-status"]')?.getAttribute('data-kind') === 'undone');
    expect(await options.text('[data-testid="pack-import-status"]')).toBe('Undid the import of “Demo byline fix”.');
    expect(await stored('importedRules')).toEqual({});
    await reload(page);
    expect(await byline()).toBe('Wilhelmina Oyelaran');
    await options.waitFor(() => (document.querySelector('[data-testid="pack-undo"]') as HTMLButtonElement).disabled);
    lap('undone');
  });

  it('a pack that weakens masking shows each weakening part unticked, with what it weakens, and applies nothing by default', async () => {
    // The demo site's rule without its avatars, handles, mentions, … and the site switched off.
    const weakening = JSON.stringify({
      format: 'momo-pack',
      version: 1,
      meta: { title: 'Thinner', created: '2025-05-01T00:00:00.000Z' },
      sites: { demo: { names: ['[data-role="display-name"]'] } },
      disabledSites: ['demo'],
    });
    await options.fill('[data-testid="pack-text"]', weakening);
    await options.click('[data-testid="pack-preview"]');
    await options.waitFor(() => document.querySelector('[data-testid="pack-weakens-demo"]') !== null);
    const checked = (testId: string) => options.evaluate((id) => (document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement).checked, testId);
    expect(await checked('pack-apply-demo')).toBe(false);
    expect(await options.text('[data-testid="pack-weakens-demo"]')).toMatch(/Masks less: drops 1 “Avatars” entries of Momo Mask demo feed’s rule\./);
    expect(await checked('pack-apply-off-demo')).toBe(false);
    expect(await options.text('[data-testid="pack-weakens-off-demo"]')).toContain('Masks less: switches masking off on Momo Mask demo feed.');
    expect(await options.evaluate(() => (document.querySelector('[data-testid="pack-apply"]') as HTMLButtonElement).disabled)).toBe(true);
    expect(await options.text('[data-testid="pack-apply-hint"]')).toBe('Nothing chosen to apply.');
    expect(await stored('importedRules')).toEqual({});
    expect((await settings()).disabledSites).toEqual([]);
    await options.click('[data-testid="pack-cancel"]');
    await options.waitFor(() => document.querySelector('[data-testid="pack-import-preview"]') === null);
    lap('weakening pack');
  });

  it('an unsafe rule in a pack is shown invalid with its reason, and cannot be applied', async () => {
    const hostile = JSON.stringify({ format: 'momo-pack', version: 1, meta: { title: 'Bad', created: '2025-05-01T00:00:00.000Z' }, sites: { demo: { names: ['body'] } } });
    await options.fill('[data-testid="pack-text"]', hostile);
    await options.click('[data-testid="pack-preview"]');
    await options.waitFor(() => document.querySelector('[data-testid="pack-reasons-demo"]') !== null);
    expect(await options.text('[data-testid="pack-status-demo"]')).toBe('Invalid');
    expect(await options.text('[data-testid="pack-reasons-demo"] li')).toMatch(/^sites\.demo\.names\[0\]: would match the whole page \("body"\)/);
    expect(await options.evaluate(() => (document.querySelector('[data-testid="pack-apply"]') as HTMLButtonElement).disabled)).toBe(true);
    expect(await stored('importedRules')).toEqual({});
    expect(h.session.consoleErrors()).toEqual([]);
    lap('hostile pack');
  });
}
