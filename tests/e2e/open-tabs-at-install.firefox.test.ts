/**
 * Tabs already open when the extension is installed get masked without a reload: the worker injects
 * the site stylesheet and the content script into them. (Firefox, where a test can install an
 * extension into a running browser; Chromium only loads extensions at launch.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchFirefox } from './harness/firefox';
import { loadFixtures } from './harness/fixtures';
import { findLeaks, readPage } from './harness/page-checks';
import { FakeInternet } from './harness/serve';
import type { TestPage } from './harness/session';

const [fixture] = loadFixtures((id) => id === 'x/twitter-status-with-replies-2023');
const internet = new FakeInternet();
internet.add(fixture);
let session: Awaited<ReturnType<typeof launchFirefox>>;
let page: TestPage;

beforeAll(async () => {
  session = await launchFirefox(internet, { installLater: true });
  page = await session.open(fixture.expected.url);
});
afterAll(async () => session?.close());

it('the open tab shows identities before install, and none after, without a reload', async () => {
  expect(findLeaks(await page.evaluate(readPage), fixture.expected).length).toBeGreaterThan(0);
  await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
  await session.install();
  await page.waitFor(() => document.querySelector('[data-momo]') !== null, undefined, 15_000);
  expect(findLeaks(await page.evaluate(readPage), fixture.expected)).toEqual([]);
  // Same document: the marker set before install is still there, so the page was not reloaded.
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
});
