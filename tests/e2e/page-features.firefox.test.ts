import { launchFirefox } from './harness/firefox';
import { pageFeaturesSuite } from './page-features.shared';

pageFeaturesSuite((internet) => launchFirefox(internet));
