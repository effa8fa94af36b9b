/*
 * Which messages the extension pages send again, and when. Apart from messages.ts: the popup's
 * bundle carries no schema library.
 */
/**
 * Firefox refuses a message with these words when its event page was stopping after its idle time,
 * also when it stopped while answering (a user's first click after a while:
 * https://github.com/d0dg3r/GitSyncMarks/issues/143). A read, or a setting written whole, may be sent
 * again after each pause (a fresh background answers); anything else (an import, a subscription
 * check) may have been done already, and its failure is shown.
 */
export const BACKGROUND_STOPPED = /Receiving end does not exist/;
export const SAFE_TO_RESEND = /^page:(?:get|set)-/;
export const RESEND_AFTER_MS = [50, 200, 800];
