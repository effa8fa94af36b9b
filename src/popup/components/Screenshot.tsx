import { useEffect, useState } from 'preact/hooks';
import { SHOT_SCOPES, shotMessage, type ShotScope } from '../../shared/screenshot';
import { t } from '../../ui/i18n';
import { copyPng, lastCommandShot, takeScreenshot } from '../api';

/** What the section says under its button; `warned`: the next click captures despite the fallback warning. */
interface Said {
  text: string;
  problem: boolean;
  warned: boolean;
}

/**
 * "Take a masked screenshot" of the popup's tab: the visible part or the whole page. The worker
 * captures once masking has settled, refuses when masking is off, and warns first when the fallback
 * notice applies (the site may have changed): a second click captures anyway (and the next ones from
 * this popup, without asking again). The popup copies the
 * picture itself (it has the focus a clipboard write needs; the worker saved the PNG already).
 * It also shows the screenshot shortcut the browser assigned, and says what it last did on this tab
 * (background/screenshot-command.ts).
 */
/** @param keys the screenshot command's keys as the browser assigned them, read before the popup's first paint ("" when none) */
export function Screenshot({ tabId, keys }: { tabId: number; keys: string }) {
  const [scope, setScope] = useState<ShotScope>('visible');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<Said | null>(null);
  /** The person went on after the warning: later pictures from this popup do not ask again. */
  const [confirmed, setConfirmed] = useState(false);
  useEffect(() => {
    lastCommandShot(tabId).then(
      (text) => text && setSaid({ text: t('screenshotLastCommand', text), problem: false, warned: false }),
      () => undefined,
    );
  }, [tabId]);

  const take = async () => {
    setBusy(true);
    try {
      const confirming = confirmed || (said?.warned ?? false);
      if (confirming) setConfirmed(true);
      const outcome = await takeScreenshot(tabId, scope, confirming);
      const shown = outcome.kind === 'done' ? { ...outcome, copied: await copyPng(outcome.png) } : outcome;
      setSaid({ text: shotMessage(shown, t), problem: shown.kind !== 'done' || !shown.copied, warned: shown.kind === 'warn' });
    } catch (error) {
      setSaid({ text: t('screenshotFailed', error instanceof Error ? error.message : String(error)), problem: true, warned: false });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="screenshot" aria-labelledby="screenshot-title">
      <fieldset>
        <legend id="screenshot-title">{t('screenshotTitle')}</legend>
        {SHOT_SCOPES.map((value) => (
          <label class="choice" key={value}>
            <input type="radio" name="screenshot-scope" value={value} data-testid={`screenshot-${value}`} checked={scope === value} onChange={() => setScope(value)} />
            <span>{t(value === 'visible' ? 'screenshotVisible' : 'screenshotPage')}</span>
          </label>
        ))}
      </fieldset>
      <button type="button" class="secondary" data-testid="screenshot-take" disabled={busy} onClick={take}>
        {busy ? t('screenshotBusy') : said?.warned ? t('screenshotAnyway') : t('screenshotTake')}
      </button>
      <p class="hint">{t('screenshotHint')}</p>
      {keys && (
        <p class="hint" data-testid="screenshot-shortcut">
          <kbd data-testid="screenshot-shortcut-keys">{keys}</kbd> {t('screenshotShortcut')}
        </p>
      )}
      {said && (
        <p class={said.problem ? 'problem' : 'hint'} role="status" data-testid="screenshot-said">
          {said.text}
        </p>
      )}
    </section>
  );
}
