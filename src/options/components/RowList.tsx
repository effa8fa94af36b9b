import { t } from '../../ui/i18n';
import { localizeLine } from '../field-errors';
import { rowKey } from '../rule-form';

/** What "Test on the open tab" found for one row: a count, or why there is none. */
export type RowCount = { selector: string; count: number | 'unreadable' | 'no-answer' };

export function Problems({ id, lines }: { id: string; lines?: string[] }) {
  if (!lines?.length) return null;
  return (
    <ul id={id} class="problems" data-testid={`problem-${id.replace(/^err-/, '')}`}>
      {lines.map((line) => (
        <li key={line}>{localizeLine(line, t)}</li>
      ))}
    </ul>
  );
}

export function CountBadge({ result, selector }: { result?: RowCount; selector: string }) {
  if (!result || result.selector !== selector.trim()) return null;
  const text = result.count === 'unreadable' ? t('ruleCountUnreadable') : result.count === 'no-answer' ? t('ruleCountNoAnswer') : t('ruleCount', String(result.count));
  return (
    <output class={`count${result.count === 0 ? ' zero' : ''}`} data-count={String(result.count)}>
      {text}
    </output>
  );
}

/**
 * One list of the rule (hosts, a category's selectors, title shapes…) as rows of inputs, each with
 * its errors right under it and, after a test on the open tab, how many elements it matched.
 */
export function RowList(props: {
  field: string;
  legend: string;
  hint: string;
  rows: string[];
  errors: Map<string, string[]>;
  counts?: Map<string, RowCount>;
  onRows: (rows: string[]) => void;
}) {
  const { field, legend, rows, errors } = props;
  const fieldErrorId = `err-${field}`;
  return (
    <fieldset class="rows" data-field={field}>
      <legend>{legend}</legend>
      <p class="hint">{props.hint}</p>
      <Problems id={fieldErrorId} lines={errors.get(field)} />
      {rows.map((row, i) => {
        const key = rowKey(field, i);
        const problems = errors.get(key);
        const errorId = `err-${key}`;
        return (
          <div class="row" key={i}>
            <div class="row-line">
              <input
                type="text"
                spellcheck={false}
                data-testid={`rule-${key}`}
                aria-label={t('ruleRowLabel', legend, String(i + 1))}
                aria-invalid={problems ? 'true' : 'false'}
                aria-describedby={problems ? errorId : undefined}
                value={row}
                onInput={(e) => props.onRows(rows.map((r, j) => (j === i ? e.currentTarget.value : r)))}
              />
              <CountBadge result={props.counts?.get(key)} selector={row} />
              <button type="button" class="icon" aria-label={t('ruleRowRemove', legend, String(i + 1))} onClick={() => props.onRows(rows.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
            <Problems id={errorId} lines={problems} />
          </div>
        );
      })}
      <button type="button" class="secondary add" data-testid={`add-${field}`} onClick={() => props.onRows([...rows, ''])}>
        {t('ruleRowAdd', legend)}
      </button>
    </fieldset>
  );
}
