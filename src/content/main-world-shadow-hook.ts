/**
 * The content script the manifest runs in the page's own world at document_start, before any page
 * script: it installs the shadow-root hook (shadow-hook.ts says why and how it stays unseen) and
 * the notification hook (notification-hook.ts), which prints as native through the same disguise.
 */
import { installNotificationHook } from './notification-hook';
import { installHook } from './shadow-hook';

installNotificationHook(window, installHook(window));
