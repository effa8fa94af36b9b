import { launchChromium } from './harness/chromium';
import { realPagesSuite } from './real-pages.shared';

realPagesSuite((internet) => launchChromium(internet), 'chromium');
