import { launchChromium } from './harness/chromium';
import { savedPagesSuite } from './saved-pages.shared';

savedPagesSuite((internet) => launchChromium(internet));
