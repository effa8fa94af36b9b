import { launchChromium } from './harness/chromium';
import { pageFeaturesSuite } from './page-features.shared';

pageFeaturesSuite((internet) => launchChromium(internet));
