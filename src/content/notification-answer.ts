/**
 * The content script's side of the notification hook (notification-hook.ts): it answers the page
 * world's question with the title and body masked as the page is, and the momo artwork as the icon.
 * Its listener is added at the content script's start, before any page script, and stops the
 * question there: no page listener sees it.
 */
import { AVATAR_DATA_URL } from '../shared/artwork';
import { NOTIFICATION_ANSWER, NOTIFICATION_ASK, NOTIFICATION_SEPARATOR } from './notification-hook';
import { replaceMentions, type Masker } from './masker';

/**
 * What masks a notification now; null while masking is off on the page (the notification is left as it is).
 * `names`: the text with each name learned on the page as it was shown (mask-engine.ts rewriteNames).
 */
export type NotificationMasking = () => Masking | null;
type Masking = { masker: Masker; mentions: boolean; names: (text: string) => string };

export function answerNotifications(masking: NotificationMasking): void {
  addEventListener(
    NOTIFICATION_ASK,
    (event) => {
      event.stopImmediatePropagation();
      const now = masking();
      const detail: unknown = (event as CustomEvent).detail;
      if (!now || typeof detail !== 'string') return;
      const [title, body = ''] = detail.split(NOTIFICATION_SEPARATOR);
      const masked = [maskText(title, now), maskText(body, now), AVATAR_DATA_URL];
      dispatchEvent(new CustomEvent(NOTIFICATION_ANSWER, { detail: masked.join(NOTIFICATION_SEPARATOR) }));
    },
    true,
  );
}

/**
 * Free text as the page shows it masked: each @mention as its person's handle, and between them every
 * name seen on the page as it was shown, as in the tab title. Each name was replaced in turn over the
 * whole text: one called "momo" was found again in the pseudonyms written before it ("momo·x2ab·k3f9").
 */
export const maskText = (text: string, { masker, mentions, names }: Masking): string => (mentions ? replaceMentions(text, masker.mentionAs, names) : names(text));
