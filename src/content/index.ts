/**
 * The content script. It starts masking synchronously at document_start with the bundled rules
 * (storage answers 17–25 ms later, after a fast page has painted), then follows what is stored:
 * the settings (off, categories, label, mode) and the user's own version of this site's rule.
 */
import { ADDED_SITES_KEY, addedSiteFor } from '../shared/added-sites';
import { extensionApi } from '../shared/extension-api';
import { answerContentMessage, type ContentAnswers, parseContentMessage, type ContentStatus, type MaskingReport } from '../shared/content-messages';
import { findRuleForHost } from '../shared/host-match';
import { cloneDefaults, isMaskingOn, SETTINGS_KEY, type Settings, settingsOf } from '../shared/settings';
import { CATEGORIES, SELECTOR_FIELDS, type SiteRule } from '../shared/rule/fields';
import { droppedSelectors } from '../shared/rule/stylesheet';
import { IMPORTED_RULES_KEY } from '../shared/packs/keys';
import { effectiveRule, importedRuleForHost, USER_RULES_KEY } from '../shared/rule/effective';
import { compileRule } from './compile-rule';
import { genericRuleFor } from './generic-site';
import { MaskEngine, type Persona } from './mask-engine';
import { MARK, warn } from './masker';
import { answerNotifications, type NotificationMasking } from './notification-answer';

declare global {
  // eslint-disable-next-line no-var
  var __momoMaskStarted: boolean | undefined;
  /** This site's built-in rule, set by the site's own rule script, which the manifest runs first. */
  // eslint-disable-next-line no-var
  var __momoMaskSiteRule: SiteRule | undefined;
  /** Generic mode's rule, from GENERIC_RULE_FILE (added sites only); its id, name and host are the page's. */
  var __momoMaskGenericRule: SiteRule | undefined;
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

/**
 * A built-in site starts masking at once; a site the user added (its script registered by the
 * worker) learns its rule from storage first: its own, or generic mode.
 */
function start(): void {
  // Before any page script, and before an added site's rule is read: see notification-answer.ts.
  answerNotifications(() => notificationMasking());
  const host = pageHost();
  const siteRule = globalThis.__momoMaskSiteRule;
  const builtIn = siteRule && findRuleForHost([siteRule], host);
  if (builtIn) {
    run(builtIn, builtIn.id, true);
    return;
  }
  extensionApi()
    .storage.local.get([ADDED_SITES_KEY, IMPORTED_RULES_KEY])
    .then((stored) => {
      const added = addedSiteFor(stored[ADDED_SITES_KEY], host);
      const rule = added && addedSiteRule(stored, added.host);
      if (rule) run(rule, added.host, false);
      else if (added) warn('generic mode has no rule here: reload the extension');
    })
    .catch((error) => warn('could not read the added sites', error));
}

/** What masks the page's notifications, once masking runs here (run()). */
let notificationMasking: NotificationMasking = () => null;

/** An added site's rule: the user's own (picked, or an engine they chose), else a pack's for its host, else generic mode. */
function addedSiteRule(stored: Record<string, unknown>, host: string): SiteRule | undefined {
  const generic = globalThis.__momoMaskGenericRule;
  return addedSiteFor(stored[ADDED_SITES_KEY], host)?.rule ?? importedRuleForHost(stored[IMPORTED_RULES_KEY], host) ?? (generic && genericRuleFor(host, generic));
}

/**
 * Masks with `builtIn` (the site's own rule) and follows the stored settings; `siteId` names the
 * site in them; `builtInSite`: false for a site the user added (siteId is then its host).
 */
function run(builtIn: SiteRule, siteId: string, builtInSite: boolean): void {
  const ext = extensionApi();
  let settings: Settings = cloneDefaults();
  let rule: SiteRule = builtIn;
  const persona = (): Persona => ({
    site: siteId,
    label: settings.label,
    mode: settings.mode,
    salt: settings.salt,
    ownHandles: new Set(settings.ownHandles),
  });
  /** Selectors switched off on this page as too slow ("field selector"), whatever rule comes next. */
  const tooSlow = new Set<string>();
  const compile = () => {
    const compiled = compileRule(tooSlow.size ? withoutSelectors(rule, tooSlow) : rule, settings.categories);
    for (const problem of compiled.problems) warn(problem);
    return compiled;
  };
  // A built-in site's page has the site's manifest stylesheet, which draws what the engine marks.
  const engine = new MaskEngine(document, compile(), persona(), builtInSite);
  engine.onSlowSelectors = (slow) => {
    for (const { field, selector } of slow) tooSlow.add(`${field} ${selector}`);
    // After the pass that found them: the engine is not re-entered from inside its own callback.
    queueMicrotask(() => engine.reconfigure(compile(), persona()));
    if (window === window.top) ext.runtime.sendMessage({ type: 'tab:report-slow-selectors', siteId, selectors: slow }).catch(() => undefined);
  };
  engine.start();
  notificationMasking = () => (engine.isRunning ? { masker: engine.masker, mentions: settings.categories.mentions, names: engine.rewriteNames } : null);
  // Selectors that depend on later siblings or children (:has) match only once the parser is done.
  document.addEventListener('DOMContentLoaded', () => engine.rescan(), { once: true });

  const apply = (next: Settings, nextRule: SiteRule): void => {
    const changed =
      nextRule !== rule ||
      next.label !== settings.label ||
      next.mode !== settings.mode ||
      // The salt is made once, after install, and only pseudonyms use it: in crowd mode a new one changes nothing.
      (next.mode === 'pseudonym' && next.salt !== settings.salt) ||
      next.ownHandles.join() !== settings.ownHandles.join() ||
      CATEGORIES.some((c) => next.categories[c] !== settings.categories[c]);
    settings = next;
    rule = nextRule;
    const on = isMaskingOn(settings, siteId);
    // What the site stylesheet reads on <html> (shared/rule/stylesheet.ts): data-momo-off, -reveal, -drop.
    whenRootExists((root) => {
      const state = (name: string, value: string) => (value ? root.setAttribute(`${MARK}-${name}`, value) : root.removeAttribute(`${MARK}-${name}`));
      state('off', on ? '' : 'true');
      state('reveal', CATEGORIES.filter((c) => !settings.categories[c]).join(' '));
      // The site stylesheet hides the built-in rule's selectors until masked: one the rule in force dropped must show.
      state('drop', builtInSite ? droppedSelectors(builtIn, rule) : '');
    });
    if (changed) engine.reconfigure(compile(), persona());
    if (on) engine.start();
    else engine.stop();
    if (!on) showOffBadge();
  };
  // The toolbar badge says "OFF" on a built-in site's tab where masking is off. The browser clears a
  // tab's badge when it navigates; the page that loads asks the worker for it again, only when it
  // is off (the worker then decides from the settings): no wake of the worker on every navigation.
  let badgeAsked = false;
  const showOffBadge = () => {
    if (badgeAsked || !builtInSite || window !== window.top) return;
    badgeAsked = true;
    ext.runtime.sendMessage({ type: 'tab:update-badge' }).catch(() => undefined);
  };
  // Back or forward from the browser's page cache: a navigation too (the badge was cleared), but this script does not run again.
  addEventListener('pageshow', (event) => {
    if (!event.persisted || isMaskingOn(settings, siteId)) return;
    badgeAsked = false;
    showOffBadge();
  });

  // The rule's own selectors and what they match here: never a name, a handle or an address of the page.
  const report = (): MaskingReport => ({
    site: siteId,
    version: ext.runtime.getManifest().version,
    masked: engine.countMasked(),
    fallback: engine.countFallback(),
    selectors: Object.fromEntries(
      SELECTOR_FIELDS.filter((field) => rule[field]?.length).map((field) => [field, rule[field]!.map((selector) => ({ selector, matches: engine.countMatches(selector) }))]),
    ),
  });

  let stored: Record<string, unknown> = {};
  const applyStored = () => {
    // The same rule as before keeps its identity (no re-mask).
    const chosen = addedHost
      ? (addedSiteRule(stored, addedHost) ?? rule)
      : effectiveRule({ userRules: stored[USER_RULES_KEY], importedRules: stored[IMPORTED_RULES_KEY] }, siteId, builtIn)!.rule;
    const nextRule = JSON.stringify(chosen) === JSON.stringify(rule) ? rule : chosen;
    apply(settingsOf(stored[SETTINGS_KEY]), nextRule);
  };
  // A site the user added has its rule in "addedSites" (the picker adds to it while the page is open).
  const addedHost = builtInSite ? undefined : siteId;
  const keys = [SETTINGS_KEY, USER_RULES_KEY, IMPORTED_RULES_KEY, ...(addedHost ? [ADDED_SITES_KEY] : [])];
  const firstRead = ext.storage.local.get(keys).then(
    (values) => {
      stored = values;
      applyStored();
    },
    (error) => warn('could not read settings; masking stays on', error),
  );
  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !keys.some((key) => changes[key])) return;
    for (const key of keys) if (changes[key]) stored[key] = changes[key].newValue;
    applyStored();
  });
  const status = (): ContentStatus => ({ siteId, siteName: builtIn.name, active: engine.isRunning, masked: engine.countMasked(), fallback: engine.countFallback() });
  const answers: ContentAnswers = {
    'content:get-status': async () => status(),
    // Once the stored settings and rule are applied; every mutation before this message is masked already
    // (observer callbacks run before the next task). The worker then waits for the paint (background/screenshot.ts).
    'content:get-settled-status': () => firstRead.then(status),
    'content:get-report': async () => report(),
    'content:count-matches': async (message) => engine.countMatches(message.selector),
  };
  ext.runtime.onMessage.addListener((raw: unknown) => {
    const message = parseContentMessage(raw);
    return message ? answerContentMessage(answers, message) : undefined;
  });
}

/** `rule` without the selectors in `off` ("field selector"). */
function withoutSelectors(rule: SiteRule, off: ReadonlySet<string>): SiteRule {
  const copy: Record<string, unknown> = { ...rule };
  for (const field of SELECTOR_FIELDS) {
    const list = rule[field];
    if (list) copy[field] = list.filter((selector) => !off.has(`${field} ${selector}`));
  }
  return copy as SiteRule;
}

/** At document_start Firefox may not have created <html> yet. */
function whenRootExists(then: (root: HTMLElement) => void): void {
  if (document.documentElement) {
    then(document.documentElement);
    return;
  }
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
