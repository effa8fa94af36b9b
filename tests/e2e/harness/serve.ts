/**
 * What the fake internet answers. Fixture pages are served at their real URLs so the extension's
 * host matching applies as on the real site. Images whose URL looks like one of the page's avatars
 * are a pure colour (AVATAR_COLOUR), every other image transparent, so a screenshot shows exactly
 * where a real avatar would still be visible. Everything else is refused.
 */
import { PNG } from 'pngjs';
import type { Fixture } from './fixtures';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export const AVATAR_COLOUR = [255, 0, 255] as const;

function solidPng(size: number, rgba: readonly number[]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png);
}

const AVATAR_PNG = solidPng(64, [...AVATAR_COLOUR, 255]);
const TRANSPARENT_PNG = solidPng(1, [0, 0, 0, 0]);
const IMAGE_URL = /\.(png|jpe?g|gif|webp|avif|svg|ico)(\?|#|$)|\/(avatar|profile_images|images?)\//i;

export interface ServeOptions {
  /** Extra exact-URL routes (scripts for the React fixture). */
  extra?: Record<string, Reply>;
  /** Let the page's own scripts run (hand-written fixtures that need them). */
  allowScripts?: boolean;
}

export class FakeInternet {
  private pages = new Map<string, { fixture: Fixture; options: ServeOptions }>();

  add(fixture: Fixture, options: ServeOptions = {}): void {
    this.pages.set(stripHash(fixture.expected.url), { fixture, options });
  }

  /**
   * @param documentUrl the page that asked (when the driver knows it): only that page's avatar
   *   patterns paint an image as an avatar, so one site's pattern never marks another site's photos.
   */
  reply(url: string, resourceType?: string, documentUrl?: string): Reply {
    const bare = stripHash(url);
    for (const { options } of this.pages.values()) {
      if (options.extra?.[bare]) return options.extra[bare];
    }
    const page = this.pages.get(bare);
    if (page) {
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
      if (!page.options.allowScripts) headers['content-security-policy'] = "script-src 'none'";
      return { status: 200, headers, body: page.fixture.html };
    }
    const asking = documentUrl ? this.pages.get(stripHash(documentUrl)) : undefined;
    const candidates = asking ? [asking] : [...this.pages.values()];
    const isAvatar = candidates.some(({ fixture }) => fixture.expected.avatarUrls.some((part) => url.includes(part)));
    if (isAvatar) return png(AVATAR_PNG);
    if (resourceType === 'image' || IMAGE_URL.test(new URL(url).pathname)) return png(TRANSPARENT_PNG);
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: '' };
  }
}

const png = (body: Buffer): Reply => ({ status: 200, headers: { 'content-type': 'image/png', 'cache-control': 'no-store' }, body });
const stripHash = (url: string) => url.split('#')[0];

/** Pixels of the avatar colour in a PNG screenshot: what a person would still see of real avatars. */
export function countAvatarPixels(screenshot: Buffer): number {
  const png = PNG.sync.read(screenshot);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] > 235 && png.data[i + 1] < 25 && png.data[i + 2] > 235) count++;
  }
  return count;
}

/** Pixels of the momo artwork's body colour (#ff9dc0 in public/momo-avatar.svg): the artwork really painted, not a broken image. */
export function countMomoPixels(screenshot: Buffer): number {
  const png = PNG.sync.read(screenshot);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] > 248 && Math.abs(png.data[i + 1] - 157) < 8 && Math.abs(png.data[i + 2] - 192) < 8) count++;
  }
  return count;
}
