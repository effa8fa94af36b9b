/**
 * The notification hook and the content script's answer, as a page sees them: `new Notification`
 * carries the masked title and body and the momo icon while masking is on, the page's own text
 * otherwise; the constructor prints and behaves as the native; no page listener sees the
 * question. jsdom has no Notification, and one realm for both sides (so the page's getters on
 * Object.prototype are watched in tests/e2e/share.*, where the worlds are apart): a
 * stand-in for the browser's records what it was constructed with. (tests/e2e/share.* checks the
 * same in Chromium and Firefox, with their own Notification.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AVATAR_DATA_URL } from '../../../src/shared/artwork';
import { LearnedNames } from '../../../src/content/fallback-layers';
import { Masker } from '../../../src/content/masker';
import { answerNotifications, maskText } from '../../../src/content/notification-answer';
import { installNotificationHook, NOTIFICATION_ASK } from '../../../src/content/notification-hook';
import { installHook } from '../../../src/content/shadow-hook';

/** The browser's constructor, as far as these tests need it. */
class NativeNotification {
  static permission = 'granted';
  static requestPermission = async () => 'granted';
  title: string;
  body: string;
  icon: string;
  tag: string;
  constructor(...args: unknown[]) {
    if (args.length === 0) throw new TypeError('1 argument required');
    const [title, options = {}] = args as [string, { body?: string; icon?: string; tag?: string }?];
    this.title = String(title);
    this.body = options.body ?? '';
    this.icon = options.icon ?? '';
    this.tag = options.tag ?? '';
  }
}

const win = globalThis as unknown as Omit<typeof globalThis, 'Notification'> & { Notification: typeof NativeNotification };
const originals = {
  attachShadow: Object.getOwnPropertyDescriptor(Element.prototype, 'attachShadow')!,
  toString: Object.getOwnPropertyDescriptor(Function.prototype, 'toString')!,
};
const masker = new Masker((handle) => ({ name: 'momo', handle: handle === 'isolberg' ? 'momo·k3f9' : 'momo', hue: null }));
/** The names learned on the page, as the engine rewrites them (mask-engine.ts rewriteNames). */
const names = new LearnedNames(masker).rewrite;
let masking: { masker: Masker; mentions: boolean; names: (text: string) => string } | null = { masker, mentions: true, names };

beforeAll(() => {
  win.Notification = NativeNotification;
  installNotificationHook(globalThis, installHook(globalThis));
  answerNotifications(() => masking);
  masker.remember('Ingrid Solberg', 'momo·k3f9');
  masker.remember('Kwame Mensah', 'momo');
});
afterAll(() => {
  Object.defineProperty(Element.prototype, 'attachShadow', originals.attachShadow);
  Object.defineProperty(Function.prototype, 'toString', originals.toString);
  delete (win as { Notification?: unknown }).Notification;
});

describe('a notification the page makes', () => {
  it('carries the masked title and body and the momo icon while masking is on; the rest as the page gave it', () => {
    masking = { masker, mentions: true, names };
    const n = new win.Notification('Ingrid Solberg replied', { body: '@isolberg and Kwame Mensah: see you', icon: 'https://cdn.example/face.jpg', tag: 'reply' });
    expect([n.title, n.body, n.icon, n.tag]).toEqual(['momo·k3f9 replied', '@momo·k3f9 and momo: see you', AVATAR_DATA_URL, 'reply']);
  });

  it('leaves mentions alone with the mentions category off, and everything with masking off', () => {
    masking = { masker, mentions: false, names };
    expect(new win.Notification('x', { body: '@someone, Kwame Mensah' }).body).toBe('@someone, momo');
    masking = null;
    const n = new win.Notification('Ingrid Solberg replied', { body: '@isolberg', icon: 'face.jpg' });
    expect([n.title, n.body, n.icon]).toEqual(['Ingrid Solberg replied', '@isolberg', 'face.jpg']);
    masking = { masker, mentions: true, names };
  });

  it('gives a notification without options the icon only, and converts the title once', () => {
    let conversions = 0;
    const title = {
      toString() {
        conversions++;
        return 'Kwame Mensah';
      },
    };
    const n = new win.Notification(title as unknown as string);
    expect([n.title, n.body, n.icon, conversions]).toEqual(['momo', '', AVATAR_DATA_URL, 1]);
    expect(() => new (win.Notification as unknown as new () => object)()).toThrow('1 argument required');
  });
});

describe('the constructor seen from the page', () => {
  it('prints as the native, and keeps its statics, prototype and instanceof', () => {
    const printed = originals.toString.value.call(NativeNotification) as string;
    expect(win.Notification).not.toBe(NativeNotification);
    expect(Function.prototype.toString.call(win.Notification)).toBe(printed);
    expect(`${win.Notification}`).toBe(printed);
    expect([win.Notification.permission, win.Notification.requestPermission, win.Notification.name, win.Notification.length]).toEqual([
      'granted',
      NativeNotification.requestPermission,
      'NativeNotification',
      NativeNotification.length,
    ]);
    expect(win.Notification.prototype).toBe(NativeNotification.prototype);
    expect(win.Notification.prototype.constructor).toBe(win.Notification);
    expect(new win.Notification('a')).toBeInstanceOf(win.Notification);
    class Subclass extends win.Notification {}
    expect(new Subclass('a')).toBeInstanceOf(Subclass);
  });

  it('asks where no page listener hears it', () => {
    let heard = 0;
    const listener = () => heard++;
    addEventListener(NOTIFICATION_ASK, listener, true);
    document.addEventListener(NOTIFICATION_ASK, listener, true);
    try {
      expect(new win.Notification('Kwame Mensah').title).toBe('momo');
    } finally {
      removeEventListener(NOTIFICATION_ASK, listener, true);
      document.removeEventListener(NOTIFICATION_ASK, listener, true);
    }
    expect(heard).toBe(0);
  });
});

describe('maskText', () => {
  it('masks each @mention as its person, then every name seen, and leaves e-mail addresses', () => {
    expect(maskText('@isolberg, write to a@b.com — Ingrid Solberg', { masker, mentions: true, names })).toBe('@momo·k3f9, write to a@b.com — momo·k3f9');
  });

  it('finds no name inside what it wrote: a person called "momo" leaves the pseudonyms alone', () => {
    const calledMomo = new Masker(masker.mentionAs);
    calledMomo.remember('Ingrid Solberg', 'momo·k3f9');
    calledMomo.remember('momo', 'momo·x2ab');
    const learned = { masker: calledMomo, mentions: true, names: new LearnedNames(calledMomo).rewrite };
    expect(maskText('Ingrid Solberg replied to @isolberg and momo', learned)).toBe('momo·k3f9 replied to @momo·k3f9 and momo·x2ab');
  });
});
