import { launchFirefox } from './harness/firefox';
import { liveFeedSuite } from './live-feed.shared';

liveFeedSuite((internet) => launchFirefox(internet));
