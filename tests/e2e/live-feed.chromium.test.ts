import { launchChromium } from './harness/chromium';
import { liveFeedSuite } from './live-feed.shared';

liveFeedSuite((internet) => launchChromium(internet));
