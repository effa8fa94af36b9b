import { launchFirefox } from './harness/firefox';
import { savedPagesSuite } from './saved-pages.shared';

/**
 * One hand-written page per site (the first of each, by name): each site's rule runs once in
 * Firefox's engine, and Chromium runs every page. The budget for browser tests is 8 minutes.
 */
const sitesSeen = new Set<string>();
const firstOfItsSite = (id: string) => !sitesSeen.has(id.split('/')[0]) && Boolean(sitesSeen.add(id.split('/')[0]));

savedPagesSuite((internet) => launchFirefox(internet), firstOfItsSite);
