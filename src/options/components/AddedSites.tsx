import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ADDED_SITES_KEY, type AddedSite } from '../../shared/added-sites';
import { hostCovers } from '../../shared/host-match';
import type { PackSite } from '../../shared/messages';
import { IMPORTED_RULES_KEY } from '../../shared/packs/keys';
import { checkSiteHost } from '../../shared/site-host';
import { onStoredChange } from '../../ui/api';
import { t } from '../../ui/i18n';
import { addSite, getAddedSites, getPackSites, hostPatterns, removeSite } from '../api';

type Engine = 'generic' | 'mastodon';

/** What masks an added site, as its row says: the user's own rule, a pack's for its host, or generic mode. */
function engineOf(site: AddedSite, packSites: PackSite[]): string {
  if (site.rule) return site.rule.id === 'mastodon' ? t('addedSiteEngineMastodon') : t('addedSiteEngineOwn');
  const pack = packSites.find((p) => p.hosts.some((host) => hostCovers(host, site.host)));
  return pack ? t('addedSiteEnginePack', pack.pack) : t('addedSiteEngineGeneric');
}

/**
 * Sites the user added, and the sites imported packs brought that wait for the user's permission.
 * The host permission is requested by the click itself, before anything is awaited: browsers only
 * grant a request made in answer to the user's action.
 */
export function AddedSites() {
  const [sites, setSites] = useState<AddedSite[]>([]);
  const [packSites, setPackSites] = useState<PackSite[]>([]);
  const [typed, setTyped] = useState('');
  const [engine, setEngine] = useState<Engine>('generic');
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const load = () =>
    void Promise.all([getAddedSites(), getPackSites()]).then(
      ([added, packs]) => {
        setSites(added);
        setPackSites(packs);
      },
      (e: Error) => setMessage({ text: e.message, problem: true }),
    );
  // A pack applied (or undone) further down the page, or a site added from the popup's picker.
  useEffect(() => {
    load();
    return onStoredChange([ADDED_SITES_KEY, IMPORTED_RULES_KEY], load);
  }, []);

  const grantAndAdd = (host: string, chosen: Engine) =>
    browser.permissions
      .request({ origins: hostPatterns([host]) })
      .then(async (granted) => {
        if (!granted) return setMessage({ text: t('addSiteDenied', host), problem: true });
        await addSite(host, chosen);
        setMessage({ text: t('addSiteDone', host), problem: false });
        load();
        return true;
      })
      .catch((error: Error) => setMessage({ text: error.message, problem: true }));

  const add = (e: Event) => {
    e.preventDefault();
    const checked = checkSiteHost(typed);
    if ('error' in checked) {
      setMessage({ text: checked.code === 'notHost' ? t('addSiteNotHost', typed) : t('addSitePublicSuffix', checked.host), problem: true });
      return;
    }
    void grantAndAdd(checked.host, engine).then((added) => added && setTyped(''));
  };
  // A pack's site: its rule masks it once added (the content script takes a pack's rule for an added host).
  const waiting = packSites.flatMap((site) => site.hosts.filter((host) => !sites.some((added) => added.host === host)).map((host) => ({ host, site })));

  return (
    <section aria-labelledby="added-title" class="card">
      <h2 id="added-title">{t('addedSitesTitle')}</h2>
      <p class="hint">{t('addedSitesHint')}</p>
      {sites.length ? (
        <ul class="handles" data-testid="added-sites">
          {sites.map((site) => (
            <li key={site.host}>
              <span>
                {site.host} <small class="hint">({engineOf(site, packSites)})</small>
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
      {waiting.length > 0 && (
        <>
          <h3>{t('packSitesTitle')}</h3>
          <p class="hint">{t('packSitesHint')}</p>
          <ul class="handles" data-testid="pack-sites-waiting">
            {waiting.map(({ host, site }) => (
              <li key={host}>
                <span>{t('packSiteRow', host, site.name, site.pack)}</span>
                <button type="button" data-testid="pack-site-allow" data-host={host} onClick={() => void grantAndAdd(host, 'generic')}>
                  {t('packSiteAllow', host)}
                </button>
              </li>
            ))}
          </ul>
        </>
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
