/**
 * Every hand-written fixture page (the pages the sites rendered themselves are real-pages.shared.ts's),
 * served at its real URL to a real browser with the built extension: after load and after scrolling,
 * nothing of the expected identities is visible (pixels, text, alt/title/aria-label, tab title), the
 * content is intact, avatar boxes show the momo artwork at the page's sizes, and switching masking
 * off gives back exactly the page as the site rendered it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures, type Fixture } from './harness/fixtures';
import { avatarsInViewSettled, avatarViewports, differenceFromParsed, findLeaks, momoAvatars, readPage, readThrough, sizedMomoAvatarBoxes } from './harness/page-checks';
import { countAvatarPixels, FakeInternet } from './harness/serve';
import { askWorker, type BrowserSession, type TestPage } from './harness/session';
import { badgesCase, isSavedBySite } from './real-pages.shared';

export function savedPagesSuite(launch: (internet: FakeInternet) => Promise<BrowserSession>, filter?: (id: string) => boolean): void {
  const only = process.env.FIXTURES ? new RegExp(process.env.FIXTURES) : null;
  // demo/ pages need their own scripts and have suites of their own (live-feed, page-features);
  // generic/ pages have no built-in rule: they are masked once the user adds them (added-site tests);
  // pages the sites rendered themselves have theirs, with the known gaps of the rules (real-pages).
  const fixtures = loadFixtures((id) => !/^(demo|generic|picker)\//.test(id) && (!only || only.test(id))).filter((f) => !isSavedBySite(f.expected) && (!filter || filter(f.id)));
  const internet = new FakeInternet();
  for (const fixture of fixtures) internet.add(fixture);
  let session: BrowserSession;
  let control: TestPage;

  beforeAll(async () => {
    session = await launch(internet);
    control = await session.openExtensionPage('src/popup/index.html');
  });
  afterAll(async () => session?.close());

  const setEnabled = (enabled: boolean) => askWorker(control, { type: 'page:set-enabled', enabled });

  // FIXTURES may pick only real pages (scripts/check-fixture.sh runs both suites): a file with no test fails.
  if (!fixtures.length) it.skip(`no hand-written page matches FIXTURES=${process.env.FIXTURES}`, () => undefined);
  describe.each(fixtures.map((f) => [f.id, f] as [string, Fixture]))('%s', (_id, fixture) => {
    it('masks every identity a reader could see, keeps the content, restores exactly', async () => {
      const { expected } = fixture;
      const page = await session.open(expected.url);
      try {
        await page.waitFor(() => document.documentElement.hasAttribute('data-momo-off') || document.querySelector('[data-momo]') !== null);
        // A reader's scroll, then the screenfuls that show an avatar picture (found by its address, as
        // in real-pages.shared.ts): only those can paint the avatar colour.
        await page.evaluate(readThrough, 1_500);
        let avatarPixels = 0;
        for (const y of await page.evaluate(avatarViewports, expected.avatarUrls)) {
          await page.evaluate((top) => window.scrollTo(0, top), y);
          await page.evaluate(avatarsInViewSettled, [expected.avatarUrls, 1_500] as [string[], number]);
          avatarPixels += countAvatarPixels(await page.screenshot());
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        expect(avatarPixels, 'pixels of real avatars still painted').toBe(0);

        const reading = await page.evaluate(readPage);
        expect(findLeaks(reading, expected)).toEqual([]);
        const text = reading.visibleText.replace(/\s+/g, ' ');
        const labels = reading.labels.join('\n').replace(/\s+/g, ' ');
        for (const content of expected.content.map((c) => c.replace(/\s+/g, ' '))) {
          expect(text.includes(content) || labels.includes(content), `page content must stay: "${content}"`).toBe(true);
        }
        expect((await page.evaluate(momoAvatars)).count).toBeGreaterThanOrEqual(expected.avatars);
        const maskedBoxes = await page.evaluate(sizedMomoAvatarBoxes);

        await setEnabled(false);
        await page.waitFor(() => document.documentElement.hasAttribute('data-momo-off') && !document.querySelector('[data-momo]'));
        expect(await page.evaluate(differenceFromParsed), 'switching off restores the page exactly as the site rendered it').toBeNull();
        const restoredBoxes = await page.evaluate((indexes) => {
          const all = [...document.querySelectorAll('*')];
          return Object.fromEntries(
            indexes.map((i) => {
              const r = all[i].getBoundingClientRect();
              return [i, `${Math.round(r.width)}x${Math.round(r.height)}`];
            }),
          );
        }, Object.keys(maskedBoxes).map(Number));
        expect(maskedBoxes, 'avatar layout boxes unchanged').toEqual(restoredBoxes);

        await setEnabled(true);
        await page.waitFor(() => !document.documentElement.hasAttribute('data-momo-off') && document.querySelector('[data-momo]') !== null);
        expect(findLeaks(await page.evaluate(readPage), expected)).toEqual([]);
      } finally {
        await setEnabled(true);
        await page.close();
      }
    });
  });
  badgesCase(
    fixtures,
    () => control,
    (url) => session.open(url),
  );
}
