import { useState } from 'preact/hooks';
import { MAX_OWN_HANDLES, normalizeHandle, type Settings } from '../../shared/settings';
import { t } from '../../ui/i18n';
import { handleProblem, MAX_HANDLE_LENGTH, type HandleProblem } from '../handles';

const describe = (problem: HandleProblem) =>
  problem === 'handleTooLong' ? t(problem, String(MAX_HANDLE_LENGTH)) : problem === 'handleTooMany' ? t(problem, String(MAX_OWN_HANDLES)) : t(problem);

/** The user's own accounts: the handles that wear their label on every site, as a list to add to and remove from. */
export function OwnHandles({ settings, onHandles }: { settings: Settings; onHandles: (handles: string[]) => Promise<boolean> }) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<HandleProblem | null>(null);
  const handles = settings.ownHandles;

  const add = async (e: Event) => {
    e.preventDefault();
    const found = handleProblem(typed, handles);
    setProblem(found);
    if (found) return;
    if (await onHandles([...handles, normalizeHandle(typed)])) setTyped('');
  };

  return (
    <section aria-labelledby="handles-title" class="card">
      <h2 id="handles-title">{t('handlesTitle')}</h2>
      <p class="hint">{t('handlesHint')}</p>
      {handles.length ? (
        <ul class="handles" data-testid="own-handles">
          {handles.map((handle, i) => (
            <li key={handle}>
              <span>@{handle}</span>
              <button type="button" class="icon" aria-label={t('handleRemove', handle)} onClick={() => void onHandles(handles.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint" data-testid="own-handles-none">
          {t('handlesNone')}
        </p>
      )}
      <form class="add-handle" onSubmit={add}>
        <label for="handle-new">{t('handleAddLabel')}</label>
        <input
          id="handle-new"
          type="text"
          spellcheck={false}
          data-testid="handle-new"
          value={typed}
          placeholder="@name"
          aria-invalid={problem ? 'true' : 'false'}
          aria-describedby="handle-problem"
          onInput={(e) => {
            setTyped(e.currentTarget.value);
            setProblem(null);
          }}
        />
        <button type="submit" data-testid="handle-add">
          {t('handleAdd')}
        </button>
      </form>
      <p id="handle-problem" class="problem" aria-live="polite" data-testid="handle-problem">
        {problem ? describe(problem) : ''}
      </p>
    </section>
  );
}
