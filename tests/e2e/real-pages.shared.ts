/**
 * Every page a site rendered itself (tests/fixtures/<rule id>/<page>/, saved by a public project:
 * its expected.json names the repository, path and commit) served at its real URL to a real browser
 * with the built extension, each avatar picture answered as one pure colour. After a reader's scroll
 * through the page: no pixel of that colour in any viewport that shows an avatar picture, and no
 * rendered avatar picture still showing the real one (for those a page without its stylesheet lays
 * out at 0x0 or covers); none of the names, handles and locations the fixture lists (written by hand
 * from the page) in the text, in alt/title/aria-label or in the tab title; every content snippet
 * still there; and switching masking off gives back the page exactly as the site rendered it.
 * One browser for the file; 90–100 s in Chromium, 65–85 s in Firefox on a busy 2-core machine.
 *
 * What selectors cannot mask yet is listed in KNOWN_GAPS with its reason: the test passes on the
 * rest, and prints every gap it forgave (and any gap that no longer shows, so the list is pruned).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures, type Expected, type Fixture } from './harness/fixtures';
import { avatarsInViewSettled, avatarViewports, findLeaks, differenceFromParsed, readPage, readThrough, sizedMomoAvatarBoxes, unmaskedAvatarPictures } from './harness/page-checks';
import { badgesShown } from './harness/badges';
import { countAvatarPixels, FakeInternet, type Reply } from './harness/serve';
import { askWorker, type BrowserSession, type TestPage } from './harness/session';

export interface KnownGap {
  /**
   * What is forgiven on this page: leaks worded as findLeaks words them ("text: …", "label: …",
   * "title: …", "location: …"), and content the masking loses ("content: …", a snippet of expected.json's content).
   */
  leaks?: string[];
  /** Real avatar pictures may still show on this page (pixels and pictures). */
  avatars?: boolean;
  /** Why no structural selector closes it (without a hack), and which layer of evidence will. */
  reason: string;
}

/**
 * Known failures of the built-in rules on real pages, by fixture id. Each entry is a gap a user
 * would still see: the lead's layers of evidence (profile-picture addresses, profile links, learned
 * names, place names) are meant to close them; delete an entry when its leaks stop showing.
 */
export const KNOWN_GAPS: Record<string, KnownGap[]> = {
  'facebook/group-feed-desktop-2024': [
    {
      leaks: [
        'location: Tbilisi, Georgia',
        'location: Barcelona, Spain',
        'location: Udine, Italy',
        'location: Athens, Greece',
        'location: Attalia, Antalya, Turkey',
        'location: Brighton',
        'location: Rustavi',
      ],
      reason:
        "A member card's profile line is a city, a workplace or a school in the same unlabelled span: hiding it by selector would hide workplaces and schools too (content). Place names (layer 4) will tell the cities.",
    },
  ],
  'reddit/shreddit-post-97-comments-2025': [
    {
      leaks: ['label: Diligent_Rabbit7740', 'label: newmediaproperties'],
      reason:
        "faceplate-hovercard's shadow root repeats the host's label ('<name> details') on div#faceplate-tooltip[role=dialog]; the same component carries community cards ('r/aivideos'), and a selector inside the shadow root cannot see the host's data-id=\"user-hover-card\". Learned names (layer 3) will scrub it.",
    },
  ],
  'youtube/home-feed-rendered-2025': [
    {
      leaks: ['content: and 3 more'],
      reason:
        "A collaboration card's channel line is one span holding 'Google DeepMind' and ' and 3 more' as sibling text nodes: the masker empties a name element's text after its first node, and no selector separates text nodes (engine: keep trailing text that is not the name).",
    },
  ],
};

/**
 * The pages the badges case opens, one per site the issue names (X, Weibo, Zhihu saved by the site;
 * Bilibili's is hand-written, so saved-pages.shared.ts opens it): about 2 s a page. Every page with
 * badges is checked in jsdom (tests/unit/content/badges-and-roles.test.ts).
 */
export const BADGE_PAGES = /^(x\/profile-phnixhamsta|weibo\/weibo-status-detail|zhihu\/zhihu-question-answers|bilibili\/space-header)/;

/**
 * Which real pages each browser runs. The CI budget for browser tests is 8 minutes on 2 cores:
 * Chromium runs every one; Firefox the pages where its engine behaves apart from Chromium's:
 * cross-origin avatars that need CORS to paint (Instagram, Xiaohongshu), SVG <image> avatars
 * (Facebook), custom elements and shadow roots (shreddit: the 2024 thread, 2 s; the 97-comment
 * one takes 15 s and has the same elements), bidi-wrapped handles (Bluesky), IP-location labels in
 * Chinese text (Zhihu, Weibo; Tieba's are Chromium's), and the X and TikTok profiles. Not the
 * YouTube home page (2.7 MB): under Puppeteer Firefox's parser stalls on it, and a reload that
 * finished short of the end failed the exact-restore check once (line 7154 of 7155 missing).
 */
export const REAL_PAGES_IN: Record<BrowserSession['name'], (id: string) => boolean> = {
  chromium: () => true,
  firefox: (id) => /^(instagram|xiaohongshu|facebook|bluesky|zhihu|weibo)\/|^reddit\/shreddit-post-comments-2024|^x\/profile-phnixhamsta|^tiktok\/profile/.test(id),
};

/** A page saved from the site by a public project ("owner/repo : path @ commit"), not written by hand here. */
export function isSavedBySite(expected: Expected): boolean {
  return /^[\w.-]+\/[\w.-]+ : \S.* @ [0-9a-f]{7,40}$/.test(expected.source);
}

/**
 * Puppeteer (Firefox over BiDi) adds no CORS headers to a fulfilled request, and Firefox then
 * refuses a crossorigin="anonymous" picture (Instagram, Xiaohongshu): an avatar that never paints
 * would pass the pixel check whatever the rule does. Every picture is answered as readable by any origin.
 */
class CorsInternet extends FakeInternet {
  override reply(url: string, resourceType?: string, documentUrl?: string): Reply {
    const reply = super.reply(url, resourceType, documentUrl);
    if (!reply.headers['content-type']?.startsWith('image/')) return reply;
    return { ...reply, headers: { ...reply.headers, 'access-control-allow-origin': '*' } };
  }
}

interface Outcome {
  id: string;
  avatarPixels: number;
  viewports: number;
  /** Rendered avatar pictures still showing the real picture, whether or not the saved page lets them paint. */
  unmasked: string[];
  leaks: string[];
  forgiven: string[];
  ms: number;
  /** Where the time went: load, the reader's scroll, the screenshots. */
  phases: string;
}

/**
 * `browser`: which of the real pages it runs (REAL_PAGES_IN).
 */
export function realPagesSuite(launch: (internet: FakeInternet) => Promise<BrowserSession>, browser: BrowserSession['name']): void {
  const only = process.env.FIXTURES ? new RegExp(process.env.FIXTURES) : null;
  const fixtures = loadFixtures((id) => (!only || only.test(id)) && REAL_PAGES_IN[browser](id)).filter((f) => isSavedBySite(f.expected));
  const internet = new CorsInternet();
  for (const fixture of fixtures) internet.add(fixture);
  const outcomes: Outcome[] = [];
  let session: BrowserSession;
  let control: TestPage;

  beforeAll(async () => {
    session = await launch(internet);
    control = await session.openExtensionPage('src/popup/index.html');
  });
  afterAll(async () => {
    // The per-page figures, for whoever closes a gap (or opens one): pixels and what is left to read.
    const lines = outcomes.map(
      (o) =>
        `${o.id}: ${o.avatarPixels} avatar px in ${o.viewports} viewports, ${o.unmasked.length} real avatar pictures, ${o.leaks.length} leaks (${o.forgiven.length} known), ${o.ms} ms (${o.phases})${o.leaks.length ? `\n    ${o.leaks.join(' | ')}` : ''}${o.unmasked.length ? `\n    real pictures: ${o.unmasked.slice(0, 8).join(' | ')}` : ''}`,
    );
    if (lines.length) console.log(`real pages in ${session?.name}:\n  ${lines.join('\n  ')}`);
    await session?.close();
  });

  const setEnabled = (enabled: boolean) => askWorker(control, { type: 'page:set-enabled', enabled });

  // FIXTURES may pick only hand-written pages (scripts/check-fixture.sh runs both suites): a file with no test fails.
  if (!fixtures.length) it.skip(`no real page matches FIXTURES=${process.env.FIXTURES}`, () => undefined);
  describe.each(fixtures.map((f) => [f.id, f] as [string, Fixture]))('%s', (id, fixture) => {
    it('masks every avatar, name, handle and location a reader sees, keeps the content, restores exactly', async () => {
      const started = Date.now();
      const { expected } = fixture;
      const gaps = KNOWN_GAPS[id] ?? [];
      // Each step bounded, so a step that never ends fails saying which, in time for the file's other pages.
      const step = <T>(name: string, work: Promise<T>, ms = 60_000): Promise<T> => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const stuck = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${id}: "${name}" did not end in ${ms / 1000} s`)), ms);
        });
        return Promise.race([work, stuck]).finally(() => clearTimeout(timer));
      };
      const page = await step('open', session.open(expected.url), 90_000);
      try {
        // The content script marks what it masked; a page it masks nothing on is still checked (after the wait).
        await page.waitFor(() => document.documentElement.hasAttribute('data-momo-off') || document.querySelector('[data-momo]') !== null, undefined, 5_000).catch(() => undefined);
        const loaded = Date.now();
        await step('read through', page.evaluate(readThrough, 1_500));
        const read = Date.now();

        // Only the viewports that show an avatar picture (found by its address, not by the rule): a
        // 100-screen comment thread costs the screens with avatars in them, not all hundred.
        const positions = await page.evaluate(avatarViewports, expected.avatarUrls);
        let avatarPixels = 0;
        for (const y of positions) {
          await page.evaluate((top) => window.scrollTo(0, top), y);
          await step(`settle at ${y}`, page.evaluate(avatarsInViewSettled, [expected.avatarUrls, 1_500] as [string[], number]));
          avatarPixels += countAvatarPixels(await step(`screenshot at ${y}`, page.screenshot()));
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        const shot = Date.now();
        const unmasked = await page.evaluate(unmaskedAvatarPictures, expected.avatarUrls);

        // Everything a person could still read, and every content snippet lost, gathered before any
        // verdict so the summary shows the whole page even when it fails.
        const reading = await step('read page', page.evaluate(readPage));
        const text = reading.visibleText.replace(/\s+/g, ' ');
        const labels = reading.labels.join('\n').replace(/\s+/g, ' ');
        const lost = expected.content.map((c) => c.replace(/\s+/g, ' ')).filter((c) => !text.includes(c) && !labels.includes(c));
        const shown = [...findLeaks(reading, expected), ...lost.map((c) => `content: ${c}`)];
        const known = new Set(gaps.flatMap((g) => g.leaks ?? []));
        const outcome: Outcome = {
          id,
          avatarPixels,
          viewports: positions.length,
          unmasked,
          leaks: shown,
          forgiven: shown.filter((l) => known.has(l)),
          ms: 0,
          phases: `load ${loaded - started}, scroll ${read - loaded}, shots ${shot - read}`,
        };
        outcomes.push(outcome);
        const closed = [...known].filter((l) => !shown.includes(l));
        if (closed.length) console.warn(`${id} (${session.name}): known gaps no longer show, remove them from KNOWN_GAPS: ${closed.join(' | ')}`);

        expect(
          shown.filter((l) => !known.has(l) && !l.startsWith('content: ')),
          'names, handles, locations still readable',
        ).toEqual([]);
        expect(
          shown.filter((l) => !known.has(l) && l.startsWith('content: ')),
          'page content must stay',
        ).toEqual([]);
        if (!gaps.some((g) => g.avatars)) {
          expect(avatarPixels, 'pixels of real avatars still painted').toBe(0);
          expect(unmasked, 'avatar pictures still showing the real picture').toEqual([]);
        }

        const maskedBoxes = await page.evaluate(sizedMomoAvatarBoxes);
        await setEnabled(false);
        await page.waitFor(() => document.documentElement.hasAttribute('data-momo-off') && !document.querySelector('[data-momo]'));
        expect(await page.evaluate(differenceFromParsed), 'switching off restores the page exactly as the site rendered it').toBeNull();
        const restoredBoxes = await page.evaluate((indexes) => {
          const all = [...document.querySelectorAll('*')];
          return Object.fromEntries(indexes.map((i) => [i, `${Math.round(all[i].getBoundingClientRect().width)}x${Math.round(all[i].getBoundingClientRect().height)}`]));
        }, Object.keys(maskedBoxes).map(Number));
        expect(maskedBoxes, 'avatar layout boxes unchanged').toEqual(restoredBoxes);
        outcome.ms = Date.now() - started;
      } finally {
        await setEnabled(true);
        await page.close();
      }
    }, 180_000);
  });

  badgesCase(
    fixtures,
    () => control,
    (url) => session.open(url),
  );
  pictureSwapCase(fixtures, (url) => session.open(url));
}

/**
 * A page that swaps an SVG avatar's picture (React writes xlinkHref as xlink:href; Facebook's
 * avatars): a MutationObserver with an attributeFilter gets no record for a namespaced attribute,
 * in Chromium and Firefox alike (jsdom sends one: no unit test can see this). On the real pages
 * whose SVG pictures are avatars (not icons), every masked <image> is given a new avatar address,
 * and a second later none shows a real picture.
 */
function pictureSwapCase(fixtures: Fixture[], open: (url: string) => Promise<TestPage>): void {
  const withSvgAvatars = fixtures.filter((f) =>
    [...f.html.matchAll(/<image\b[^>]*xlink:href="([^"]*)"/g)].some(([, href]) => f.expected.avatarUrls.some((part) => href.includes(part))),
  );
  it.runIf(withSvgAvatars.length)(
    'an SVG avatar whose picture the page swaps is drawn over again',
    async () => {
      for (const { expected } of withSvgAvatars) {
        const page = await open(expected.url);
        try {
          await page.waitFor(() => document.querySelector('image[data-momo]') !== null);
          const swapped = await page.evaluate((part) => {
            const images = [...document.querySelectorAll('image[data-momo]')];
            for (const [i, image] of images.entries()) image.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', `https://scontent.example${part}swapped-${i}.jpg`);
            return images.length;
          }, expected.avatarUrls[0]);
          expect(swapped).toBeGreaterThan(0);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          expect(await page.evaluate(unmaskedAvatarPictures, expected.avatarUrls), `${expected.url}: swapped pictures showing`).toEqual([]);
        } finally {
          await page.close();
        }
      }
    },
    120_000,
  );
}

/**
 * The badges case for the pages of `fixtures` in BADGE_PAGES that list badges: each opened with the
 * category on (every badge hidden), then the category switched off (every badge back), in the
 * browser session of the suite that calls it (`control`: an extension page to ask the worker).
 */
export function badgesCase(fixtures: Fixture[], control: () => TestPage, open: (url: string) => Promise<TestPage>): void {
  const withBadges = fixtures.filter((f) => BADGE_PAGES.test(f.id) && f.expected.badges?.length);
  it.runIf(withBadges.length)(
    'badges and counts: hidden with the category on, shown with it off',
    async () => {
      const setBadges = (enabled: boolean) => askWorker(control(), { type: 'page:set-category', category: 'badges', enabled });
      try {
        await setBadges(true);
        for (const { expected } of withBadges) {
          const badges = expected.badges!;
          const page = await open(expected.url);
          try {
            await page.waitFor(() => document.querySelector('[data-momo]') !== null);
            expect(await page.evaluate(badgesShown, [badges, true] as [string[], boolean]), `${expected.url}: badges shown with the category on`).toEqual([]);
            await setBadges(false);
            await expect.poll(() => page.evaluate(badgesShown, [badges, true] as [string[], boolean]), { timeout: 5_000 }).toEqual(badges);
            await setBadges(true);
          } finally {
            await page.close();
          }
        }
      } finally {
        await setBadges(false);
      }
    },
    120_000,
  );
}
