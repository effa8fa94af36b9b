/**
 * The content script. It starts masking synchronously at document_start with the bundled rules
 * (storage answers 17–25 ms later, after a fast page has painted), then follows the stored
 * settings: undone when masking is off for this site, redone when it comes back on.
 */
import { BUILT_IN_RULES } from '../rules';
import { findRuleForHost } from '../shared/host-match';
import { parseContentMessage } from '../shared/content-messages';
import { cloneDefaults, isMaskingOn, readSettings, SETTINGS_KEY, type Settings } from '../shared/settings';
import { CATEGORIES } from '../shared/site-rule';
import { compileRule } from './compile-rule';
import { extensionApi } from './extension-api';
import { MaskEngine } from './mask-engine';
import type { Persona } from './masker';

const AVATAR_PATH = 'momo-avatar.svg';

declare global {
  // eslint-disable-next-line no-var
  var __momoMaskStarted: boolean | undefined;
}

/** An about:blank or srcdoc frame has no host of its own: it belongs to the page that made it. */
function pageHost(): string {
  if (location.hostname) return location.hostname;
  try {
    return new URL(self.origin).hostname;
  } catch {
    return '';
  }
}

function start(): void {
  const rule = findRuleForHost(BUILT_IN_RULES, pageHost());
  if (!rule) return;
  const ext = extensionApi();
  let settings: Settings = cloneDefaults();
  const persona = (): Persona => ({ name: 'momo', selfName: settings.label, avatarUrl: ext.runtime.getURL(AVATAR_PATH) });
  const compiled = compileRule(rule, settings.categories);
  for (const problem of compiled.problems) console.warn(`[Momo Mask] ${problem}`);
  const engine = new MaskEngine(document, compiled, persona());
  engine.start();
  // Selectors that depend on later siblings or children (:has) match only once the parser is done.
  document.addEventListener('DOMContentLoaded', () => engine.rescan(), { once: true });

  const apply = (next: Settings): void => {
    const reconfigure = next.label !== settings.label || CATEGORIES.some((c) => next.categories[c] !== settings.categories[c]);
    settings = next;
    const on = isMaskingOn(settings, rule.id);
    whenRootExists((root) => {
      root.toggleAttribute('data-momo-off', !on);
      const revealed = CATEGORIES.filter((c) => !settings.categories[c]).join(' ');
      if (revealed) root.setAttribute('data-momo-reveal', revealed);
      else root.removeAttribute('data-momo-reveal');
    });
    if (reconfigure) engine.reconfigure(compileRule(rule, settings.categories), persona());
    if (on) engine.start();
    else engine.stop();
  };

  ext.storage.local.get(SETTINGS_KEY).then(
    (stored) => apply(readSettings(stored[SETTINGS_KEY]).settings),
    (error) => console.warn('[Momo Mask] could not read settings; masking stays on', error),
  );
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) apply(readSettings(changes[SETTINGS_KEY].newValue).settings);
  });
  ext.runtime.onMessage.addListener((raw: unknown) => {
    const message = parseContentMessage(raw);
    if (message?.type === 'content:get-status') {
      return Promise.resolve({ siteId: rule.id, siteName: rule.name, active: engine.isRunning, masked: engine.countMasked() });
    }
    return undefined;
  });
}

/** At document_start Firefox may not have created <html> yet. */
function whenRootExists(then: (root: HTMLElement) => void): void {
  if (document.documentElement) return then(document.documentElement);
  const waiting = new MutationObserver(() => {
    if (!document.documentElement) return;
    waiting.disconnect();
    then(document.documentElement);
  });
  waiting.observe(document, { childList: true });
}

if (!globalThis.__momoMaskStarted) {
  globalThis.__momoMaskStarted = true;
  start();
}
