import { useEffect, useRef, useState } from 'preact/hooks';
import type { RuleView, SiteSummary } from '../../shared/messages';
import { WorkerRefusal } from '../../ui/api';
import { t } from '../../ui/i18n';
import { browserReads, countMatches, getRule, openTabOf, resetUserRule, saveUserRule } from '../api';
import { parseIssues, placeIssues, type FieldIssue, type PlacedIssues } from '../field-errors';
import { errorKeys, FIND_LISTS, fieldLocaleKeys, formFromRule, ruleFromForm, rowKey, SHAPE_LISTS, selectorRows, tidyForm, type ListField, type RuleForm } from '../rule-form';
import { CountBadge, Problems, RowList, type RowCount } from './RowList';

const NO_ISSUES: PlacedIssues = { at: new Map(), unplaced: [] };

/**
 * Edits one built-in site's rule. Save asks the worker, which checks the rule with the one rule
 * schema and answers "names[1]: …" lines: each is shown under the row it names. Selectors this
 * browser cannot even read are caught here first (the schema checks what a selector may contain,
 * not whether it parses). "Test on the open tab" counts what each row matches on an open tab of the site.
 */
export function RuleEditor({ site, onClose, onSaved }: { site: SiteSummary; onClose: () => void; onSaved: () => void }) {
  const [view, setView] = useState<RuleView | null>(null);
  const [form, setForm] = useState<RuleForm | null>(null);
  const [issues, setIssues] = useState<PlacedIssues>(NO_ISSUES);
  const [status, setStatus] = useState('');
  const [counts, setCounts] = useState<Map<string, RowCount>>(new Map());
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLElement>(null);

  const load = async () => {
    const next = await getRule(site.id);
    setView(next);
    setForm(formFromRule(next.rule));
  };
  useEffect(() => {
    setStatus('');
    setIssues(NO_ISSUES);
    setCounts(new Map());
    load().then(
      () => root.current?.querySelector<HTMLElement>('h2')?.focus(),
      (e: Error) => setStatus(t('popupError', e.message)),
    );
  }, [site.id]);
  // After a refused save, take the keyboard to the first field in error.
  useEffect(() => {
    if (issues.at.size) root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [issues]);

  if (!form || !view) return <section ref={root} class="editor" id="rule-editor" aria-busy="true" />;

  const setList = (field: ListField, rows: string[]) => setForm({ ...form, lists: { ...form.lists, [field]: rows } });
  const list = (field: ListField) => (
    <RowList
      key={field}
      field={field}
      legend={t(fieldLocaleKeys(field).label)}
      hint={t(fieldLocaleKeys(field).hint)}
      rows={form.lists[field]}
      errors={issues.at}
      counts={counts}
      onRows={(rows) => setList(field, rows)}
    />
  );

  const save = async () => {
    const tidy = tidyForm(form);
    setForm(tidy);
    const unreadable: FieldIssue[] = selectorRows(tidy)
      .filter((row) => !browserReads(row.selector))
      .map((row) => ({ field: row.key, message: t('issueUnreadable') }));
    if (unreadable.length) {
      setIssues(placeIssues(unreadable, errorKeys(tidy)));
      setStatus(t('ruleNotSaved'));
      return;
    }
    setBusy(true);
    try {
      await saveUserRule(ruleFromForm(tidy));
      setIssues(NO_ISSUES);
      setStatus(t('ruleSaved'));
      setView(await getRule(site.id));
      onSaved();
    } catch (e) {
      if (e instanceof WorkerRefusal) {
        setIssues(placeIssues(parseIssues(e.message), errorKeys(tidy)));
        setStatus(t('ruleNotSaved'));
      } else setStatus(t('popupError', (e as Error).message));
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    setBusy(true);
    try {
      await resetUserRule(site.id);
      await load();
      setIssues(NO_ISSUES);
      setCounts(new Map());
      setStatus(t('ruleWasReset'));
      onSaved();
    } catch (e) {
      setStatus(t('popupError', (e as Error).message));
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setBusy(true);
    try {
      const tab = await openTabOf(site.hosts);
      if (!tab) {
        setCounts(new Map());
        setStatus(t('ruleTestNoTab', site.hosts[0] ?? site.name));
        return;
      }
      const rows = selectorRows(form);
      const results = await Promise.all(
        rows.map(async (row): Promise<[string, RowCount]> => {
          if (!browserReads(row.selector)) return [row.key, { selector: row.selector, count: 'unreadable' }];
          const count = await countMatches(tab.id, row.selector);
          return [row.key, { selector: row.selector, count: count ?? 'no-answer' }];
        }),
      );
      setCounts(new Map(results));
      const answered = results.some(([, r]) => typeof r.count === 'number');
      setStatus(answered ? t('ruleTestDone', tab.title) : t('ruleTestNoAnswer', tab.title));
    } catch (e) {
      setStatus(t('popupError', (e as Error).message));
    } finally {
      setBusy(false);
    }
  };

  const setAttribute = (i: number, part: 'selector' | 'names', value: string) =>
    setForm({ ...form, attributes: form.attributes.map((a, j) => (j === i ? { ...a, [part]: value } : a)) });

  return (
    <section ref={root} class="editor" id="rule-editor" aria-labelledby="editor-title" data-testid="rule-editor" data-site={site.id}>
      <div class="editor-head">
        <h2 id="editor-title" tabIndex={-1}>
          {t('ruleEditorTitle', site.name)}
        </h2>
        <span class="tag" data-testid="rule-version">
          {view.edited ? t('ruleVersionEdited') : t('ruleVersionBuiltIn')}
        </span>
      </div>
      <p class="hint">{t('ruleEditorHint')}</p>
      {view.slow.length > 0 && (
        <div class="problems-box" role="status" data-testid="rule-slow">
          <p>{t('ruleSlowTitle')}</p>
          <ul>
            {view.slow.map((s) => (
              <li key={`${s.field} ${s.selector}`}>{t('ruleSlowItem', s.field, s.selector, String(s.ms))}</li>
            ))}
          </ul>
        </div>
      )}
      {issues.unplaced.length > 0 && (
        <div class="problems-box" role="alert" data-testid="rule-problems">
          <Problems id="err-rule" lines={issues.unplaced} />
        </div>
      )}

      <div class="field">
        <label for="rule-name">{t('ruleFieldName')}</label>
        <input
          id="rule-name"
          type="text"
          value={form.name}
          data-testid="rule-name"
          aria-invalid={issues.at.has('name') ? 'true' : 'false'}
          aria-describedby={issues.at.has('name') ? 'err-name' : undefined}
          onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
        />
        <Problems id="err-name" lines={issues.at.get('name')} />
      </div>
      {list('hosts')}
      <div class="lists">{FIND_LISTS.map((field) => list(field))}</div>

      <fieldset class="rows" data-field="attributes">
        <legend>{t('ruleFieldAttributes')}</legend>
        <p class="hint">{t('ruleHintAttributes')}</p>
        <Problems id="err-attributes" lines={issues.at.get('attributes')} />
        {form.attributes.map((attribute, i) => {
          const keys = [rowKey('attributes', i), rowKey('attributes', i, 'selector'), rowKey('attributes', i, 'names')];
          const lines = keys.flatMap((key) => issues.at.get(key) ?? []);
          const errorId = `err-${keys[0]}`;
          const invalid = (key: string) => (issues.at.has(key) || issues.at.has(keys[0]) ? 'true' : 'false');
          return (
            <div class="row" key={i}>
              <div class="row-line">
                <input
                  type="text"
                  spellcheck={false}
                  data-testid={`rule-${keys[1]}`}
                  aria-label={t('ruleAttributeSelector', String(i + 1))}
                  aria-invalid={invalid(keys[1])}
                  aria-describedby={lines.length ? errorId : undefined}
                  value={attribute.selector}
                  onInput={(e) => setAttribute(i, 'selector', e.currentTarget.value)}
                />
                <input
                  type="text"
                  spellcheck={false}
                  class="names"
                  data-testid={`rule-${keys[2]}`}
                  aria-label={t('ruleAttributeNames', String(i + 1))}
                  aria-invalid={invalid(keys[2])}
                  aria-describedby={lines.length ? errorId : undefined}
                  value={attribute.names}
                  onInput={(e) => setAttribute(i, 'names', e.currentTarget.value)}
                />
                <CountBadge result={counts.get(keys[1])} selector={attribute.selector} />
                <button
                  type="button"
                  class="icon"
                  aria-label={t('ruleRowRemove', t('ruleFieldAttributes'), String(i + 1))}
                  onClick={() => setForm({ ...form, attributes: form.attributes.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              </div>
              <Problems id={errorId} lines={lines} />
            </div>
          );
        })}
        <button type="button" class="secondary add" onClick={() => setForm({ ...form, attributes: [...form.attributes, { selector: '', names: '' }] })}>
          {t('ruleRowAdd', t('ruleFieldAttributes'))}
        </button>
      </fieldset>

      {SHAPE_LISTS.map((field) => list(field))}
      <div class="field">
        <label for="rule-key-attribute">{t('ruleFieldKeyAttribute')}</label>
        <input
          id="rule-key-attribute"
          type="text"
          spellcheck={false}
          value={form.keyAttribute}
          aria-invalid={issues.at.has('identity.attribute') ? 'true' : 'false'}
          aria-describedby="hint-key-attribute"
          onInput={(e) => setForm({ ...form, keyAttribute: e.currentTarget.value })}
        />
        <p class="hint" id="hint-key-attribute">
          {t('ruleHintKeyAttribute')}
        </p>
        <Problems id="err-identity.attribute" lines={[...(issues.at.get('identity') ?? []), ...(issues.at.get('identity.attribute') ?? [])]} />
      </div>

      <div class="actions">
        <button type="button" class="primary" data-testid="rule-save" disabled={busy} onClick={() => void save()}>
          {t('ruleSave')}
        </button>
        <button type="button" data-testid="rule-test" disabled={busy} onClick={() => void test()}>
          {t('ruleTest')}
        </button>
        <button type="button" data-testid="rule-reset" disabled={busy || !view.edited} onClick={() => void reset()}>
          {t('ruleReset')}
        </button>
        <button type="button" class="secondary" data-testid="rule-close" onClick={onClose}>
          {t('ruleClose')}
        </button>
      </div>
      <p class="status" role="status" data-testid="rule-status">
        {status}
      </p>
    </section>
  );
}
