import { launchFirefox } from './harness/firefox';
import { pageProbeSuite } from './page-probe.shared';

pageProbeSuite((internet) => launchFirefox(internet));
