/**
 * The element picker, injected into one tab by the worker when the user clicks "Pick on this page"
 * in the popup. The user clicks a profile picture, a display name, then (optionally) a handle and a
 * location label; for each the picker proposes a selector for all the similar items, outlines what
 * it matches and counts them; "Save" sends the selectors to the worker, which writes the site's rule.
 * Its panel lives in a closed shadow root of its own, and only trusted events (a real user's) pick,
 * press or type: the page can neither reach the selector field (to write its own selector into it,
 * which the user's next Save would store) nor act in the user's name with synthetic events.
 */
import { extensionApi } from '../shared/extension-api';
import { AVATAR_DATA_URL } from '../shared/artwork';
import css from './picker.css?inline';
import { pickTarget } from './pick-target';
import type { PickKind } from '../shared/picked-rule';
import { countSelector, proposeSelector } from './propose-selector';

declare global {
  // eslint-disable-next-line no-var
  var __momoMaskPicker: boolean | undefined;
}

const STEPS: { kind: PickKind; optional: boolean }[] = [
  { kind: 'avatars', optional: false },
  { kind: 'names', optional: false },
  { kind: 'handles', optional: true },
  { kind: 'locations', optional: true },
];
const MAX_MARKS = 300;
const TOAST_MS = 5000;

interface Pick {
  element: Element | null;
  selector: string;
  count: number;
  error?: string;
  /** The user typed this selector: it is theirs, never proposed again. */
  typed?: boolean;
}

const ext = extensionApi();
const t = (key: string, ...subs: string[]) => ext.i18n.getMessage(key, subs) || key;
const capitalized = (kind: PickKind) => kind[0].toUpperCase() + kind.slice(1);

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & Record<string, unknown> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, String(value));
    else (node as unknown as Record<string, unknown>)[key] = value;
  }
  node.append(...children);
  return node;
}

/**
 * A constructed stylesheet is not subject to the page's style-src CSP; Firefox refuses one made in
 * the content script's world for a page's shadow root, and gets a <style> element instead.
 */
function adoptStyles(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(el('style', {}, css));
  }
}

function startPicker(): void {
  /** Per kind, the picks so far: one usually; "+ another" adds one for a second shape (a coloured admin name, a name in a reactions line). */
  const picks = new Map<PickKind, Pick[]>();
  const skipped = new Set<PickKind>();
  let current: PickKind | null = 'avatars';
  /** The next pick adds to the current kind's picks instead of replacing them. */
  let adding = false;
  /** The pick whose selector the field shows and the outlines draw. */
  let shown: { kind: PickKind; index: number } | null = null;
  let saving = false;

  const host = document.createElement('momo-mask-picker');
  const root = host.attachShadow({ mode: 'closed' });
  const hover = el('div', { className: 'hover', hidden: true });
  const marks = el('div');
  const layer = el('div', { className: 'layer' }, marks, hover);
  const steps = el('ol');
  const prompt = el('p', { className: 'prompt', 'aria-live': 'polite', 'data-testid': 'picker-prompt' });
  const field = el('input', { type: 'text', spellcheck: false, 'data-testid': 'picker-selector' });
  const fieldLabel = el('label', {}, t('pickerSelector'), field);
  const problem = el('p', { className: 'problem', role: 'alert', 'data-testid': 'picker-problem' });
  const skip = el('button', { type: 'button', 'data-action': 'skip' }, t('pickerSkip'));
  const cancel = el('button', { type: 'button', 'data-action': 'cancel' }, t('pickerCancel'));
  const save = el('button', { type: 'button', className: 'primary', 'data-action': 'save' }, t('pickerSave'));
  const close = el('button', { type: 'button', 'data-action': 'close', 'aria-label': t('pickerCancel'), title: t('pickerCancel') }, '×');
  const panel = el(
    'div',
    { className: 'panel', role: 'dialog', 'aria-label': t('pickerTitle') },
    el('header', {}, el('img', { src: AVATAR_DATA_URL, alt: '' }), el('strong', {}, t('pickerTitle')), close),
    steps,
    prompt,
    fieldLabel,
    problem,
    el('div', { className: 'actions' }, skip, cancel, save),
  );
  adoptStyles(root);
  root.append(layer, panel);

  const stepRows = STEPS.map(({ kind, optional }, i) => {
    const state = el('span', { className: 'state' });
    const count = el('span', { className: 'count', 'data-testid': `picker-count-${kind}` });
    const button = el(
      'button',
      { type: 'button', className: 'step', 'data-step': kind },
      state,
      el('span', { className: 'what' }, `${i + 1}. ${t(`pickerStep${capitalized(kind)}`)} `, optional ? el('span', { className: 'optional' }, t('pickerOptional')) : ''),
      count,
    );
    const another = el('button', { type: 'button', className: 'another', 'data-another': kind, title: t('pickerAnother'), 'aria-label': t('pickerAnother') }, '+');
    // Choosing a step again: the next click on the page picks it anew; "+" picks one more of it.
    button.addEventListener('click', (e) => e.isTrusted && goTo(kind, false));
    another.addEventListener('click', (e) => e.isTrusted && goTo(kind, true));
    const row = el('li', {}, button, another);
    steps.append(row);
    return { kind, row, state, count, another };
  });

  const valid = (kind: PickKind) => (picks.get(kind) ?? []).filter((p) => !p.error && p.selector);

  function nextStep(after: PickKind | null): PickKind | null {
    const from = after ? STEPS.findIndex((s) => s.kind === after) + 1 : 0;
    return STEPS.slice(from).find((s) => !picks.has(s.kind) && !skipped.has(s.kind))?.kind ?? null;
  }

  function goTo(kind: PickKind, add: boolean): void {
    current = kind;
    adding = add;
    skipped.delete(kind);
    render();
  }

  /** How many elements a kind's selectors take in together. */
  function countOf(kind: PickKind): number {
    const selectors = valid(kind).map((p) => p.selector);
    try {
      return selectors.length ? document.querySelectorAll(selectors.join(', ')).length : 0;
    } catch {
      return 0;
    }
  }

  function render(): void {
    for (const { kind, row, state, count, another } of stepRows) {
      const done = valid(kind).length > 0;
      row.className = kind === current ? 'current' : '';
      state.textContent = done ? '✓' : skipped.has(kind) ? '–' : '';
      count.textContent = done ? t('pickerMatches', String(countOf(kind))) : '';
      another.hidden = !done;
    }
    prompt.textContent = current ? t(`pickerClick${capitalized(current)}`) : t('pickerAllDone');
    skip.disabled = current === null;
    const pick = shown ? picks.get(shown.kind)?.[shown.index] : undefined;
    field.disabled = !pick;
    // Not while the user types in it: their text stays as typed.
    if (pick && root.activeElement !== field) field.value = pick.selector;
    if (!pick) field.value = '';
    fieldLabel.firstChild!.textContent = shown ? `${t('pickerSelector')} · ${t(`pickerStep${capitalized(shown.kind)}`)}` : t('pickerSelector');
    problem.textContent = pick?.error ?? '';
    save.disabled = saving || !STEPS.some(({ kind }) => valid(kind).length);
    drawMarks();
  }

  function drawMarks(): void {
    const pick = shown ? picks.get(shown.kind)?.[shown.index] : undefined;
    let matched: Element[] = [];
    if (pick && !pick.error && pick.selector) {
      try {
        matched = [...document.querySelectorAll(pick.selector)].slice(0, MAX_MARKS);
      } catch {
        matched = [];
      }
    }
    const boxes = matched.map((m) => m.getBoundingClientRect()).filter((r) => r.width && r.bottom > 0 && r.top < innerHeight);
    marks.replaceChildren(
      ...boxes.map((r) => {
        const mark = el('div', { className: 'mark' });
        Object.assign(mark.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
        return mark;
      }),
    );
  }

  function propose(kind: PickKind, element: Element): Pick {
    const others = [...picks.entries()].filter(([k]) => k !== kind).flatMap(([, list]) => list.flatMap((p) => (p.element ? [p.element] : [])));
    const proposal = proposeSelector(element, kind, others);
    return proposal ? { element, ...proposal } : { element, selector: '', count: 0, error: t('pickerNoProposal') };
  }

  function onPick(target: Element): void {
    if (!current) return;
    const kind = current;
    const element = pickTarget(target, kind);
    const list = adding ? [...(picks.get(kind) ?? []), propose(kind, element)] : [propose(kind, element)];
    picks.set(kind, list);
    // An earlier proposal that also takes in this pick ("[data-testid=User-Name] span" once the
    // handle, inside it, is picked) is proposed again, now knowing what to leave out.
    for (const [other, others] of picks) {
      if (other === kind) continue;
      picks.set(
        other,
        others.map((pick) => {
          if (pick.typed || !pick.element || pick.error) return pick;
          const overlaps = [...document.querySelectorAll(pick.selector)].some((m) => m === element || m.contains(element) || element.contains(m));
          return overlaps ? propose(other, pick.element) : pick;
        }),
      );
    }
    shown = { kind, index: list.length - 1 };
    const failed = list[list.length - 1].error !== undefined;
    current = failed ? kind : nextStep(kind);
    adding = failed && adding;
    render();
  }

  const isOurs = (e: Event) => e.composedPath().includes(host);
  const topElementAt = (e: MouseEvent) => {
    const target = e.composedPath()[0];
    return target instanceof Element ? target : null;
  };
  const onMove = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    if (isOurs(e) || !current) return void (hover.hidden = true);
    const target = topElementAt(e);
    if (!target) return;
    const r = pickTarget(target, current).getBoundingClientRect();
    Object.assign(hover.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    hover.hidden = false;
  };
  // The page must not act on the clicks that pick (a name is usually a link): every press is held back.
  const onPress = (e: MouseEvent) => {
    if (isOurs(e) || !e.isTrusted) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.type === 'click') {
      const target = topElementAt(e);
      if (target) onPick(target);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && e.isTrusted) {
      e.preventDefault();
      cancelPicking();
    }
  };
  let frame = 0;
  const onViewport = () => {
    if (!frame) frame = requestAnimationFrame(() => ((frame = 0), (hover.hidden = true), drawMarks()));
  };
  const pressEvents = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu'] as const;
  for (const type of pressEvents) window.addEventListener(type, onPress, true);
  window.addEventListener('mouseover', onMove, true);
  window.addEventListener('mousemove', onMove, true);
  window.addEventListener('keydown', onKey, true);
  window.addEventListener('scroll', onViewport, true);
  window.addEventListener('resize', onViewport);

  field.addEventListener('input', (e) => {
    // A page that dispatches input events cannot make its selector the user's.
    if (!e.isTrusted || !shown) return;
    const list = [...picks.get(shown.kind)!];
    const selector = field.value.trim();
    const counted = countSelector(document, selector);
    list[shown.index] =
      'error' in counted
        ? { ...list[shown.index], selector, typed: true, count: 0, error: t('pickerBadSelector', counted.error) }
        : { ...list[shown.index], selector, typed: true, count: counted.count, error: undefined };
    picks.set(shown.kind, list);
    render();
  });
  skip.addEventListener('click', (e) => {
    if (!e.isTrusted || !current) return;
    // Skipping "another" keeps the picks made; skipping the step drops them.
    if (!adding) {
      skipped.add(current);
      picks.delete(current);
      if (shown?.kind === current) shown = null;
    }
    adding = false;
    current = nextStep(current);
    render();
  });
  cancel.addEventListener('click', (e) => e.isTrusted && cancelPicking());
  close.addEventListener('click', (e) => e.isTrusted && cancelPicking());
  save.addEventListener('click', (e) => e.isTrusted && void submit());
  // The page's corner may hold its own buttons (a chat, a cookie banner): the panel moves out of the pointer's way.
  panel.addEventListener('dblclick', (e) => e.isTrusted && panel.classList.toggle('left'));

  async function submit(): Promise<void> {
    const selectors: Partial<Record<PickKind, string[]>> = {};
    for (const { kind } of STEPS) if (valid(kind).length) selectors[kind] = [...new Set(valid(kind).map((p) => p.selector))];
    saving = true;
    render();
    try {
      const reply = (await ext.runtime.sendMessage({ type: 'picker:save', selectors })) as { ok: boolean; value?: { siteName: string }; error?: string } | undefined;
      if (!reply?.ok) throw new Error(reply?.error ?? 'no answer from the extension');
      teardown();
      showToast(t('pickerSaved', reply.value!.siteName));
    } catch (error) {
      saving = false;
      problem.textContent = t('pickerSaveFailed', (error as Error).message);
      save.disabled = false;
    }
  }

  function cancelPicking(): void {
    teardown();
    void ext.runtime.sendMessage({ type: 'picker:cancel' }).catch(() => undefined);
  }

  function teardown(): void {
    for (const type of pressEvents) window.removeEventListener(type, onPress, true);
    window.removeEventListener('mouseover', onMove, true);
    window.removeEventListener('mousemove', onMove, true);
    window.removeEventListener('keydown', onKey, true);
    window.removeEventListener('scroll', onViewport, true);
    window.removeEventListener('resize', onViewport);
    host.remove();
    globalThis.__momoMaskPicker = false;
  }

  function showToast(text: string): void {
    const toastHost = document.createElement('momo-mask-picker');
    const toastRoot = toastHost.attachShadow({ mode: 'closed' });
    adoptStyles(toastRoot);
    toastRoot.append(el('div', { className: 'toast', role: 'status', 'data-testid': 'picker-toast' }, text));
    document.documentElement.append(toastHost);
    setTimeout(() => toastHost.remove(), TOAST_MS);
  }

  document.documentElement.append(host);
  render();
  save.focus();
}

if (!globalThis.__momoMaskPicker) {
  globalThis.__momoMaskPicker = true;
  startPicker();
}
