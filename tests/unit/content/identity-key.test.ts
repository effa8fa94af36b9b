import { describe, expect, it } from 'vitest';
import { hrefPath, keyInPath } from '../../../src/content/identity-key';

const BASE = 'https://site.example/thread/1?page=2';

/** What the URL parser makes of `href`: the reference the plain-path reading must agree with. */
function parsed(href: string): { path: string; host: string } | null {
  try {
    const url = new URL(href, BASE);
    return { path: `${url.pathname}${url.search}`, host: url.hostname };
  } catch {
    return null;
  }
}

describe('hrefPath: a plain path read as it stands, anything else parsed', () => {
  const plain = ['/alice', '/alice/', '/u/Alice?tab=posts', '/home/main?id=tb.1.abc&fr=pb', '/a#replies', '/%E7%8E%8B', '/a"b', "/o'neil", '/x_y-z~1', '/', '/search?q=a&b=c#top'];
  it.each(plain)('%s: its own path, no parse, and the same key as the parser', (href) => {
    const found = hrefPath(href, BASE)!;
    expect(found.host).toBeNull();
    const reference = parsed(href)!;
    expect(reference.host).toBe('site.example');
    // Printable ASCII the parser percent-encodes ('"' → %22) decodes to the same key.
    for (const shape of ['/{key}', '/u/{key}', '/home/main?id={key}']) {
      expect(keyInPath(found.path, shape, true), shape).toBe(keyInPath(reference.path, shape, true));
      expect(keyInPath(found.path, shape, false), shape).toBe(keyInPath(reference.path, shape, false));
    }
  });

  // Other hosts, read as they stand when plain: what the parser makes of them, origin included.
  const absolute = [
    '//other.example/alice',
    '//www.zhihu.com/people/bob?x=1#top',
    'https://other.example/bob',
    'HTTP://Other.Example/Bob',
    '//site.example',
    'https://site.example/u/alice/',
  ];
  // Each of these the parser rewrites or resolves elsewhere: read as they stand, they would give another key or host.
  const rewritten = [
    '/\\other.example/alice',
    '/a/../bob',
    '/a/./bob',
    '/a/%2E%2E/bob',
    '/bob ',
    ' /bob',
    '/b\tob',
    '/王',
    'alice',
    '../bob',
    '?id=1',
    'mailto:bob@site.example',
    '//0x7f.1/bob',
    '//10.0.0.1/bob',
    '//site.example:443/bob',
    '//user@site.example/bob',
    '//bücher.example/bob',
    '//site.example?x',
  ];
  it.each([...absolute, ...rewritten])('%j is read as the URL parser reads it', (href) => {
    expect(hrefPath(href, BASE)).toEqual(parsed(href) && { ...parsed(href), origin: new URL(href, BASE).origin });
  });

  it('is null for what is no address', () => {
    expect(hrefPath('http://[bad', BASE)).toBeNull();
  });
});
