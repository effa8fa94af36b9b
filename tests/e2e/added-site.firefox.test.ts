/**
 * Adding a site that has no rule, the whole flow in Firefox through the options page (the pref below
 * lets the permission prompt answer itself, which headless Chromium cannot): the user's click grants
 * the host permission for that site only, the worker registers the content scripts, and the site is
 * masked — also after a reload. Three forum engines in generic mode (Discourse, Lemmy, phpBB), a
 * Mastodon instance that is not built in, with the Mastodon rules, and a forum (XenForo) whose rule
 * came in a friend's pack: the import asks nothing; the user allows the site from the options page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox } from './harness/firefox';
import { loadFixtures, type Fixture } from './harness/fixtures';
import { findLeaks, readPage } from './harness/page-checks';
import { countAvatarPixels, countMomoPixels, FakeInternet } from './harness/serve';
import { askWorker, type TestPage } from './harness/session';

const forums = loadFixtures((id) => id.startsWith('generic/'));
// Mastodon is not one host: the built-in thread page, served on an instance that is not built in.
const [mastodonThread] = loadFixtures((id) => id === 'mastodon/thread-2026');
const instance: Fixture = {
  ...mastodonThread,
  id: 'mastodon on social.example.net',
  expected: { ...mastodonThread.expected, url: mastodonThread.expected.url.replace(/^https:\/\/[^/]+/, 'https://social.example.net') },
};
const cases: [Fixture, 'generic' | 'mastodon'][] = [...forums.map((f) => [f, 'generic'] as [Fixture, 'generic']), [instance, 'mastodon']];
// A forum a friend wrote a rule for and shared as a pack (XenForo: generic mode does not hide its location labels).
const [xenforo] = loadFixtures((id) => id === 'picker/xenforo-thread-2026');
const internet = new FakeInternet();
for (const [fixture] of [...cases, [xenforo]]) internet.add(fixture);
let session: Awaited<ReturnType<typeof launchFirefox>>;
let options: TestPage;

beforeAll(async () => {
  session = await launchFirefox(internet, { prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  options = await session.openExtensionPage('src/options/index.html');
  await options.waitFor(() => document.querySelector('[data-testid="site-add"]') !== null, undefined, 30_000);
});
afterAll(async () => session?.close());

/** As a user does: type the address, choose what the site runs, click Add (the click grants the permission). */
async function addThroughOptions(host: string, engine: 'generic' | 'mastodon'): Promise<void> {
  await options.evaluate(
    ([typed, chosen]) => {
      const input = document.querySelector('[data-testid="site-new"]') as HTMLInputElement;
      input.value = typed;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const select = document.querySelector('[data-testid="site-engine"]') as HTMLSelectElement;
      select.value = chosen;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [host, engine],
  );
  await options.click('[data-testid="site-add"]');
  await options.waitFor((h) => (document.querySelector('[data-testid="added-sites"]')?.textContent ?? '').includes(h), host);
}

describe.each(cases.map(([f, engine]) => [f.id, f, engine] as [string, Fixture, 'generic' | 'mastodon']))('%s', (_id, fixture, engine) => {
  it(`is left alone before the user adds it, and masked (${engine}) after, also on reload`, async () => {
    const host = new URL(fixture.expected.url).hostname;
    const before = await session.open(fixture.expected.url);
    expect(findLeaks(await before.evaluate(readPage), fixture.expected).length).toBeGreaterThan(0);
    await before.close();

    await addThroughOptions(host, engine);
    expect(await askWorker(options, { type: 'page:get-added-sites' })).toContainEqual(expect.objectContaining({ host }));

    for (const load of ['after adding', 'after a reload']) await expectMaskedAt(fixture, load);
  });
});

/**
 * An added site has no stylesheet hiding identities before the first paint (only built-in sites ship
 * one): what is checked is the page once its pictures have settled (lazy-loading images below the
 * fold never load: only those in view are waited for).
 */
async function expectMaskedAt(fixture: Fixture, load: string): Promise<string> {
  const page = await session.open(fixture.expected.url);
  await page.waitFor(() => document.querySelector('[data-momo]') !== null, undefined, 15_000);
  await page.waitFor(() => [...document.images].every((img) => img.complete || img.getBoundingClientRect().top > innerHeight));
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  const reading = await page.evaluate(readPage);
  expect(findLeaks(reading, fixture.expected), load).toEqual([]);
  const text = reading.visibleText.replace(/\s+/g, ' ');
  for (const content of fixture.expected.content)
    expect(text.includes(content.replace(/\s+/g, ' ')) || reading.labels.some((l) => l.includes(content)), `content "${content}"`).toBe(true);
  const screenshot = await page.screenshot();
  expect(countAvatarPixels(screenshot), load).toBe(0);
  // The artwork itself is painted: an added site may load it too (not a broken image).
  expect(countMomoPixels(screenshot), load).toBeGreaterThan(100);
  await page.close();
  return text;
}

it("masks a forum by the rule a friend's pack brought, once the user allows that site from the options page", async () => {
  const host = new URL(xenforo.expected.url).hostname;
  const pack = {
    format: 'momo-pack',
    version: 1,
    meta: { title: 'Tomato forum fix', author: 'a friend', created: '2026-11-20T09:00:00.000Z' },
    sites: {
      'tomato-forum': {
        id: 'tomato-forum',
        name: 'Tomato Growers Forum',
        hosts: [host],
        avatars: ['.avatar'],
        names: ['.username', '.reactionsBar-link bdi', '.bbCodeBlock-title', '.p-navgroup-link--user .p-navgroup-linkText'],
        locations: ['a[href*="/misc/location-info"]'],
      },
    },
  };
  await options.evaluate((text) => {
    const box = document.querySelector('[data-testid="pack-text"]') as HTMLTextAreaElement;
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, JSON.stringify(pack));
  await options.click('[data-testid="pack-preview"]');
  await options.waitFor(() => (document.querySelector('[data-testid="pack-apply"]') as HTMLButtonElement | null)?.disabled === false);
  await options.click('[data-testid="pack-apply"]');
  // The import asks for no permission: the site waits, named with its pack, until the user allows it.
  await options.waitFor(
    (h) => (document.querySelector('[data-testid="pack-sites-waiting"]')?.textContent ?? '').includes(`${h} — Tomato Growers Forum, from "Tomato forum fix"`),
    host,
    15_000,
  );
  const before = await session.open(xenforo.expected.url);
  expect(await before.evaluate(() => document.querySelector('[data-momo]') === null)).toBe(true);
  await before.close();

  await options.click(`[data-testid="pack-site-allow"][data-host="${host}"]`);
  await options.waitFor((h) => (document.querySelector('[data-testid="added-sites"]')?.textContent ?? '').includes(`${h} (the rule from the pack "Tomato forum fix")`), host);
  expect(await options.evaluate(() => document.querySelector('[data-testid="pack-sites-waiting"]'))).toBeNull();
  for (const load of ['after allowing', 'after a reload']) {
    const text = await expectMaskedAt(xenforo, load);
    // The pack's own rule is what masks it: generic mode would leave the location labels.
    for (const location of xenforo.expected.locations) expect(text, load).not.toContain(location);
  }
});

it('the permission was asked for those sites only', async () => {
  const granted = await options.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.getAll());
  const ours = (granted.origins ?? []).filter((o: string) => cases.some(([f]) => o.includes(new URL(f.expected.url).hostname)));
  expect(ours.length).toBe(cases.length * 2);
  expect(granted.origins).not.toContain('*://*/*');
});
