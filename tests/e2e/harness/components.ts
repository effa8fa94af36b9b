/** Serving tests/fixtures/demo/components: the page (its own scripts run), its same-site iframe. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, type Fixture } from './fixtures';
import type { FakeInternet } from './serve';

const DIR = join(FIXTURES_DIR, 'demo/components');

export function componentsFixture(): Fixture {
  return {
    id: 'demo/components',
    dir: DIR,
    expected: JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')),
    html: readFileSync(join(DIR, 'page.html'), 'utf8'),
  };
}

export function serveComponents(internet: FakeInternet, fixture: Fixture): void {
  internet.add(fixture, {
    allowScripts: true,
    extra: {
      'https://demo.momomask.test/components/frame': {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: readFileSync(join(DIR, 'frame.html'), 'utf8'),
      },
    },
  });
}

/** Text, labels and avatar sources inside the page's iframes (same origin, so readable from the page). */
export function readFrames(): { text: string; labels: string[]; realAvatars: number } {
  let text = '';
  const labels: string[] = [];
  let realAvatars = 0;
  for (const frame of document.querySelectorAll('iframe')) {
    const doc = frame.contentDocument;
    if (!doc?.body) continue;
    text += `\n${doc.body.innerText}`;
    for (const el of doc.querySelectorAll('[alt], [title], [aria-label]')) {
      for (const attr of ['alt', 'title', 'aria-label']) if (el.getAttribute(attr)) labels.push(el.getAttribute(attr)!);
    }
    // A real avatar shows unless the artwork is drawn over it (CSS `content`).
    const drawn = (img: Element) => (frame.contentWindow?.getComputedStyle(img).content ?? '').includes('momo-avatar');
    for (const img of doc.querySelectorAll('img')) if ((img.getAttribute('src') ?? '').includes('/avatars/') && !drawn(img)) realAvatars++;
  }
  return { text, labels, realAvatars };
}
