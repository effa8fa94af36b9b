import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SiteSummary } from '../shared/messages';
import { onSettingsChanged, setCategory, setEnabled, setLabel, setMode, setOwnHandles, setSiteEnabled, t, pagesLanguage } from '../popup/api';
import { CategoryList } from '../popup/components/CategoryList';
import { LabelPicker } from '../popup/components/LabelPicker';
import { ModePicker } from '../popup/components/ModePicker';
import { ShortcutHelp } from '../popup/components/ShortcutHelp';
import { Switch } from '../popup/components/Switch';
import { useSettings } from '../popup/use-settings';
import { getSites } from './api';
import { OwnHandles } from './components/OwnHandles';
import { RuleEditor } from './components/RuleEditor';
import { SiteList } from './components/SiteList';
import '../popup/theme.css';
import './options.css';

function Options() {
  const { settings, error, change } = useSettings();
  const [sites, setSites] = useState<SiteSummary[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [sitesError, setSitesError] = useState<string | null>(null);

  const loadSites = () => void getSites().then(setSites, (e: Error) => setSitesError(e.message));
  useEffect(() => {
    loadSites();
    return onSettingsChanged(loadSites);
  }, []);

  const problem = error ?? sitesError;
  if (!settings || !sites) return problem ? <p class="problem" role="alert">{t('popupError', problem)}</p> : null;
  const editedSite = sites.find((site) => site.id === editing);

  return (
    <>
      <header class="top">
        <img src="/momo-avatar.svg" alt="" width={40} height={40} />
        <h1>{t('optionsTitle')}</h1>
      </header>
      {problem && (
        <p class="problem" role="alert" data-testid="error">
          {t('popupError', problem)}
        </p>
      )}

      <section aria-labelledby="sites-title" class="card">
        <h2 id="sites-title">{t('sitesTitle')}</h2>
        <Switch label={t('popupMaskingEverywhere')} testId="toggle-global" checked={settings.enabled} onToggle={(v) => change(() => setEnabled(v))} />
        {!settings.enabled && <p class="hint">{t('popupSiteNeedsGlobal')}</p>}
        <SiteList
          sites={sites}
          settings={settings}
          editing={editing}
          onToggle={(site, on) => void change(() => setSiteEnabled(site.id, on)).then(loadSites)}
          onEdit={(site) => setEditing(editing === site.id ? null : site.id)}
        />
        {editedSite && <RuleEditor site={editedSite} onClose={() => setEditing(null)} onSaved={loadSites} />}
      </section>

      <section aria-labelledby="persona-title" class="card">
        <h2 id="persona-title">{t('personaTitle')}</h2>
        <LabelPicker settings={settings} idPrefix="options" onLabel={(label) => change(() => setLabel(label))} />
        <ModePicker settings={settings} idPrefix="options" onMode={(mode) => change(() => setMode(mode))} />
        <CategoryList settings={settings} onCategory={(category, v) => change(() => setCategory(category, v))} />
      </section>

      <OwnHandles settings={settings} onHandles={(handles) => change(() => setOwnHandles(handles))} />

      <div class="card">
        <ShortcutHelp />
      </div>
    </>
  );
}

document.documentElement.lang = pagesLanguage();
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
