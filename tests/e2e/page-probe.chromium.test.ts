import { launchChromium } from './harness/chromium';
import { pageProbeSuite } from './page-probe.shared';

pageProbeSuite((internet) => launchChromium(internet));
