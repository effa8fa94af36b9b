/**
 * Adding a site that has no rule, the whole flow in Firefox (the pref below lets the permission
 * prompt answer itself, which headless Chromium cannot): the user's click grants the host
 * permission for that site only, the worker registers the content scripts, and the forum is masked
 * in generic mode — also after a reload. Three forum engines: Discourse, Lemmy, phpBB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox } from './harness/firefox';
import { loadFixtures, type Fixture } from './harness/fixtures';
import { findLeaks, readPage } from './harness/page-checks';
import { countAvatarPixels, FakeInternet } from './harness/serve';
import { askWorker, type TestPage } from './harness/session';

const fixtures = loadFixtures((id) => id.startsWith('generic/'));
const internet = new FakeInternet();
for (const fixture of fixtures) internet.add(fixture);
let session: Awaited<ReturnType<typeof launchFirefox>>;
let control: TestPage;

beforeAll(async () => {
  session = await launchFirefox(internet, { prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  control = await session.openExtensionPage('src/popup/index.html');
});
afterAll(async () => session?.close());

/** permissions.request needs a user action: a real click on a button in the extension page. */
async function grantByClick(host: string): Promise<boolean> {
  await control.evaluate((h) => {
    const button = Object.assign(document.createElement('button'), { id: 'grant', textContent: `Allow ${h}` });
    button.onclick = () => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      void api.permissions.request({ origins: [`*://${h}/*`, `*://*.${h}/*`] }).then((ok: boolean) => (document.body.dataset.granted = String(ok)));
    };
    document.body.prepend(button);
  }, host);
  await control.click('#grant');
  await control.waitFor(() => document.body.dataset.granted !== undefined);
  const granted = await control.evaluate(() => document.body.dataset.granted === 'true');
  await control.evaluate(() => {
    document.getElementById('grant')?.remove();
    delete document.body.dataset.granted;
  });
  return granted;
}

describe.each(fixtures.map((f) => [f.id, f] as [string, Fixture]))('%s', (_id, fixture) => {
  it('is left alone before the user adds it, and masked in generic mode after, also on reload', async () => {
    const host = new URL(fixture.expected.url).hostname;
    const before = await session.open(fixture.expected.url);
    expect(findLeaks(await before.evaluate(readPage), fixture.expected).length).toBeGreaterThan(0);
    await before.close();

    expect(await grantByClick(host)).toBe(true);
    expect(await askWorker(control, { type: 'page:add-site', host })).toMatchObject({ host });

    for (const load of ['after adding', 'after a reload']) {
      const page = await session.open(fixture.expected.url);
      await page.waitFor(() => document.querySelector('[data-momo]') !== null, undefined, 15_000);
      // An added site has no stylesheet hiding identities before the first paint (only built-in sites
      // ship one): what is checked is the page once its pictures have settled.
      // (lazy-loading images below the fold never load: only those in view are waited for)
      await page.waitFor(() => [...document.images].every((img) => !img.src.includes('momo-avatar') || img.complete || img.getBoundingClientRect().top > innerHeight));
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
      const reading = await page.evaluate(readPage);
      expect(findLeaks(reading, fixture.expected), load).toEqual([]);
      const text = reading.visibleText.replace(/\s+/g, ' ');
      for (const content of fixture.expected.content) expect(text.includes(content.replace(/\s+/g, ' ')) || reading.labels.some((l) => l.includes(content)), `content "${content}"`).toBe(true);
      expect(countAvatarPixels(await page.screenshot()), load).toBe(0);
      await page.close();
    }
  });
});

it('the permission was asked for those sites only', async () => {
  const granted = await control.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.getAll());
  const extra = (granted.origins ?? []).filter((o: string) => fixtures.some((f) => o.includes(new URL(f.expected.url).hostname)));
  expect(extra.length).toBe(fixtures.length * 2);
  expect(granted.origins).not.toContain('*://*/*');
});
