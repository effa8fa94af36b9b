import { useEffect, useState } from 'preact/hooks';
import { assignedShortcut } from '../api';
import { t } from '../i18n';
import { openShortcutSettings, shortcutSettingsOf } from '../quirks/shortcut-settings';

/**
 * The shortcut the browser actually assigned (a suggestion that conflicts with another is dropped,
 * and the user may have changed it), and how to change it in this browser.
 */
export function ShortcutHelp({ first }: { first?: string }) {
  const [shortcut, setShortcut] = useState<string | null>(first ?? null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    // `first`: the page read it before its first paint (popup/first-reads.ts).
    if (first === undefined) assignedShortcut().then(setShortcut, () => setShortcut(''));
    // The user may change it in the browser's settings while this page stays open.
    const refresh = () => void assignedShortcut().then(setShortcut, () => undefined);
    addEventListener('focus', refresh);
    return () => removeEventListener('focus', refresh);
  }, []);
  if (shortcut === null) return null;
  return (
    <section class="shortcut" aria-labelledby="shortcut-title">
      <h2 id="shortcut-title">{t('shortcutTitle')}</h2>
      <p data-testid="shortcut">
        {shortcut ? (
          <>
            <kbd data-testid="shortcut-keys">{shortcut}</kbd> {t('shortcutAssigned')}
          </>
        ) : (
          t('shortcutNone')
        )}
      </p>
      <p class="hint">{shortcutSettingsOf() === 'firefox' ? t('shortcutHowFirefox') : t('shortcutHowChrome')}</p>
      <button type="button" class="secondary" data-testid="shortcut-change" onClick={() => openShortcutSettings().catch(() => setFailed(true))}>
        {t('shortcutChange')}
      </button>
      {failed && (
        <p class="problem" role="alert">
          {t('shortcutCannotOpen')}
        </p>
      )}
    </section>
  );
}
