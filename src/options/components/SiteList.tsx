import type { SiteSummary } from '../../shared/messages';
import type { Settings } from '../../shared/settings';
import { t } from '../../ui/i18n';

/** The built-in sites, each with its on/off switch and a way into its rules. */
export function SiteList(props: {
  sites: SiteSummary[];
  settings: Settings;
  editing: string | null;
  onToggle: (site: SiteSummary, on: boolean) => void;
  onEdit: (site: SiteSummary) => void;
}) {
  return (
    <table class="sites" data-testid="sites">
      <caption class="sr-only">{t('sitesTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sitesColumnSite')}</th>
          <th scope="col">{t('sitesColumnHosts')}</th>
          <th scope="col">{t('sitesColumnMasking')}</th>
          <th scope="col">{t('sitesColumnRules')}</th>
        </tr>
      </thead>
      <tbody>
        {props.sites.map((site) => (
          <tr key={site.id} data-site={site.id}>
            <th scope="row">{site.name}</th>
            <td class="hosts">{site.hosts.join(', ')}</td>
            <td>
              <label class="switch compact">
                <span class="sr-only">{t('popupMaskingThisSite', site.name)}</span>
                <input
                  type="checkbox"
                  role="switch"
                  data-testid={`site-${site.id}`}
                  checked={site.enabled}
                  aria-checked={site.enabled}
                  disabled={!props.settings.enabled}
                  onChange={(e) => props.onToggle(site, e.currentTarget.checked)}
                />
              </label>
            </td>
            <td class="rules">
              <button
                type="button"
                data-testid={`edit-${site.id}`}
                aria-expanded={props.editing === site.id}
                aria-controls={props.editing === site.id ? 'rule-editor' : undefined}
                aria-label={t('sitesEditFor', site.name)}
                onClick={() => props.onEdit(site)}
              >
                {t('sitesEdit')}
              </button>
              {site.edited && <span class="tag">{t('ruleVersionEdited')}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
