import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

const browser = fakeBrowser('en');
vi.stubGlobal('browser', browser);
const { ask, WorkerRefusal } = await import('../../../src/ui/api');

// Firefox's words when its event page is stopping after an idle while and no listener is there.
const nobodyListening = () => new Error('Could not establish connection. Receiving end does not exist.');

describe('ask (the pages’ way to the worker)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sends again when the background was stopping, and resolves with the answer of the one that woke', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage');
    send.mockRejectedValueOnce(nobodyListening()).mockRejectedValueOnce(nobodyListening()).mockResolvedValueOnce({ ok: true, value: 'hiking mo' });
    await expect(ask('page:set-label', { label: 'hiking mo' })).resolves.toBe('hiking mo');
    expect(send.mock.calls).toEqual([
      [{ type: 'page:set-label', label: 'hiking mo' }],
      [{ type: 'page:set-label', label: 'hiking mo' }],
      [{ type: 'page:set-label', label: 'hiking mo' }],
    ]);
  });

  it('gives up after a few tries with the browser’s own words', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValue(nobodyListening());
    await expect(ask('page:get-sites')).rejects.toThrow(/Receiving end does not exist/);
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('never sends an action again: the stopped background may have done it already', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValue(nobodyListening());
    await expect(ask('page:apply-import', { text: '{}', sites: [] } as never)).rejects.toThrow(/Receiving end does not exist/);
    await expect(ask('page:check-subscription', { url: 'https://example.org/pack.json' })).rejects.toThrow(/Receiving end/);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('never sends again after any other failure or a refusal (the worker may have acted on it)', async () => {
    const send = vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValueOnce(new Error('Message length exceeded maximum allowed length.'));
    await expect(ask('page:get-sites')).rejects.toThrow(/length/);
    send.mockResolvedValueOnce({ ok: false, error: 'label: too long' });
    await expect(ask('page:set-label', { label: 'x' })).rejects.toBeInstanceOf(WorkerRefusal);
    expect(send).toHaveBeenCalledTimes(2);
  });
});
