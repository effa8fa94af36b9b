/** Serving the React live feed (tests/fixtures/demo/live-feed) with the paint probe as the first thing in <head>. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, type Fixture } from './fixtures';
import type { FakeInternet } from './serve';

const DIR = join(FIXTURES_DIR, 'demo/live-feed');

export function liveFeedFixture(): Fixture {
  execFileSync(process.execPath, [join(DIR, 'build.mjs')], { stdio: 'inherit' });
  const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
  const probe = readFileSync(join(__dirname, 'paint-probe.js'), 'utf8');
  const names = JSON.stringify([...expected.names, ...expected.handles]).replace(/'/g, '&#39;');
  const html = readFileSync(join(DIR, 'index.html'), 'utf8').replace('<head>', `<head>\n<script data-names='${names}'>${probe}</script>`);
  return { id: 'demo/live-feed', dir: DIR, expected, html };
}

/** Adds the feed to the fake internet: the page at /live/ and below (an SPA), and its script. */
export function serveLiveFeed(internet: FakeInternet, fixture: Fixture): void {
  const page = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: fixture.html };
  internet.add(fixture, {
    allowScripts: true,
    extra: {
      'https://demo.momomask.test/live/app.js': { status: 200, headers: { 'content-type': 'text/javascript' }, body: readFileSync(join(DIR, 'dist/app.js')) },
      'https://demo.momomask.test/live/profile/alice_w': page,
    },
  });
}
