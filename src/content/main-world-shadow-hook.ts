/**
 * The content script the manifest runs in the page's own world at document_start, before any page
 * script: it installs the shadow-root hook (shadow-hook.ts says why and how it stays unseen).
 */
import { installHook } from './shadow-hook';

installHook(window);
