/** `npm start` with Firefox ESR: the extension installed over WebDriver BiDi, the feed screenshotted before and after. */
import { expect, it } from 'vitest';
import { expectMaskedShots, runDemoHeadless } from './start.shared';

it('installs the extension in Firefox and screenshots the feed masked', async () => {
  const run = await runDemoHeadless('/usr/bin/firefox-esr');
  expect(run.stdout).toContain('Using Mozilla Firefox');
  expectMaskedShots(run);
}, 60_000);
