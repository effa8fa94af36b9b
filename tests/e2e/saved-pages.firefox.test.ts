import { launchFirefox } from './harness/firefox';
import { savedPagesSuite } from './saved-pages.shared';

savedPagesSuite((internet) => launchFirefox(internet));
