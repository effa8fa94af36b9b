/**
 * Web notifications a page shows (`new Notification(title, { body, icon })`) appear outside the
 * page, over whatever is being shared, with a real name and face: while masking is on, they carry
 * the masked title and body and the momo icon instead. main-world-shadow-hook.ts installs this in
 * the page's own world at document_start, before any page script, as it does the shadow-root hook.
 *
 * The page must not tell the stand-in from the browser's own constructor (shadow-hook.ts says
 * why): it is a Proxy of the native one, so `Notification.permission`, `requestPermission`,
 * `prototype`, `name`, `length`, `instanceof` and subclasses all reach the native; the prototype's
 * `constructor` names the stand-in, and toString prints it as the native (the shared Disguise).
 *
 * Asking the content script, which knows the names seen on the page, must be synchronous (the
 * constructor returns the notification): the question and the answer are events on `window`,
 * dispatched synchronously, each caught by the other side's capture listener, which both sides add
 * before any page script runs and which stops the event there, so no page listener ever sees one.
 * Title and body travel as one string (NUL between them): a string crosses between the worlds in
 * both browsers as it is, where an object would not. No answer (masking off, a page the content
 * script does not mask, a request the page forged) leaves the notification exactly as the page made it.
 */
import type { Disguise } from './shadow-hook';

/** The page world asks: the event's detail is title NUL body. */
export const NOTIFICATION_ASK = 'momo-mask:notification';
/** The content script answers: masked title NUL masked body NUL icon. */
export const NOTIFICATION_ANSWER = 'momo-mask:notification-masked';
export const NOTIFICATION_SEPARATOR = '\0';

export function installNotificationHook(win: typeof globalThis, disguise: Disguise): void {
  const { Reflect: R, Object: O, Event, CustomEvent, String: S } = win;
  const Native = (win as { Notification?: typeof Notification }).Notification;
  // No Notification outside a secure context (an http: page, some frames).
  if (typeof Native !== 'function') return;
  const { apply, construct } = R;
  const { create, defineProperty } = O;
  // The window's own (EventTarget's), as they are at install.
  const { dispatchEvent: dispatch, addEventListener: listen } = win;
  const stop = Event.prototype.stopImmediatePropagation;
  const detailOf = O.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail')!.get!;
  const { indexOf, slice } = S.prototype;
  const setPrototypeOf = O.setPrototypeOf;
  /**
   * `fields` without Object.prototype behind it: the browser reads an event init or a property
   * descriptor member by member, missing ones too, and a getter a page put on Object.prototype
   * ("bubbles", "get") would see that read.
   */
  const bare = <T extends object>(fields: T): T => setPrototypeOf(fields, null);

  let waiting = false;
  let answer: string | null = null;
  apply(listen, win, [
    NOTIFICATION_ANSWER,
    (event: Event) => {
      apply(stop, event, []);
      const detail: unknown = apply(detailOf, event, []);
      if (waiting && typeof detail === 'string') answer = detail;
    },
    true,
  ]);
  /** The masked title, body and icon, or null when nobody answered. */
  const ask = (title: string, body: string): [string, string, string] | null => {
    waiting = true;
    answer = null;
    try {
      apply(dispatch, win, [new CustomEvent(NOTIFICATION_ASK, bare({ detail: `${title}${NOTIFICATION_SEPARATOR}${body}` }))]);
    } finally {
      waiting = false;
    }
    if (answer === null) return null;
    const first: number = apply(indexOf, answer, [NOTIFICATION_SEPARATOR]);
    const second: number = apply(indexOf, answer, [NOTIFICATION_SEPARATOR, first + 1]);
    if (first < 0 || second < 0) return null;
    return [apply(slice, answer, [0, first]), apply(slice, answer, [first + 1, second]), apply(slice, answer, [second + 1])];
  };

  const handler: ProxyHandler<typeof Notification> = {
    construct(target, args: unknown[], newTarget) {
      const options = args[1];
      // No title, or options that are not a dictionary: the native throws its own error.
      if (!args.length || (options != null && typeof options !== 'object' && typeof options !== 'function')) return construct(target, args, newTarget);
      // Converted once here, as the native would (a page's toString runs once); the native gets the string.
      const title = `${args[0]}`;
      const body: unknown = options == null ? undefined : (options as { body?: unknown }).body;
      const masked = ask(title, body === undefined ? '' : `${body}`);
      // Array literals, never spreads: a spread runs Array.prototype[Symbol.iterator], which a page can replace and watch.
      if (!masked) return construct(target, args.length > 1 ? [title, options] : [title], newTarget);
      // The page's options stay the prototype: every other member reads as the page gave it.
      const maskedOptions = create(options ?? null, bare({ icon: bare({ value: masked[2], enumerable: true }) }));
      if (body !== undefined) defineProperty(maskedOptions, 'body', bare({ value: masked[1], enumerable: true }));
      return construct(target, [masked[0], maskedOptions], newTarget);
    },
  };
  // The handler without a prototype too: the engine looks up every trap it lacks ("get" for `prototype`) on it.
  const standIn = new Proxy(Native, bare(handler));
  disguise(standIn, Native);
  // Plain assignments keep the properties' attributes as the browser made them.
  Native.prototype.constructor = standIn;
  (win as { Notification?: typeof Notification }).Notification = standIn;
}
