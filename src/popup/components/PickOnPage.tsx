import { useEffect, useState } from 'preact/hooks';
import type { PageSite } from '../../shared/page-site';
import { t } from '../../ui/i18n';
import { pickHost, startPicker } from '../api';
import { requestAndStart } from '../quirks/closes-at-permission-prompt';

interface Props {
  tabId: number;
  url: string;
  /** The page's site when it is built in or added: then the host to pick on is known here. */
  site: PageSite | null;
  /** Opened from the toolbar (not as a tab of its own): close so the page is free to click. */
  closeAfter: boolean;
}

/**
 * "Pick on this page": opens the element picker in the tab. A site that is not built in needs its
 * host permission first; permissions.request must run in the click itself (a user gesture), before
 * any await, so the host is looked up when the popup opens. The start goes in the same click as the
 * request (quirks/closes-at-permission-prompt.ts: Firefox may close the popup at the prompt).
 */
export function PickOnPage({ tabId, url, site, closeAfter }: Props) {
  const [target, setTarget] = useState(() => knownTarget(url, site));
  const [problem, setProblem] = useState('');
  useEffect(() => {
    // A site that is neither built in nor added: the worker checks its host (never a public suffix).
    if (!knownTarget(url, site)) pickHost(url).then(setTarget, () => setTarget(null));
  }, [url, site]);
  if (!target) return null;

  const onPick = () => {
    setProblem('');
    requestAndStart(target, (waitForGrant) => startPicker(tabId, waitForGrant)).then(
      ([ok]) => {
        if (!ok) return setProblem(t('popupPickDenied', target.host));
        if (closeAfter) close();
      },
      (error: Error) => setProblem(error.message),
    );
  };

  return (
    <section class="pick" aria-labelledby="pick-title">
      <button type="button" id="pick-title" class="secondary" data-testid="pick-start" onClick={onPick}>
        {t('popupPickTitle')}
      </button>
      <p class="hint">{target.needsPermission ? t('popupPickHintNew', target.host) : t('popupPickHintKnown')}</p>
      {problem && (
        <p class="problem" role="alert" data-testid="pick-problem">
          {problem}
        </p>
      )}
    </section>
  );
}

/**
 * A built-in site needs no permission (its host is the page's, without "www."); an added site has
 * its own host, granted when it was added. As the worker answers page:get-pick-host for them, but
 * without waking it before the popup's first paint.
 */
function knownTarget(url: string, site: PageSite | null): { host: string; needsPermission: boolean } | null {
  if (!site || !/^https?:/.test(url)) return null;
  return site.added ? { host: site.id, needsPermission: true } : { host: new URL(url).hostname.replace(/^www\./, ''), needsPermission: false };
}
