import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SiteSummary } from '../shared/messages';
import { onSettingsChanged } from '../ui/api';
import { CategoryList } from '../ui/controls/CategoryList';
import { LabelPicker } from '../ui/controls/LabelPicker';
import { ModePicker } from '../ui/controls/ModePicker';
import { ShortcutHelp } from '../ui/controls/ShortcutHelp';
import { Switch } from '../ui/controls/Switch';
import { pagesLanguage, t } from '../ui/i18n';
import { settingsActions } from '../ui/settings-actions';
import { useSettings } from '../ui/use-settings';
import { getSites } from './api';
import { AddedSites } from './components/AddedSites';
import { OwnHandles } from './components/OwnHandles';
import { PacksSection } from './components/packs-section';
import { RuleEditor } from './components/RuleEditor';
import { SiteList } from './components/SiteList';
import '../ui/theme.css';
import './options.css';

function Options() {
  const { settings, error, change } = useSettings();
  const act = settingsActions(change);
  const [sites, setSites] = useState<SiteSummary[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [sitesError, setSitesError] = useState<string | null>(null);

  const loadSites = () => void getSites().then(setSites, (e: Error) => setSitesError(e.message));
  useEffect(() => {
    loadSites();
    return onSettingsChanged(loadSites);
  }, []);

  const problem = error ?? sitesError;
  if (!settings || !sites)
    return problem ? (
      <p class="problem" role="alert">
        {t('popupError', problem)}
      </p>
    ) : null;
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
        <Switch label={t('popupMaskingEverywhere')} testId="toggle-global" checked={settings.enabled} onToggle={act.setEnabled} />
        {!settings.enabled && <p class="hint">{t('popupSiteNeedsGlobal')}</p>}
        <SiteList
          sites={sites}
          settings={settings}
          editing={editing}
          onToggle={(site, on) => {
            // Shown at once; the list is read again from the worker after it has stored the change.
            setSites(sites.map((s) => (s.id === site.id ? { ...s, enabled: on } : s)));
            void act.setSiteEnabled(site.id, on).then(loadSites);
          }}
          onEdit={(site) => setEditing(editing === site.id ? null : site.id)}
        />
        {editedSite && <RuleEditor site={editedSite} onClose={() => setEditing(null)} onSaved={loadSites} />}
      </section>

      <section aria-labelledby="persona-title" class="card">
        <h2 id="persona-title">{t('personaTitle')}</h2>
        <LabelPicker settings={settings} idPrefix="options" onLabel={act.setLabel} />
        <ModePicker settings={settings} idPrefix="options" onMode={act.setMode} />
        <CategoryList settings={settings} onCategory={act.setCategory} />
      </section>

      <AddedSites />

      <OwnHandles settings={settings} onHandles={act.setOwnHandles} />

      <PacksSection sites={sites} onChanged={loadSites} />

      <div class="card">
        <ShortcutHelp />
      </div>
    </>
  );
}

document.documentElement.lang = pagesLanguage();
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
