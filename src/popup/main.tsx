// First: its reads start before the popup's own modules are evaluated and it renders.
import { firstReads } from './first-reads';
import { render } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { ContentStatus } from '../shared/content-messages';
import { isMaskingOn } from '../shared/settings';
import { BUILT_IN_SITES } from '../rules/sites';
import { siteForUrl, type PageSite } from '../shared/page-site';
import { CategoryList } from '../ui/controls/CategoryList';
import { LabelPicker } from '../ui/controls/LabelPicker';
import { ModePicker } from '../ui/controls/ModePicker';
import { ShortcutHelp } from '../ui/controls/ShortcutHelp';
import { Switch } from '../ui/controls/Switch';
import { pagesLanguage, t } from '../ui/i18n';
import { settingsActions } from '../ui/settings-actions';
import { useSettings } from '../ui/use-settings';
import { openedAsTab, optionsPageUrl, openOptionsPage, tabStatus } from './api';
import { FallbackNotice } from './components/FallbackNotice';
import { PickOnPage } from './components/PickOnPage';
import { Screenshot } from './components/Screenshot';
import '../ui/theme.css';
import './popup.css';

interface Target {
  tabId: number | null;
  url: string;
  site: PageSite | null;
  /** The keyboard shortcuts the browser assigned to the toggle and the screenshot ("" when none). */
  shortcut: string;
  screenshotShortcut: string;
}

const STATUS_POLL_MS = 1000;

function Popup() {
  const { settings, error, change } = useSettings(firstReads.settings);
  const act = settingsActions(change);
  const [target, setTarget] = useState<Target | null>(null);
  /** undefined until the tab first answers (or does not): no "not running" flash while asking. */
  const [status, setStatus] = useState<ContentStatus | null | undefined>(undefined);

  // Read before the first paint, as the settings are (use-settings.ts), and worked out here rather
  // than asked of the worker (which may be asleep): the site's row and the shortcut are part of the
  // first view, so the popup neither moves nor grows after it appears.
  useLayoutEffect(() => {
    Promise.all([firstReads.tab, firstReads.addedSites, firstReads.shortcut, firstReads.screenshotShortcut])
      .then(([tab, added, shortcut, screenshotShortcut]) =>
        setTarget({ tabId: tab?.id ?? null, url: tab?.url ?? '', site: tab ? siteForUrl(BUILT_IN_SITES, added, tab.url) : null, shortcut, screenshotShortcut }),
      )
      .catch(() => setTarget({ tabId: null, url: '', site: null, shortcut: '', screenshotShortcut: '' }));
  }, []);

  // The count grows as the page does (infinite scroll): ask the tab again while the popup is open.
  useEffect(() => {
    if (target?.tabId == null || !target.site) return;
    const tabId = target.tabId;
    const poll = () => void tabStatus(tabId).then(setStatus);
    poll();
    const timer = setInterval(poll, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [target, settings]);

  // Drawn once both the settings and the tab are known: nothing moves after the first paint.
  if (!settings || !target)
    return error ? (
      <p class="problem" role="alert">
        {t('popupError', error)}
      </p>
    ) : null;
  const site = target.site;
  const on = site ? isMaskingOn(settings, site.id) : false;

  return (
    <>
      <header class="top">
        <img src="/momo-avatar.svg" alt="" width={32} height={32} />
        <h1>{t('extName')}</h1>
        <a
          class="options-link"
          href={optionsPageUrl()}
          data-testid="open-options"
          onClick={(e) => {
            e.preventDefault();
            void openOptionsPage();
          }}
        >
          {t('popupOpenOptions')}
        </a>
      </header>

      <section class="toggles" aria-label={t('popupTogglesTitle')}>
        <Switch label={t('popupMaskingEverywhere')} testId="toggle-global" checked={settings.enabled} onToggle={act.setEnabled} />
        {site ? (
          <Switch
            label={t('popupMaskingThisSite', site.name)}
            testId="toggle-site"
            checked={!settings.disabledSites.includes(site.id)}
            disabled={!settings.enabled}
            hint={settings.enabled ? undefined : t('popupSiteNeedsGlobal')}
            onToggle={(on) => act.setSiteEnabled(site.id, on)}
          />
        ) : null}
        {/* Not a live region: the count changes every second while a feed grows, and readers would chatter. */}
        <p class="status" data-testid="status">
          {!site ? t('popupNoRuleForSite') : !on ? t('popupMaskingOff') : status ? t('popupMaskedCount', String(status.masked)) : status === null ? t('popupNotRunning') : ''}
        </p>
      </section>

      {error && (
        <p class="problem" role="alert" data-testid="error">
          {t('popupError', error)}
        </p>
      )}

      {target.tabId != null && on && status && status.fallback > 0 && <FallbackNotice tabId={target.tabId} fallback={status.fallback} />}

      {target.tabId != null && site && <Screenshot tabId={target.tabId} keys={target.screenshotShortcut} />}

      {target.tabId != null && <PickOnPage tabId={target.tabId} url={target.url} site={site} closeAfter={!openedAsTab()} />}

      <LabelPicker settings={settings} idPrefix="popup" onLabel={act.setLabel} />
      <ModePicker settings={settings} idPrefix="popup" onMode={act.setMode} />
      <CategoryList settings={settings} onCategory={act.setCategory} />
      <ShortcutHelp first={target.shortcut} />
    </>
  );
}

document.documentElement.lang = pagesLanguage();
document.title = t('extName');
render(<Popup />, document.getElementById('app')!);
