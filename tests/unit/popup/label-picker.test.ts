import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cloneDefaults, type Settings } from '../../../src/shared/settings';
import { fakeBrowser } from './fake-browser';

// ui/api.ts and ui/i18n.ts take the browser's own API (globalThis.browser in Firefox), not the polyfill.
vi.stubGlobal('browser', fakeBrowser('en'));
const { LabelPicker } = await import('../../../src/ui/controls/LabelPicker');

const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

function type(selector: string, text: string) {
  const input = $<HTMLInputElement>(selector);
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('the label picker (rendered in jsdom)', () => {
  let root: HTMLElement;
  let onLabel: ReturnType<typeof vi.fn<(label: string) => Promise<boolean>>>;
  const show = (settings: Settings) => act(() => render(h(LabelPicker, { settings, onLabel, idPrefix: 't' }), root));

  beforeEach(() => {
    vi.useFakeTimers();
    root = document.body.appendChild(document.createElement('div'));
    onLabel = vi.fn(async () => true);
    show({ ...cloneDefaults(), salt: 'abc' });
  });
  afterEach(() => {
    render(null, root);
    root.remove();
    vi.useRealTimers();
  });

  it('offers the presets with the stored one chosen, and a labelled field for an own label', () => {
    const radios = [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.value)).toEqual(['momo', 'milk-tea mo', 'postgrad mo', 'night-owl mo', 'momo police', 'cat-person mo', 'office mo', 'bookworm mo', '']);
    expect(radios.filter((r) => r.checked).map((r) => r.value)).toEqual(['momo']);
    expect($('label[for="t-own-label"]').textContent).toBe('Own label');
    expect($('[data-testid="preview-self-name"]').textContent).toBe('momo');
  });

  it('applies a preset at once, and shows it chosen before the worker has answered', async () => {
    let answer!: (ok: boolean) => void;
    onLabel.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    await act(() => $<HTMLInputElement>('input[value="night-owl mo"]').click());
    expect(onLabel).toHaveBeenCalledWith('night-owl mo');
    expect($<HTMLInputElement>('input[value="night-owl mo"]').checked).toBe(true);
    expect($('[data-testid="preview-self-name"]').textContent).toBe('night-owl mo');
    // The worker refused (the page shows its error): the stored label is shown again.
    await act(async () => answer(false));
    expect($<HTMLInputElement>('input[value="momo"]').checked).toBe(true);
    expect($('[data-testid="preview-self-name"]').textContent).toBe('momo');
  });

  it('says why a typed label is refused, and never sends it', async () => {
    await act(() => type('[data-testid="label-own"]', 'cat <3'));
    expect($('[data-testid="label-problem"]').textContent).toBe('“<”, “>” and control characters are not allowed.');
    expect($('[data-testid="label-own"]').getAttribute('aria-invalid')).toBe('true');
    expect($('[data-testid="label-own"]').getAttribute('aria-describedby')).toBe('t-label-problem');
    await act(() => type('[data-testid="label-own"]', 'x'.repeat(30)));
    expect($('[data-testid="label-problem"]').textContent).toBe('At most 24 characters (this one has 30).');
    await act(() => void vi.advanceTimersByTime(1000));
    expect(onLabel).not.toHaveBeenCalled();
    expect($('[data-testid="preview-self-name"]').textContent).toBe('momo');
  });

  it('previews a valid label while it is typed, and applies it after a pause (once)', async () => {
    await act(() => type('[data-testid="label-own"]', 'hik'));
    await act(() => type('[data-testid="label-own"]', 'hiking mo'));
    expect($('[data-testid="preview-self-name"]').textContent).toBe('hiking mo');
    expect($('[data-testid="label-problem"]').textContent).toBe('');
    expect(onLabel).not.toHaveBeenCalled();
    await act(() => void vi.advanceTimersByTime(500));
    expect(onLabel.mock.calls).toEqual([['hiking mo']]);
  });

  it('shows the stored label as the own label when it is no preset, and the pseudonym in pseudonym mode', () => {
    show({ ...cloneDefaults(), salt: 'abc', label: 'hiking mo', mode: 'pseudonym' });
    expect($<HTMLInputElement>('[data-testid="label-own-choice"]').checked).toBe(true);
    expect($<HTMLInputElement>('[data-testid="label-own"]').value).toBe('hiking mo');
    expect($('[data-testid="preview-other-name"]').textContent).toMatch(/^momo·[0-9a-z]{4}$/);
  });
});
