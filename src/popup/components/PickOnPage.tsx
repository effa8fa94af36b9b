import { useEffect, useState } from 'preact/hooks';
import { pickHost, requestSiteAccess, startPicker, t } from '../api';

interface Props {
  tabId: number;
  url: string;
  /** Opened from the toolbar (not as a tab of its own): close so the page is free to click. */
  closeAfter: boolean;
}

/**
 * "Pick on this page": opens the element picker in the tab. A site that is not built in needs its
 * host permission first; permissions.request must run in the click itself (a user gesture), before
 * any await, so the host is looked up when the popup opens. Firefox may close the popup while its
 * permission prompt is up: the start is sent in the same click and the worker waits for the grant.
 */
export function PickOnPage({ tabId, url, closeAfter }: Props) {
  const [target, setTarget] = useState<{ host: string; needsPermission: boolean } | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    pickHost(url).then(setTarget, () => setTarget(null));
  }, [url]);
  if (!target) return null;

  const onPick = () => {
    setProblem('');
    const granted = target.needsPermission ? requestSiteAccess(target.host) : Promise.resolve(true);
    const started = startPicker(tabId, target.needsPermission);
    Promise.all([granted, started]).then(
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
