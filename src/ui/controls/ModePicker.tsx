import { PERSONA_NAME, pseudonymFor } from '../../shared/persona';
import type { Mode, Settings } from '../../shared/settings';
import { t } from '../i18n';
import { EXAMPLE_KEY } from './PersonaPreview';

/** Everyone is "momo", or each person a stable "momo·xxxx" (so a thread stays readable). */
export function ModePicker({ settings, onMode, idPrefix }: { settings: Settings; onMode: (mode: Mode) => void; idPrefix: string }) {
  const example = pseudonymFor(settings.salt, EXAMPLE_KEY).name;
  const choices: [Mode, string, string][] = [
    ['crowd', t('modeCrowd'), t('modeCrowdHint', PERSONA_NAME)],
    ['pseudonym', t('modePseudonym'), t('modePseudonymHint', example)],
  ];
  return (
    <fieldset class="mode">
      <legend>{t('modeLegend')}</legend>
      {choices.map(([mode, text, hint]) => (
        <label class="choice" key={mode}>
          <input type="radio" name={`${idPrefix}-mode`} value={mode} data-testid={`mode-${mode}`} checked={settings.mode === mode} onChange={() => onMode(mode)} />
          <span>
            {text}
            <small class="hint">{hint}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
