/**
 * The picker takes only the user's input: its panel is in a closed shadow root (the page cannot
 * reach the selector field), and a page that got hold of it anyway, or that dispatches clicks and
 * input events of its own, changes nothing the user saves. jsdom has no input devices: the user's
 * events are made trusted here as the browser makes a real click or keystroke.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const sendMessage = vi.fn(async (_message: unknown) => ({ ok: true, value: { siteName: 'Forum' } }));
const roots: ShadowRoot[] = [];

const implOf = (wrapper: object) => {
  const impl = Object.getOwnPropertySymbols(wrapper).find((symbol) => symbol.description === 'impl')!;
  return (wrapper as Record<symbol, { isTrusted: boolean; _dispatch(event: unknown): boolean }>)[impl];
};
/** A user's click, dispatched as the browser dispatches one (dispatchEvent would mark it untrusted). */
function userClick(target: Element): void {
  const event = implOf(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
  event.isTrusted = true;
  implOf(target)._dispatch(event);
}
const pageClick = (target: Element) => target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));

const panel = () => roots[0];
const inPanel = <E extends Element>(selector: string) => panel().querySelector<E>(selector)!;
const field = () => inPanel<HTMLInputElement>('[data-testid="picker-selector"]');
const savedSelectors = () => sendMessage.mock.calls.map(([message]) => (message as { selectors: Record<string, string[]> }).selectors);

beforeAll(async () => {
  document.body.innerHTML = [1, 2, 3]
    .map((i) => `<article class="post"><img class="avatar" src="/a${i}.png"><a class="name" href="/members/${i}">Member ${i}</a><p>text</p></article>`)
    .join('');
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  Object.assign(globalThis, { chrome: { runtime: { sendMessage }, i18n: { getMessage: (key: string) => key } } });
  await import('../../../src/picker/picker');
});
afterAll(() => {
  vi.restoreAllMocks();
  delete (globalThis as { chrome?: unknown }).chrome;
  document.body.innerHTML = '';
  for (const host of document.documentElement.querySelectorAll('momo-mask-picker')) host.remove();
});

describe('the picker against its page', () => {
  it('lives in a closed shadow root: the page finds its host, not its panel', () => {
    const host = document.querySelector('momo-mask-picker')!;
    expect(host.shadowRoot).toBeNull();
    expect(panel().mode).toBe('closed');
    expect(inPanel('.panel')).not.toBeNull();
  });

  it("picks on the user's click only, not on a click the page dispatches", () => {
    pageClick(document.querySelector('.post .avatar')!);
    expect(field().value).toBe('');
    userClick(document.querySelector('.post .avatar')!);
    expect(field().value).toBe('.avatar');
  });

  it('a selector the page writes into the field, with its own input event, is not what the user saves', async () => {
    field().value = 'html, body *';
    field().dispatchEvent(new Event('input', { bubbles: true }));
    pageClick(inPanel('[data-action="save"]'));
    await Promise.resolve();
    expect(sendMessage).not.toHaveBeenCalled();
    userClick(inPanel('[data-action="save"]'));
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledTimes(1));
    expect(savedSelectors()).toEqual([{ avatars: ['.avatar'] }]);
  });
});
