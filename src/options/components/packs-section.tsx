import { useEffect, useRef, useState } from 'preact/hooks';
import type { ImportPreview, SitePreview, SiteStatus } from '../../shared/packs/merge';
import { PACK_LIMITS, problemText, type MomoPack } from '../../shared/packs/types';
import { WorkerRefusal } from '../../ui/api';
import { pagesLanguage, t } from '../../ui/i18n';
import { applyPack, exportPack, lastImport, onLastImportChanged, previewPack, undoLastImport } from '../api';
import { localizeLine } from '../field-errors';
import { fieldLocaleKeys } from '../rule-form';
import {
  allState,
  checkboxParts,
  choicesFor,
  defaultSelection,
  isSelectable,
  packProblems,
  safeParts,
  selectAll,
  siteName,
  sitesToWrite,
  warningsFor,
  type Selection,
  type Warning,
} from '../packs/choices';
import { fileProblem, MAX_PACK_FILE_BYTES, packFileBytesText, packFileName, packFileText, textProblem } from '../packs/file-name';
import { ruleDiff, type DiffField, type FieldDiff } from '../packs/rule-diff';
import { Subscriptions } from '../packs/Subscriptions';
import '../packs/packs.css';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(pagesLanguage());
};

/**
 * Rule packs: export the user's own rules as a .momo.json file and a share code; import one from a
 * file, a pasted code or a dropped file, with a site-by-site preview (the worker writes nothing
 * until Apply), then apply all or some, and undo the last import.
 */
export function PacksSection({ sites, onChanged }: { sites?: readonly { id: string; name: string }[]; onChanged?: () => void }) {
  const known = Object.fromEntries((sites ?? []).map((site) => [site.id, site.name]));
  const importer = useRef<ImportApi>(null);
  const [dragging, setDragging] = useState(false);
  const hasPayload = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].some((type) => type === 'Files');

  return (
    <section
      aria-labelledby="packs-title"
      class={`card packs${dragging ? ' dragging' : ''}`}
      data-testid="packs"
      onDragOver={(e) => {
        if (!hasPayload(e)) return;
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!(e.relatedTarget instanceof Node) || !e.currentTarget.contains(e.relatedTarget)) setDragging(false);
      }}
      onDrop={(e) => {
        const file = e.dataTransfer?.files[0];
        setDragging(false);
        if (!file) return;
        e.preventDefault();
        importer.current?.fromFile(file);
      }}
    >
      <h2 id="packs-title">{t('packsTitle')}</h2>
      <p class="hint">{t('packsHint')}</p>
      <ExportPack />
      <ImportPack apiRef={importer} known={known} onChanged={onChanged} />
      <Subscriptions known={known} onChanged={onChanged} />
      {dragging && (
        <p class="pack-drop" aria-hidden="true">
          {t('packDropHere')}
        </p>
      )}
    </section>
  );
}

function ExportPack() {
  const [title, setTitle] = useState('');
  const [author, setAuthor] = useState('');
  const [description, setDescription] = useState('');
  // A pack kept at an address for subscribers: its version and what this version changed.
  const [packVersion, setPackVersion] = useState('');
  const [changelog, setChangelog] = useState('');
  const [titleMissing, setTitleMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ pack: MomoPack; code: string; file: string; url: string; warnings: string[] } | null>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const [error, setError] = useState('');
  const code = useRef<HTMLTextAreaElement>(null);
  const urlRef = useRef<string | null>(null);
  // The file's address lives until the next export or until the page goes: "Save again" uses it.
  const keepUrl = (url: string | null) => {
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = url;
  };
  useEffect(() => () => keepUrl(null), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!title.trim()) {
      setTitleMissing(true);
      document.getElementById('pack-title')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    setCopied(null);
    try {
      const optional = { author, description, packVersion, changelog };
      const meta = { title: title.trim(), ...Object.fromEntries(Object.entries(optional).flatMap(([key, value]) => (value.trim() ? [[key, value.trim()]] : []))) };
      const { pack, code: shareCode } = await exportPack(meta);
      const file = packFileName(pack.meta.title);
      const url = URL.createObjectURL(new Blob([packFileText(pack)], { type: 'application/json' }));
      keepUrl(url);
      const link = Object.assign(document.createElement('a'), { href: url, download: file, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      // Read back as a friend's Momo Mask would: anything it would refuse is said now, not in their chat.
      const readBack = await previewPack(shareCode).catch(() => null);
      const warnings = readBack ? readBack.problems.filter((problem) => problem.severity === 'error').map(problemText) : [];
      setResult({ pack, code: shareCode, file, url, warnings });
    } catch (e) {
      setResult(null);
      keepUrl(null);
      setError(t('popupError', errorText(e)));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!result) return;
    try {
      await navigator.clipboard.writeText(result.code);
      setCopied('copied');
    } catch {
      // Without clipboard access (no focus, a policy): the selected text and the old copy command.
      code.current?.select();
      let done = false;
      try {
        done = document.execCommand('copy');
      } catch {
        // no copy command either: the user copies the selected code themselves
      }
      setCopied(done ? 'copied' : 'failed');
    }
  };

  const siteCount = result ? Object.keys(result.pack.sites).length : 0;
  const offCount = result?.pack.disabledSites?.length ?? 0;
  return (
    <form class="pack-export" aria-labelledby="pack-export-title" noValidate onSubmit={(e) => void submit(e)}>
      <h3 id="pack-export-title">{t('packExportTitle')}</h3>
      <p class="hint" data-testid="pack-privacy">
        {t('packExportHint')}
      </p>
      <div class="field">
        <label for="pack-title">{t('packFieldTitle')}</label>
        <input
          id="pack-title"
          type="text"
          data-testid="pack-title"
          required
          aria-required="true"
          maxLength={80}
          value={title}
          aria-invalid={titleMissing ? 'true' : 'false'}
          aria-describedby={titleMissing ? 'pack-title-problem' : undefined}
          onInput={(e) => {
            setTitle(e.currentTarget.value);
            setTitleMissing(false);
          }}
        />
        {titleMissing && (
          <p id="pack-title-problem" class="problem" role="alert" data-testid="pack-title-problem">
            {t('packTitleMissing')}
          </p>
        )}
      </div>
      <div class="field">
        <label for="pack-author">{t('packFieldAuthor')}</label>
        <input id="pack-author" type="text" data-testid="pack-author" maxLength={60} value={author} onInput={(e) => setAuthor(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="pack-description">{t('packFieldDescription')}</label>
        <textarea id="pack-description" rows={2} data-testid="pack-description" maxLength={500} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      {(
        [
          ['version', 'packFieldVersion', packVersion, setPackVersion, PACK_LIMITS.packVersionLength],
          ['changelog', 'packFieldChangelog', changelog, setChangelog, PACK_LIMITS.changelogLength],
        ] as const
      ).map(([id, label, value, set, max]) => (
        <div class="field" key={id}>
          <label for={`pack-${id}`}>{t(label)}</label>
          <input id={`pack-${id}`} type="text" data-testid={`pack-${id}`} maxLength={max} value={value} onInput={(e) => set(e.currentTarget.value)} />
        </div>
      ))}
      <div class="actions">
        <button type="submit" class="primary" data-testid="pack-export" disabled={busy}>
          {t('packExport')}
        </button>
      </div>
      {error && (
        <p class="problem" role="alert" data-testid="pack-export-error">
          {error}
        </p>
      )}
      {result && (
        <div class="pack-result" data-testid="pack-export-result">
          <p role="status" data-testid="pack-export-status">
            {t('packExported', result.file, String(siteCount), String(offCount))}{' '}
            <a href={result.url} download={result.file} data-testid="pack-file-link">
              {t('packSaveAgain', result.file)}
            </a>
          </p>
          {siteCount + offCount === 0 && <p class="hint">{t('packExportEmpty')}</p>}
          {result.warnings.length > 0 && (
            <div class="problems-box" role="alert" data-testid="pack-export-warnings">
              <p>{t('packExportWarning')}</p>
              <Lines lines={result.warnings} />
            </div>
          )}
          <div class="field">
            <label for="pack-code">{t('packCode')}</label>
            <textarea
              id="pack-code"
              ref={code}
              class="pack-code"
              rows={3}
              readOnly
              spellcheck={false}
              data-testid="pack-code"
              aria-describedby="pack-code-hint"
              value={result.code}
              onFocus={(e) => e.currentTarget.select()}
            />
            <p class="hint" id="pack-code-hint">
              {t('packCodeHint')}
            </p>
          </div>
          <div class="actions">
            <button type="button" data-testid="pack-copy" onClick={() => void copy()}>
              {t('packCopy')}
            </button>
            <span role="status" class={copied === 'failed' ? 'problem' : 'pack-copied'} data-testid="pack-copied">
              {copied === 'copied' ? t('packCopied') : copied === 'failed' ? t('packCopyFailed') : ''}
            </span>
          </div>
        </div>
      )}
    </form>
  );
}

interface ImportApi {
  fromFile(file: File): void;
}

type Outcome = { kind: 'applied' | 'undone' | 'info'; text: string; lines?: string[] } | { kind: 'refused'; text: string; lines: string[] };

function ImportPack({ apiRef, known, onChanged }: { apiRef: { current: ImportApi | null }; known: Record<string, string>; onChanged?: () => void }) {
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ text: string; from: string; value: ImportPreview } | null>(null);
  const [selection, setSelection] = useState<Selection>({ apply: {}, conflicts: {} });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [last, setLast] = useState<{ pack: string; at: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const previewTitle = useRef<HTMLHeadingElement>(null);
  const outcomeBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const read = () => void lastImport().then(setLast, () => setLast(null));
    read();
    return onLastImportChanged(read);
  }, []);
  useEffect(() => {
    if (preview) previewTitle.current?.focus();
  }, [preview]);
  // After Apply or Undo the preview (and the focused control) is gone: the keyboard goes to what happened.
  useEffect(() => {
    if (outcome) outcomeBox.current?.focus();
  }, [outcome]);

  const show = async (text: string, from: string) => {
    setBusy(true);
    setProblem('');
    setOutcome(null);
    try {
      const value = await previewPack(text);
      setPreview({ text, from, value });
      setSelection(defaultSelection(value));
    } catch (e) {
      setPreview(null);
      setProblem(t('popupError', errorText(e)));
    } finally {
      setBusy(false);
    }
  };

  const fromFile = (file: File) => {
    const why = fileProblem(file);
    setOutcome(null);
    if (why) {
      setPreview(null);
      setProblem(why === 'packFileTooLarge' ? t(why, file.name, String(MAX_PACK_FILE_BYTES / 1024)) : t(why, file.name));
      return;
    }
    file.arrayBuffer().then(
      (bytes) => {
        const text = packFileBytesText(bytes);
        if (text !== null) return void show(text, file.name);
        setPreview(null);
        setProblem(t('packFileNotUtf8', file.name));
      },
      () => setProblem(t('packFileUnreadable', file.name)),
    );
  };
  apiRef.current = { fromFile };

  const fromPaste = () => {
    const why = textProblem(pasted);
    if (why) {
      setPreview(null);
      setProblem(t(why));
      return;
    }
    void show(pasted.trim(), t('packFromPaste'));
  };

  const apply = async () => {
    if (!preview) return;
    const names = new Map(preview.value.sites.map((site) => [site.siteId, siteName(site, known)]));
    const title = preview.value.meta?.title ?? '';
    const done = (applied: string[], lines?: string[]) => {
      setOutcome(
        applied.length
          ? { kind: 'applied', text: t('packApplied', title, applied.map((id) => names.get(id) ?? id).join(', ')), lines }
          : { kind: 'info', text: t('packAppliedNothing') },
      );
      setPreview(null);
      if (fileInput.current) fileInput.current.value = '';
      onChanged?.();
    };
    setBusy(true);
    const chosen = sitesToWrite(preview.value, selection);
    const before = await lastImport().catch(() => undefined);
    try {
      done((await applyPack(preview.text, choicesFor(preview.value, selection))).applied);
    } catch (e) {
      if (e instanceof WorkerRefusal) {
        // Most often the stored rules changed since the preview: show the pack against them now.
        await show(preview.text, preview.from);
        setOutcome({ kind: 'refused', text: t('packApplyRefused'), lines: e.message.split('\n').filter(Boolean) });
      } else {
        // No answer: the worker may have stopped after its one write and before replying. The record
        // of the last import says whether this import landed (an apply writes it with everything else).
        const now = await lastImport().catch(() => undefined);
        const readable = before !== undefined && now !== undefined;
        if (readable && now && now.pack === title && now.at !== before?.at) done(chosen, [t('packApplyLandedNote')]);
        else setOutcome({ kind: 'refused', text: readable ? t('packApplyNotLanded', errorText(e)) : t('popupError', errorText(e)), lines: [] });
      }
    } finally {
      setBusy(false);
    }
  };

  const undo = async () => {
    const title = last?.pack ?? '';
    setBusy(true);
    try {
      const { problems } = await undoLastImport();
      setOutcome({ kind: 'undone', text: t('packUndone', title), lines: problems.length ? [t('packUndoKept'), ...problems] : undefined });
      onChanged?.();
    } catch (e) {
      setOutcome({ kind: 'refused', text: e instanceof WorkerRefusal ? t('packNoImport') : t('popupError', errorText(e)), lines: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="pack-import" role="group" aria-labelledby="pack-import-title">
      <h3 id="pack-import-title">{t('packImportTitle')}</h3>
      <p class="hint" id="pack-import-hint">
        {t('packImportHint')}
      </p>
      <div class="field">
        <label for="pack-file">{t('packFileLabel')}</label>
        <input
          id="pack-file"
          ref={fileInput}
          type="file"
          accept=".momo.json,.json,application/json"
          data-testid="pack-file"
          aria-describedby="pack-import-hint"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) fromFile(file);
          }}
        />
      </div>
      <div class="field">
        <label for="pack-text">{t('packTextLabel')}</label>
        <textarea
          id="pack-text"
          class="pack-code"
          rows={3}
          spellcheck={false}
          placeholder="MOMO1:…"
          data-testid="pack-text"
          value={pasted}
          onInput={(e) => {
            setPasted(e.currentTarget.value);
            setProblem('');
            // What Apply sends is what was previewed: a preview of other text goes.
            if (preview?.from === t('packFromPaste')) setPreview(null);
          }}
        />
      </div>
      <div class="actions">
        <button type="button" data-testid="pack-preview" disabled={busy} onClick={fromPaste}>
          {t('packPreview')}
        </button>
      </div>
      {problem && (
        <p class="problem" role="alert" data-testid="pack-import-problem">
          {problem}
        </p>
      )}

      {preview && (
        <PreviewView
          preview={preview.value}
          from={preview.from}
          known={known}
          selection={selection}
          busy={busy}
          titleRef={previewTitle}
          onSelection={setSelection}
          onApply={() => void apply()}
          onCancel={() => {
            setPreview(null);
            if (fileInput.current) fileInput.current.value = '';
          }}
        />
      )}

      <div class="pack-outcome" role="status" tabIndex={-1} ref={outcomeBox} data-testid="pack-import-status" data-kind={outcome?.kind ?? ''}>
        {outcome && (
          <>
            <p class={outcome.kind === 'refused' ? 'problem' : undefined}>{outcome.text}</p>
            <Lines lines={outcome.lines} />
          </>
        )}
      </div>

      <div class="actions pack-undo">
        <button type="button" data-testid="pack-undo" disabled={busy || !last} aria-describedby="pack-last-import" onClick={() => void undo()}>
          {t('packUndo')}
        </button>
        <span class="hint" id="pack-last-import" data-testid="pack-last-import">
          {last ? t('packLastImport', last.pack, when(last.at)) : t('packNoImport')}
        </span>
      </div>
    </div>
  );
}

function statusText(status: SiteStatus): string {
  switch (status) {
    case 'added':
      return t('packStatusAdded');
    case 'changed':
      return t('packStatusChanged');
    case 'unchanged':
      return t('packStatusUnchanged');
    case 'invalid':
      return t('packStatusInvalid');
    case 'conflict':
      return t('packStatusConflict');
  }
}

function PreviewView(props: {
  preview: ImportPreview;
  from: string;
  known: Record<string, string>;
  selection: Selection;
  busy: boolean;
  titleRef: { current: HTMLHeadingElement | null };
  onSelection: (selection: Selection) => void;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { preview, selection } = props;
  const { refused, errors, notices } = packProblems(preview);
  const meta = preview.meta;
  const safe = safeParts(preview);
  const all = allState(preview, selection);
  const writes = sitesToWrite(preview, selection);
  const details = meta
    ? [
        meta.author && t('packMetaBy', meta.author),
        meta.packVersion && t('packMetaVersion', meta.packVersion),
        t('packMetaCreated', when(meta.created)),
        t('packMetaFrom', props.from),
      ].filter(Boolean)
    : [t('packMetaFrom', props.from)];

  return (
    <section class="pack-preview" aria-labelledby="pack-preview-title" data-testid="pack-import-preview" data-refused={refused ? 'true' : 'false'}>
      <h3 id="pack-preview-title" tabIndex={-1} ref={props.titleRef}>
        {meta ? t('packPreviewTitle', meta.title) : t('packPreviewRefusedTitle')}
      </h3>
      <p class="hint">{details.join(' · ')}</p>
      {meta?.description && <p class="pack-description">{meta.description}</p>}
      {refused && (
        <div class="problems-box" role="alert" data-testid="pack-refused">
          <p>{t('packRefused')}</p>
          <Lines lines={errors} />
        </div>
      )}
      {!refused && errors.length > 0 && (
        <div class="problems-box" data-testid="pack-errors">
          <p>{t('packPackErrors')}</p>
          <Lines lines={errors} />
        </div>
      )}
      {notices.length > 0 && (
        <div class="pack-notices" data-testid="pack-notices">
          <p class="hint">{t('packNotices')}</p>
          <Lines lines={notices} />
        </div>
      )}

      {!refused && (
        <>
          <p class="hint">{t('packNothingWritten')}</p>
          {safe.length > 1 && (
            <label class="check">
              <input
                type="checkbox"
                data-testid="pack-select-all"
                checked={all === 'all'}
                indeterminate={all === 'some'}
                onChange={(e) => props.onSelection(selectAll(preview, selection, e.currentTarget.checked))}
              />
              <span>{t('packSelectAll')}</span>
            </label>
          )}
          {preview.sites.length ? (
            <ul class="pack-sites" aria-label={t('packSitesLegend')} data-testid="pack-sites">
              {preview.sites.map((site) => (
                <SiteItem key={site.siteId} site={site} name={siteName(site, props.known)} selection={selection} onSelection={props.onSelection} />
              ))}
            </ul>
          ) : (
            <p class="hint">{t('packNoSites')}</p>
          )}
        </>
      )}

      <div class="actions">
        {!refused && (
          <button type="button" class="primary" data-testid="pack-apply" disabled={props.busy || writes.length === 0} aria-describedby="pack-apply-hint" onClick={props.onApply}>
            {t('packApply')}
          </button>
        )}
        <button type="button" data-testid="pack-cancel" onClick={props.onCancel}>
          {t('packCancel')}
        </button>
        {!refused && (
          <span class="hint" id="pack-apply-hint" data-testid="pack-apply-hint">
            {writes.length ? t('packApplyCount', String(writes.length)) : t('packApplyNothing')}
          </span>
        )}
      </div>
    </section>
  );
}

function SiteItem({ site, name, selection, onSelection }: { site: SitePreview; name: string; selection: Selection; onSelection: (selection: Selection) => void }) {
  const id = `pack-site-${site.siteId}`;
  const diff = site.status === 'invalid' || site.status === 'unchanged' ? [] : ruleDiff(site.before, site.after);
  const chooseConflict = (choice: 'keep-mine' | 'take-theirs') => onSelection({ ...selection, conflicts: { ...selection.conflicts, [site.siteId]: choice } });
  const tick = (key: string, on: boolean) => onSelection({ ...selection, apply: { ...selection.apply, [key]: on } });
  const parts = checkboxParts(site);
  // The first checkbox is the site's own (its rule, or its switch-off when that is all); a switch-off
  // that comes with a rule, or with a conflict, has a checkbox of its own under its warning.
  const own = parts.find((part) => part.key === site.siteId);
  const switchOff = parts.find((part) => part.kind === 'switch-off' && part.key !== site.siteId);
  const ruleWarnings = site.status === 'invalid' || site.status === 'unchanged' ? [] : warningsFor(site, 'rule');

  return (
    <li class={`pack-site status-${site.status}`} data-site={site.siteId} data-status={site.status} data-testid={id}>
      <div class="pack-site-head">
        {isSelectable(site) ? (
          <label class="check">
            <input
              type="checkbox"
              data-testid={`pack-apply-${site.siteId}`}
              checked={selection.apply[site.siteId] === true}
              aria-describedby={own?.weakens ? `${id}-weakens` : undefined}
              onChange={(e) => tick(site.siteId, e.currentTarget.checked)}
            />
            <span>
              <span class="sr-only">{own?.kind === 'switch-off' ? t('packApplySwitchOff', name) : t('packApplySite', name)}</span>
              <strong aria-hidden="true">{name}</strong>
            </span>
          </label>
        ) : (
          <strong>{name}</strong>
        )}
        <span class="tag pack-status" data-testid={`pack-status-${site.siteId}`}>
          {statusText(site.status)}
        </span>
      </div>
      {own?.kind === 'switch-off' && <WarningBox id={`${id}-weakens`} testId={`pack-weakens-${site.siteId}`} warnings={warningsFor(site, 'switch-off')} site={name} />}
      {ruleWarnings.length > 0 && <WarningBox id={`${id}-weakens`} testId={`pack-weakens-${site.siteId}`} warnings={ruleWarnings} site={name} />}
      {switchOff && (
        <div class="pack-weakens" data-testid={`pack-weakens-off-${site.siteId}`}>
          <label class="check">
            <input
              type="checkbox"
              data-testid={`pack-apply-off-${site.siteId}`}
              checked={selection.apply[switchOff.key] === true}
              onChange={(e) => tick(switchOff.key, e.currentTarget.checked)}
            />
            <span>{t('packApplySwitchOff', name)}</span>
          </label>
          <p>{t('packWeakensOff', name)}</p>
        </div>
      )}
      {site.status === 'conflict' && (
        <fieldset class="pack-conflict">
          <legend>{t('packConflictHint')}</legend>
          {(['keep-mine', 'take-theirs'] as const).map((choice) => (
            <label class="choice" key={choice}>
              <input
                type="radio"
                name={`${id}-choice`}
                value={choice}
                data-testid={`pack-${choice}-${site.siteId}`}
                checked={(selection.conflicts[site.siteId] ?? 'keep-mine') === choice}
                onChange={() => chooseConflict(choice)}
              />
              <span>{choice === 'keep-mine' ? t('packKeepMine') : t('packTakeTheirs')}</span>
            </label>
          ))}
        </fieldset>
      )}
      {diff.length > 0 && <RuleDiffView diff={diff} testId={`pack-diff-${site.siteId}`} />}
      {site.reasons && site.reasons.length > 0 && (
        <div class="pack-reasons" data-testid={`pack-reasons-${site.siteId}`}>
          <p class="problem">{t('packInvalidReasons')}</p>
          <Lines lines={site.reasons} problem />
        </div>
      )}
      {site.notices && site.notices.length > 0 && (
        <div class="pack-notices">
          <p class="hint">{t('packSiteNotes')}</p>
          <Lines lines={site.notices} />
        </div>
      )}
    </li>
  );
}

/** What a part would weaken, said before the user ticks it: "Masks less: drops 3 of the “Display names” entries …". */
function WarningBox({ id, testId, warnings, site }: { id: string; testId: string; warnings: Warning[]; site: string }) {
  if (!warnings.length) return null;
  return (
    <div class="pack-weakens" id={id} data-testid={testId}>
      <ul>
        {warnings.map((warning) => (
          <li key={warning.kind === 'drops' ? warning.field : warning.kind}>{warningText(warning, site)}</li>
        ))}
      </ul>
      <p class="hint">{t('packWeakensHint')}</p>
    </div>
  );
}

function warningText(warning: Warning, site: string): string {
  if (warning.kind === 'switch-off') return t('packWeakensOff', site);
  const field = fieldLabel(warning.field);
  if (warning.field === 'identity.notKeys') return t('packWeakensNotKeys', String(warning.count), field, site);
  return t(warning.field === 'roles' ? 'packWeakensRoles' : 'packWeakensDrops', String(warning.count), field, site);
}

export function fieldLabel(field: DiffField): string {
  switch (field) {
    case 'name':
      return t('ruleFieldName');
    case 'attributes':
      return t('ruleFieldAttributes');
    case 'identity.attribute':
      return t('ruleFieldKeyAttribute');
    default:
      return t(fieldLocaleKeys(field).label);
  }
}

/** The rule's changes as a compact list diff: "+ added", "− removed", how many stay. */
export function RuleDiffView({ diff, testId }: { diff: FieldDiff[]; testId: string }) {
  return (
    <dl class="pack-diff" data-testid={testId}>
      {diff.map((change) => (
        <div key={change.field} data-field={change.field}>
          <dt>{fieldLabel(change.field)}</dt>
          <dd>
            {change.removed.map((item, i) => (
              <del key={`r${i}`}>
                <span class="sr-only">{t('packRemovedItem')} </span>
                <code>{item}</code>
              </del>
            ))}
            {change.added.map((item, i) => (
              <ins key={`a${i}`}>
                <span class="sr-only">{t('packAddedItem')} </span>
                <code>{item}</code>
              </ins>
            ))}
            {change.reordered && <span class="hint">{t('packReordered')}</span>}
            {change.kept > 0 && !change.reordered && <span class="hint">{t('packKeptItems', String(change.kept))}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function Lines({ lines, problem }: { lines?: string[]; problem?: boolean }) {
  if (!lines?.length) return null;
  return (
    <ul class={problem ? 'problems' : 'pack-lines'}>
      {lines.map((line, i) => (
        <li key={i}>{localizeLine(line, t)}</li>
      ))}
    </ul>
  );
}
