import { useEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../../shared/settings';
import { MAX_LABEL_LENGTH } from '../../shared/settings';
import { pagesLanguage, t, uiLanguage } from '../i18n';
import { labelProblem, presetIndexOf, presetTexts, type LabelProblem } from './labels';
import { PersonaPreview } from './PersonaPreview';

const TYPING_PAUSE_MS = 400;

function describe(problem: LabelProblem): string {
  if (problem.key === 'labelTooLong') return t('labelTooLong', String(MAX_LABEL_LENGTH), String(problem.length));
  return t(problem.key);
}

/**
 * The persona: a live preview and the label picker (presets in the browser's language, or the
 * user's own text). A preset applies at once; typed text applies after a short pause or on Enter,
 * and only when valid — otherwise the reason is shown next to the field.
 */
export function LabelPicker({ settings, onLabel, idPrefix }: { settings: Settings; onLabel: (label: string) => Promise<boolean>; idPrefix: string }) {
  const presets = presetTexts(uiLanguage(), pagesLanguage());
  // A preset shows as chosen (and in the preview) at once, before the worker has stored it.
  const [pending, setPending] = useState<string | null>(null);
  const shown = pending ?? settings.label;
  const shownPreset = presetIndexOf(shown);
  const [ownChosen, setOwnChosen] = useState(shownPreset < 0);
  const [own, setOwn] = useState(shownPreset < 0 ? settings.label : '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ownInput = useRef<HTMLInputElement>(null);

  // A label changed elsewhere (another page, another tab): follow it unless the user is typing here.
  useEffect(() => {
    if (document.activeElement === ownInput.current) return;
    const preset = presetIndexOf(settings.label);
    setOwnChosen(preset < 0);
    if (preset < 0) setOwn(settings.label);
  }, [settings.label]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const problem = ownChosen ? labelProblem(own) : null;
  const applyOwn = (text: string) => {
    clearTimeout(timer.current);
    if (!labelProblem(text) && text.trim() !== settings.label) void onLabel(text.trim());
  };
  const onOwnInput = (text: string) => {
    setOwn(text);
    setOwnChosen(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => applyOwn(text), TYPING_PAUSE_MS);
  };
  const previewLabel = ownChosen && !problem ? own.trim() : shown;
  const choosePreset = (text: string) => {
    clearTimeout(timer.current);
    setOwnChosen(false);
    setPending(text);
    void onLabel(text).finally(() => setPending(null));
  };
  const problemId = `${idPrefix}-label-problem`;

  return (
    <fieldset class="persona">
      <legend>{t('labelLegend')}</legend>
      <PersonaPreview label={previewLabel} mode={settings.mode} salt={settings.salt} />
      <p class="hint">{t('labelHint')}</p>
      <div class="pills" data-testid="label-presets">
        {presets.map((text, i) => (
          <label class="pill" key={text}>
            <input type="radio" name={`${idPrefix}-label`} value={text} checked={!ownChosen && shownPreset === i} onChange={() => choosePreset(text)} />
            <span>{text}</span>
          </label>
        ))}
        <label class="pill">
          <input
            type="radio"
            name={`${idPrefix}-label`}
            value=""
            data-testid="label-own-choice"
            checked={ownChosen}
            onChange={() => {
              setOwnChosen(true);
              ownInput.current?.focus();
              applyOwn(own);
            }}
          />
          <span>{t('labelOwn')}</span>
        </label>
      </div>
      <div class="own-label">
        <label for={`${idPrefix}-own-label`}>{t('labelOwnField')}</label>
        <input
          id={`${idPrefix}-own-label`}
          ref={ownInput}
          type="text"
          data-testid="label-own"
          value={own}
          placeholder={t('labelOwnPlaceholder')}
          aria-invalid={problem ? 'true' : 'false'}
          aria-describedby={problemId}
          onInput={(e) => onOwnInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyOwn(e.currentTarget.value);
          }}
        />
      </div>
      <p id={problemId} class="problem" data-testid="label-problem" aria-live="polite">
        {problem ? describe(problem) : ''}
      </p>
    </fieldset>
  );
}
