import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { AddedSite } from '../../shared/added-sites';
import { checkSiteHost } from '../../shared/site-host';
import { t } from '../../popup/api';
import { addSite, getAddedSites, hostPatterns, removeSite } from '../api';

type Engine = 'generic' | 'mastodon';

/**
 * Sites the user added. The host permission is requested by the click itself, before anything is
 * awaited: browsers only grant a request made in answer to the user's action.
 */
export function AddedSites() {
  const [sites, setSites] = useState<AddedSite[]>([]);
  const [typed, setTyped] = useState('');
  const [engine, setEngine] = useState<Engine>('generic');
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const load = () => void getAddedSites().then(setSites, (e: Error) => setMessage({ text: e.message, problem: true }));
  useEffect(load, []);

  const add = (e: Event) => {
    e.preventDefault();
    const checked = checkSiteHost(typed);
    if ('error' in checked) {
      setMessage({ text: checked.code === 'notHost' ? t('addSiteNotHost', typed) : t('addSitePublicSuffix', checked.host), problem: true });
      return;
    }
    const { host } = checked;
    browser.permissions
      .request({ origins: hostPatterns([host]) })
      .then(async (granted) => {
        if (!granted) return setMessage({ text: t('addSiteDenied', host), problem: true });
        await addSite(host, engine);
        setTyped('');
        setMessage({ text: t('addSiteDone', host), problem: false });
        load();
      })
      .catch((error: Error) => setMessage({ text: error.message, problem: true }));
  };

  return (
    <section aria-labelledby="added-title" class="card">
      <h2 id="added-title">{t('addedSitesTitle')}</h2>
      <p class="hint">{t('addedSitesHint')}</p>
      {sites.length ? (
        <ul class="handles" data-testid="added-sites">
          {sites.map((site) => (
            <li key={site.host}>
              <span>
                {site.host} <small class="hint">({site.rule ? t('addedSiteEngineMastodon') : t('addedSiteEngineGeneric')})</small>
              </span>
              <button type="button" class="icon" aria-label={t('addedSiteRemove', site.host)} onClick={() => void removeSite(site.host).then(load)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">{t('addedSitesNone')}</p>
      )}
      <form class="add-handle" onSubmit={add}>
        <label for="site-new">{t('addSiteLabel')}</label>
        <input id="site-new" type="text" spellcheck={false} data-testid="site-new" value={typed} placeholder="forum.example.org" onInput={(e) => setTyped(e.currentTarget.value)} />
        <label for="site-engine">{t('addSiteEngine')}</label>
        <select id="site-engine" data-testid="site-engine" value={engine} onChange={(e) => setEngine(e.currentTarget.value as Engine)}>
          <option value="generic">{t('addSiteGeneric')}</option>
          <option value="mastodon">{t('addSiteMastodon')}</option>
        </select>
        <button type="submit" data-testid="site-add">
          {t('addSiteButton')}
        </button>
      </form>
      {message && (
        <p class={message.problem ? 'problem' : 'hint'} role={message.problem ? 'alert' : 'status'} data-testid="site-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
