/** The fixture pages in tests/fixtures/<site>/<page>/ (page.html + expected.json written by hand). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Expected {
  url: string;
  source: string;
  view: string;
  names: string[];
  handles: string[];
  avatarUrls: string[];
  avatars: number;
  locations: string[];
  content: string[];
  allowedInText?: Record<string, string>;
  /** Badges and counts a reader sees ("text: …", "label: …", "picture: …"): hidden when the badges category is on (harness/badges.ts). */
  badges?: string[];
  /** Role marks ("OP") and whose they are (`of`: the person's key, as in their profile link): kept beside their pseudonym. */
  roles?: { mark: string; of: string }[];
}

export interface Fixture {
  id: string;
  dir: string;
  expected: Expected;
  html: string;
}

export const FIXTURES_DIR = resolve(__dirname, '../../fixtures');

export function loadFixtures(filter: (id: string) => boolean = () => true): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const site of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (!site.isDirectory()) continue;
    for (const page of readdirSync(join(FIXTURES_DIR, site.name), { withFileTypes: true })) {
      const dir = join(FIXTURES_DIR, site.name, page.name);
      const id = `${site.name}/${page.name}`;
      if (!page.isDirectory() || !existsSync(join(dir, 'page.html')) || !existsSync(join(dir, 'expected.json')) || !filter(id)) continue;
      fixtures.push({
        id,
        dir,
        expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')),
        html: readFileSync(join(dir, 'page.html'), 'utf8'),
      });
    }
  }
  return fixtures.sort((a, b) => a.id.localeCompare(b.id));
}
