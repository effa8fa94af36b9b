import { launchFirefox, reloadingStalls } from './harness/firefox';
import { realPagesSuite } from './real-pages.shared';

realPagesSuite(async (internet) => {
  const session = await launchFirefox(internet);
  return { ...session, open: reloadingStalls(session.browser, session.open) };
}, 'firefox');
