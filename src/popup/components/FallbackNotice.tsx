import { useState } from 'preact/hooks';
import { formatReport } from '../../shared/content-messages';
import { t } from '../../ui/i18n';
import { tabReport } from '../api';

interface Props {
  tabId: number;
  /** Identities on the tab that only the layers beyond the site's structure caught. */
  fallback: number;
}

/**
 * Shown when the fallback caught identities the site's own selectors missed: the site may have
 * changed. "Copy a report" puts what the rule matched on the page on the clipboard (the rule's
 * selectors and counts: never a name, a handle or an address), ready to paste into an issue.
 */
export function FallbackNotice({ tabId, fallback }: Props) {
  const [copied, setCopied] = useState<'' | 'done' | 'failed'>('');
  const copy = () =>
    tabReport(tabId)
      .then((report) => navigator.clipboard.writeText(formatReport(report)))
      .then(
        () => setCopied('done'),
        () => setCopied('failed'),
      );
  return (
    <section class="fallback" data-testid="fallback">
      <p>{t('popupFallbackCount', String(fallback))}</p>
      <button type="button" class="secondary" data-testid="copy-report" onClick={copy}>
        {t('popupCopyReport')}
      </button>
      {copied && (
        <p class={copied === 'done' ? 'hint' : 'problem'} role="status" data-testid="report-copied">
          {t(copied === 'done' ? 'popupReportCopied' : 'popupReportFailed')}
        </p>
      )}
    </section>
  );
}
