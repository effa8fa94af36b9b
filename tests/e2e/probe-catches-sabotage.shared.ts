/**
 * The paint probe is only worth something if it can fail: on a build that masks one task late,
 * or that lost one rule, it must see real identities painted.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './harness/chromium';
import { liveFeedFixture, serveLiveFeed } from './harness/live-feed';
import { findLeaks, readPage } from './harness/page-checks';
import { sabotagedBuild, type Sabotage } from './harness/sabotage';
import { FakeInternet } from './harness/serve';
import type { BrowserSession, TestPage } from './harness/session';

export function sabotageSuite(sabotage: Sabotage, expectedKinds: string[]): void {
  const fixture = liveFeedFixture();
  const internet = new FakeInternet();
  serveLiveFeed(internet, fixture);
  let session: BrowserSession;
  let page: TestPage;

  beforeAll(async () => {
    session = await launchChromium(internet, sabotagedBuild(sabotage));
    page = await session.open(fixture.expected.url);
    await page.waitFor(() => document.querySelectorAll('article.post').length >= 10);
  });
  afterAll(async () => session?.close());

  it(`the probe sees identities painted (${sabotage})`, async () => {
    const kinds = () => page.evaluate(() => [...new Set((window as unknown as { __probe: { violations: { kind: string }[] } }).__probe.violations.map((v) => v.kind))]);
    // The feed re-renders live: the probe reports within a few frames, 5 s at most.
    await expect.poll(kinds, { timeout: 5000 }).toEqual(expect.arrayContaining(expectedKinds));
  });

  if (sabotage === 'names-rule-removed') {
    it('the text check sees the names too', async () => {
      const leaks = findLeaks(await page.evaluate(readPage), fixture.expected);
      expect(leaks.some((leak) => leak.startsWith('text:'))).toBe(true);
    });
  }
}
