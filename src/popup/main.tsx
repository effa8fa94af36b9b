import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ContentStatus } from '../shared/content-messages';
import { isMaskingOn, type Settings } from '../shared/settings';
import { getSettings, setEnabled, setSiteEnabled, siteForUrl, t, tabStatus, targetTab } from './api';

interface View {
  settings: Settings;
  site: { id: string; name: string } | null;
  tabId: number | null;
  status: ContentStatus | null;
}

function Popup() {
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    const [settings, tab] = await Promise.all([getSettings(), targetTab()]);
    const site = tab ? await siteForUrl(tab.url) : null;
    const status = tab && site ? await tabStatus(tab.id) : null;
    setView({ settings, site, tabId: tab?.id ?? null, status });
  };
  const run = (action: () => Promise<unknown>) => action().then(load).catch((e: Error) => setError(e.message));

  useEffect(() => void run(async () => undefined), []);
  // The tab masks as the page grows (infinite scroll): refresh the count while the popup is open.
  useEffect(() => {
    const timer = setInterval(() => void load().catch(() => undefined), 1000);
    return () => clearInterval(timer);
  }, []);

  if (error) return <p class="error" role="alert">{t('popupError', error)}</p>;
  if (!view) return null;
  const { settings, site, status } = view;
  const siteOn = site ? !settings.disabledSites.includes(site.id) : false;

  return (
    <>
      <header>
        <img src="/momo-avatar.svg" alt="" />
        <span>{t('extName')}</span>
      </header>
      <label class="switch">
        <span>{t('popupMaskingEverywhere')}</span>
        <input type="checkbox" role="switch" data-testid="toggle-global" checked={settings.enabled} onChange={(e) => run(() => setEnabled(e.currentTarget.checked))} />
      </label>
      {site ? (
        <label class="switch">
          <span>{t('popupMaskingThisSite', site.name)}</span>
          <input
            type="checkbox"
            role="switch"
            data-testid="toggle-site"
            checked={siteOn}
            disabled={!settings.enabled}
            onChange={(e) => run(() => setSiteEnabled(site.id, e.currentTarget.checked))}
          />
        </label>
      ) : (
        <p class="status">{t('popupNoRuleForSite')}</p>
      )}
      {site && (
        <p class="status" data-testid="status" aria-live="polite">
          {status && status.active && isMaskingOn(settings, site.id) ? t('popupMaskedCount', String(status.masked)) : t('popupMaskingOff')}
        </p>
      )}
    </>
  );
}

render(<Popup />, document.getElementById('app')!);
