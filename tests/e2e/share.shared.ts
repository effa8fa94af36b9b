/**
 * Sharing without exposing anyone, in a real browser, on a feed whose avatars are served in one
 * marker colour (tests/fixtures/demo/share): the masked screenshot from the popup (the visible part
 * and the whole page) and from the keyboard command's handler, read back from the downloads folder
 * and the clipboard, where no avatar pixel may be left and the stamp must be; refused, with the
 * reason, when masking is off; warned first, as the page's fallback notice applies. And a web
 * notification the page makes arrives masked, from a constructor that still looks native.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAMP } from '../../src/shared/screenshot';
import { loadFixtures } from './harness/fixtures';
import { countAvatarPixels, FakeInternet } from './harness/serve';
import { askWorker, type BrowserSession, type TestPage } from './harness/session';

export interface ShareSession {
  session: BrowserSession;
  /** Runs the worker's keyboard-command handler (a key press never reaches commands.onCommand under automation). */
  runCommand(control: TestPage, name: string): Promise<void>;
  /**
   * The headless browser's clipboard keeps an image. Headless Firefox's keeps text only
   * (widget/headless/HeadlessClipboardData: text/plain and text/html): the image written is
   * dropped, so there the test sees that the write went through (the text put there before is
   * gone, and the extension was told the write succeeded), not the picture itself.
   */
  clipboardKeepsImages: boolean;
}

/**
 * A copy of the build that may capture any tab. captureVisibleTab needs the activeTab grant that a
 * click on the toolbar button or the keyboard command gives, or <all_urls>; automation can do
 * neither the click nor the key press, so this copy lists <all_urls>. All the rest runs as shipped.
 */
export function capturableBuild(dist: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'momo-capturable-')), 'build');
  cpSync(dist, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions.push('<all_urls>');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

/** Pixels of the stamp's box colour in the picture's bottom-right corner (the page itself has none of it). */
function countStampPixels(picture: Buffer): number {
  const png = PNG.sync.read(picture);
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(STAMP.colour.slice(i, i + 2), 16));
  let count = 0;
  for (let y = Math.max(0, png.height - 120); y < png.height; y++) {
    for (let x = Math.max(0, png.width - 600); x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i] - r) < 4 && Math.abs(png.data[i + 1] - g) < 4 && Math.abs(png.data[i + 2] - b) < 4) count++;
    }
  }
  return count;
}

const sizeOf = (picture: Buffer) => {
  const { width, height } = PNG.sync.read(picture);
  return { width, height };
};

export function shareSuite(launch: (internet: FakeInternet) => Promise<ShareSession>): void {
  const [fixture] = loadFixtures((id) => id === 'demo/share');
  const internet = new FakeInternet();
  internet.add(fixture);
  let share: ShareSession;
  let page: TestPage;
  let control: TestPage;
  let tabId: number;
  /** The popup of the first screenshot tests, open over the fixture's tab. */
  let popup: TestPage;

  /** The extension's downloads, newest first: where each file is and whether it is complete. */
  const downloads = () =>
    control.evaluate(() => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return api.downloads.search({ orderBy: ['-startTime'] }) as Promise<{ filename: string; state: string }[]>;
    });
  /** The text of the toolbar button's badge on the fixture's tab. */
  const badge = () =>
    control.evaluate((id) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return api.action.getBadgeText({ tabId: id });
    }, tabId);
  /** Puts text on the clipboard, to see it replaced by the screenshot. */
  const markClipboard = () => page.evaluate(() => navigator.clipboard.writeText('before the screenshot'));
  /** The clipboard holds `picture` (or, where the browser keeps no image, no longer holds the mark). */
  const expectCopied = async (picture: Buffer) => {
    if (!share.clipboardKeepsImages) {
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('');
      return;
    }
    const copied = await clipboardPng();
    expect(sizeOf(copied)).toEqual(sizeOf(picture));
    expect(countAvatarPixels(copied)).toBe(0);
    expect(countStampPixels(copied)).toBeGreaterThan(500);
  };
  const clipboardPng = async () => {
    const base64 = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      if (!item?.types.includes('image/png')) return '';
      const bytes = new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
      let text = '';
      for (const byte of bytes) text += String.fromCharCode(byte);
      return btoa(text);
    });
    return Buffer.from(base64, 'base64');
  };
  /** The popup on the fixture's tab, its button clicked as the tab stays in front; what it then says. */
  const popupShot = async (popup: TestPage, scope: 'visible' | 'page', said: string) => {
    const saying = () => document.querySelector('[data-testid="screenshot-said"]')?.textContent ?? '';
    const before = await popup.evaluate(saying);
    await popup.evaluate((value) => (document.querySelector(`[data-testid="screenshot-${value}"]`) as HTMLInputElement).click(), scope);
    await popup.evaluate(() => (document.querySelector('[data-testid="screenshot-take"]') as HTMLButtonElement).click());
    // A new sentence (file names carry the second: two pictures never say the same).
    await popup.waitFor(
      ([text, previous]) => {
        const now = document.querySelector('[data-testid="screenshot-said"]')?.textContent ?? '';
        return now.includes(text) && now !== previous;
      },
      [said, before] as const,
      30_000,
    );
    return popup.evaluate(saying);
  };
  const openPopup = async () => {
    const popup = await share.session.openExtensionPage(`src/popup/index.html?tab=${tabId}`);
    await popup.waitFor(() => !!document.querySelector('[data-testid="screenshot-take"]'));
    // What a person has in front of them is the page, the popup over it: the tab is its window's active one.
    await page.click('#top');
    return popup;
  };

  beforeAll(async () => {
    share = await launch(internet);
    page = await share.session.open(fixture.expected.url);
    control = await share.session.openExtensionPage('src/options/index.html');
    tabId = await control.evaluate(async (url) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return (await api.tabs.query({ url }))[0].id!;
    }, fixture.expected.url);
    await page.waitFor(() => document.querySelector('[data-role="display-name"]')?.textContent === 'momo');
  });
  afterAll(async () => {
    // Chromium saves where the browser's own downloads go (the home folder's Downloads): nothing of the test stays there.
    if (control) for (const { filename } of await downloads().catch(() => [])) rmSync(filename, { force: true });
    await share?.session.close();
  });

  it("masks a web notification the page makes, from a constructor that prints and behaves as the browser's own", async () => {
    const made = await page.evaluate(() => {
      // Getters a page put on Object.prototype see every read of a member an object lacks: the hook's own objects have no prototype.
      const watched = ['bubbles', 'cancelable', 'composed', 'detail', 'get', 'set', 'value', 'writable', 'enumerable', 'configurable'];
      let reads = 0;
      // Each descriptor without a prototype too, or the getters defined before it would make it a value and an accessor at once.
      for (const name of watched) Object.defineProperty(Object.prototype, name, Object.setPrototypeOf({ get: () => void reads++, configurable: true }, null));
      const n = (() => {
        try {
          return new Notification('Ingrid Solberg replied to you', { body: '@isolberg: see you at 6, and Kwame Mensah too', icon: '/avatars/1.png', tag: 'reply-1' });
        } finally {
          for (const name of watched) delete (Object.prototype as Record<string, unknown>)[name];
        }
      })();
      n.close();
      return {
        reads,
        title: n.title,
        body: n.body,
        icon: n.icon,
        tag: n.tag,
        printed: Function.prototype.toString.call(Notification),
        constructorIsIt: Notification.prototype.constructor === Notification,
        isOne: n instanceof Notification,
        permission: Notification.permission,
        requestPermission: typeof Notification.requestPermission,
        shape: [Notification.name, Notification.length, 'prototype' in Notification],
      };
    });
    expect(made).toMatchObject({ title: 'momo replied to you', body: '@momo: see you at 6, and momo too', tag: 'reply-1', reads: 0 });
    expect(made.icon).toMatch(/^data:image\/svg\+xml,/);
    expect(made.printed).toMatch(/^function Notification\(\) \{\s+\[native code\]\s+\}$/);
    expect(made).toMatchObject({ constructorIsIt: true, isOne: true, permission: 'granted', requestPermission: 'function', shape: ['Notification', 1, true] });
  });

  it('the popup warns first (the fallback caught someone), then captures the visible part: no avatar pixel, the stamp, saved and copied', async () => {
    popup = await openPopup();
    await markClipboard();
    const warned = await popupShot(popup, 'visible', 'fallback');
    expect(await downloads()).toEqual([]);
    expect(warned).toContain('1 ');
    const done = await popupShot(popup, 'visible', 'Saved as');
    const [saved] = await downloads();
    expect(saved.state).toBe('complete');
    const file = saved.filename.split(/[\\/]/).pop();
    expect(file).toMatch(/^momo-mask-demo\.momomask\.test-\d{8}-\d{6}\.png$/);
    expect(done).toBe(`Saved as ${file} and copied to the clipboard.`);
    const picture = readFileSync(saved.filename);
    expect(sizeOf(picture)).toEqual({ width: 1280, height: 900 });
    expect(countAvatarPixels(picture)).toBe(0);
    expect(countStampPixels(picture)).toBeGreaterThan(500);
    await expectCopied(picture);
  });

  it('the same popup then captures the whole page, scrolled and stitched, where the reader left it, without asking again', async () => {
    await page.evaluate(() => scrollTo(0, 300));
    expect(await popupShot(popup, 'page', 'Saved as')).toMatch(/and copied to the clipboard\.$/);
    const [saved] = await downloads();
    const picture = readFileSync(saved.filename);
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(sizeOf(picture)).toEqual({ width: 1280, height: pageHeight });
    expect(countAvatarPixels(picture)).toBe(0);
    expect(countStampPixels(picture)).toBeGreaterThan(500);
    expect(await page.evaluate(() => scrollY)).toBe(300);
    await popup.close();
  });

  it('the keyboard command captures the visible part once pressed again after the warning, copied from the tab and saved', async () => {
    await page.click('#top');
    await markClipboard();
    const before = (await downloads()).length;
    await share.runCommand(control, 'take-screenshot');
    expect(await downloads()).toHaveLength(before);
    // No popup is open to answer in: the toolbar button of the tab says it.
    expect(await badge()).toBe('!');
    await share.runCommand(control, 'take-screenshot');
    expect(await badge()).toBe('\u2713');
    const list = await downloads();
    expect(list).toHaveLength(before + 1);
    const picture = readFileSync(list[0].filename);
    expect(countAvatarPixels(picture)).toBe(0);
    expect(countStampPixels(picture)).toBeGreaterThan(500);
    await expectCopied(picture);
  });

  it('refuses with the reason when masking is off on the tab, from the popup and the command; notifications are the page’s own again', async () => {
    await askWorker(control, { type: 'page:set-enabled', enabled: false });
    await page.waitFor(() => document.querySelector('[data-role="display-name"]')?.textContent === 'Ingrid Solberg');
    // The control: unmasked, the marker colour is on the page, and the stamp's colour is not.
    const unmasked = await page.screenshot();
    expect(countAvatarPixels(unmasked)).toBeGreaterThan(0);
    expect(countStampPixels(unmasked)).toBe(0);
    const before = (await downloads()).length;
    const popup = await openPopup();
    expect(await popupShot(popup, 'visible', 'off')).toBe('Masking is off on this tab: nothing was captured. Switch it on first.');
    await popup.close();
    await share.runCommand(control, 'take-screenshot');
    expect(await downloads()).toHaveLength(before);
    // The popup opened next on the tab says what the shortcut did.
    const next = await openPopup();
    expect(await next.evaluate(() => document.querySelector('[data-testid="screenshot-said"]')?.textContent)).toBe(
      'The screenshot shortcut: Masking is off on this tab: nothing was captured. Switch it on first.',
    );
    await next.close();
    const title = await page.evaluate(() => new Notification('Ingrid Solberg replied to you').title);
    expect(title).toBe('Ingrid Solberg replied to you');
  });
}
