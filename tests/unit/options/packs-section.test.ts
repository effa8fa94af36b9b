/**
 * The "Rule packs" section rendered in jsdom against the real worker code: messages go through
 * routeMessage to a PackService on in-memory storage (values copied in and out, onChanged fired
 * as the browser does). Export (file and share code, nothing that identifies the author), copy,
 * and import from a pasted code, a chosen file and a dropped file, with the preview, the choices
 * sent, atomic apply and undo.
 */
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { routeMessage, type RouterContext } from '../../../src/background/message-router';
import { PackService } from '../../../src/background/packs';
import { offlineSubscriptions } from '../background/offline-subscriptions';
import { AddedSitesStore, SettingsStore, SlowSelectorsStore, UserRulesStore } from '../../../src/background/settings-store';
import { BUILT_IN_RULES } from '../../../src/rules';
import { readSettings, SETTINGS_KEY } from '../../../src/shared/settings';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { USER_RULES_KEY } from '../../../src/shared/rule/effective';
import { builtIn, FORUM, makePack } from '../packs/helpers';
import { getMessageFrom, readLocale } from '../popup/fake-browser';

type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;

/** storage.local as the browser behaves: asynchronous, copies in and out, onChanged after each write. */
class MemoryStorage {
  data: Record<string, unknown> = {};
  listeners = new Set<Listener>();
  async get(keys: string | string[]) {
    const list = typeof keys === 'string' ? [keys] : keys;
    return Object.fromEntries(list.filter((key) => key in this.data).map((key) => [key, structuredClone(this.data[key])]));
  }
  getMany = (keys: string[]) => this.get(keys);
  async set(items: Record<string, unknown>) {
    const changes = Object.fromEntries(Object.entries(items).map(([key, value]) => [key, { oldValue: this.data[key], newValue: structuredClone(value) }]));
    Object.assign(this.data, structuredClone(items));
    for (const listener of this.listeners) listener(changes, 'local');
  }
}

const ORIGIN = 'chrome-extension://abc/';
const world = vi.hoisted(() => ({ sendMessage: (_message: unknown): Promise<unknown> => Promise.reject(new Error('no worker')), storage: null as unknown }));
vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: { getMessage: getMessageFrom(readLocale('en')), getUILanguage: () => 'en-US' },
    runtime: { getURL: (path: string) => `${ORIGIN}${path}`, sendMessage: (message: unknown) => world.sendMessage(message) },
    storage: {
      local: { get: (keys: string | string[]) => (world.storage as MemoryStorage).get(keys) },
      onChanged: {
        addListener: (listener: Listener) => (world.storage as MemoryStorage).listeners.add(listener),
        removeListener: (listener: Listener) => (world.storage as MemoryStorage).listeners.delete(listener),
      },
    },
  },
}));
// The options page's own calls take the polyfill; the pages' kit (src/ui/) the browser's global API.
vi.stubGlobal('browser', (await import('webextension-polyfill')).default);
const { fakePickerDeps } = await import('../background/fake-picker');
const { PacksSection } = await import('../../../src/options/components/packs-section');

const SECRETS = { label: 'milk-tea mo', ownHandles: ['my_own_handle'], salt: 'a1b2c3d4e5f60718' };
/** Settings as a profile that has run once holds them (with its salt, so reading them writes nothing). */
const fresh = () => ({ ...readSettings({}).settings, salt: '0123456789abcdef' });
const myDemo: SiteRule = { ...builtIn('demo'), names: [...builtIn('demo').names!, '.byline'] };

function worker(storage: MemoryStorage) {
  const store = new SettingsStore(storage);
  const userRules = new UserRulesStore(storage);
  const addedSites = new AddedSitesStore(storage);
  const hostAccess: RouterContext['hostAccess'] = { granted: async () => false, revoke: async () => undefined, sync: async () => undefined };
  const ctx: RouterContext = {
    updateBadge: async () => undefined,
    screenshot: async () => ({ kind: 'refused', reason: 'off' }),
    extensionId: 'abc',
    extensionOrigin: ORIGIN,
    store,
    packs: new PackService(storage, store, BUILT_IN_RULES),
    subscriptions: offlineSubscriptions(storage, store, BUILT_IN_RULES),
    userRules,
    addedSites,
    slowSelectors: new SlowSelectorsStore(storage),
    rules: BUILT_IN_RULES,
    hostAccess,
    picker: fakePickerDeps({ rules: BUILT_IN_RULES, userRules, addedSites, hostAccess }).deps,
  };
  const sent: Record<string, unknown>[] = [];
  world.storage = storage;
  world.sendMessage = async (message) => {
    sent.push(message as Record<string, unknown>);
    return routeMessage(structuredClone(message), { id: 'abc', url: `${ORIGIN}src/options/index.html` }, ctx);
  };
  return sent;
}

const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector);
const text = (selector: string) => $(selector)?.textContent ?? '';
const until = (check: () => unknown) => vi.waitFor(() => expect(check()).toBeTruthy(), { timeout: 3000, interval: 5 });

/** Lets Preact render what an event changed, as the time between two of a person's actions does. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function type(selector: string, value: string) {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
}
async function click(selector: string) {
  $<HTMLElement>(selector)!.click();
  await settle();
}
const jsonFile = (value: unknown, name = 'friend.momo.json') => new File([JSON.stringify(value)], name, { type: 'application/json' });

describe('the Rule packs section (jsdom, real worker code)', () => {
  let root: HTMLElement;
  let downloads: { name: string; href: string }[];
  let blobs: Map<string, Blob>;
  let storage: MemoryStorage;
  let sent: Record<string, unknown>[];
  const copied = vi.fn(async (_text: string) => undefined);

  beforeEach(() => {
    storage = new MemoryStorage();
    sent = worker(storage);
    blobs = new Map();
    let n = 0;
    URL.createObjectURL = (blob: Blob) => {
      const url = `blob:${ORIGIN}${++n}`;
      blobs.set(url, blob);
      return url;
    };
    URL.revokeObjectURL = (url: string) => void blobs.delete(url);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: copied }, configurable: true });
    downloads = [];
    // jsdom cannot save files: the download link is recorded and its navigation stopped.
    document.addEventListener('click', recordDownload, true);
    root = document.body.appendChild(document.createElement('main'));
    render(h(PacksSection, { sites: BUILT_IN_RULES.map(({ id, name }) => ({ id, name })) }), root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
    document.removeEventListener('click', recordDownload, true);
    copied.mockClear();
  });
  function recordDownload(event: Event) {
    const link = (event.target as Element).closest?.('a[download]') as HTMLAnchorElement | null;
    if (!link) return;
    event.preventDefault();
    downloads.push({ name: link.download, href: link.getAttribute('href')! });
  }

  it('exports the edited rules as a file and a share code, never the author’s handles, label or salt', async () => {
    await storage.set({ [SETTINGS_KEY]: { ...readSettings({}).settings, ...SECRETS }, [USER_RULES_KEY]: { demo: myDemo } });
    expect(text('[data-testid="pack-privacy"]')).toMatch(/handles, your label and your pseudonym salt are never included/);

    await click('[data-testid="pack-export"]');
    await until(() => $('[data-testid="pack-title-problem"]'));
    expect($('[data-testid="pack-title"]')!.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe($('[data-testid="pack-title"]'));
    expect(sent).toEqual([]);

    await type('[data-testid="pack-title"]', '  Demo byline fix ');
    await type('[data-testid="pack-author"]', 'Robin');
    await type('[data-testid="pack-description"]', 'Masks the byline too.');
    await click('[data-testid="pack-export"]');
    await until(() => $('[data-testid="pack-code"]'));

    expect(downloads).toHaveLength(1);
    expect(downloads[0].name).toBe('demo-byline-fix.momo.json');
    const fileText = await blobs.get(downloads[0].href)!.text();
    const pack = JSON.parse(fileText);
    expect(pack).toMatchObject({ format: 'momo-pack', meta: { title: 'Demo byline fix', author: 'Robin', description: 'Masks the byline too.' }, sites: { demo: myDemo } });
    for (const secret of [SECRETS.label, SECRETS.ownHandles[0], SECRETS.salt]) expect(fileText).not.toContain(secret);
    expect(text('[data-testid="pack-export-status"]')).toBe('Saved “demo-byline-fix.momo.json” (site rules: 1; sites switched off: 0). Save “demo-byline-fix.momo.json” again');
    // The link to save the file again is the same file.
    expect($<HTMLAnchorElement>('[data-testid="pack-file-link"]')!.getAttribute('href')).toBe(downloads[0].href);

    const code = $<HTMLTextAreaElement>('[data-testid="pack-code"]')!;
    expect(code.readOnly).toBe(true);
    expect(code.value).toMatch(/^MOMO1:[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect($('label[for="pack-code"]')?.textContent).toBe('Share code');
    expect(text('[data-testid="pack-copied"]')).toBe('');
    await click('[data-testid="pack-copy"]');
    await until(() => text('[data-testid="pack-copied"]') === 'Copied');
    expect(copied).toHaveBeenCalledWith(code.value);
    // Exported, read back (no warnings), nothing written.
    expect($('[data-testid="pack-export-warnings"]')).toBeNull();
    expect(Object.keys(storage.data).sort()).toEqual([SETTINGS_KEY, USER_RULES_KEY]);
  });

  it('previews a pasted code without writing, applies it, and undoes it', async () => {
    // A friend's profile exports its edit of the demo rule as a share code.
    const theirs = new MemoryStorage();
    await theirs.set({ [USER_RULES_KEY]: { demo: myDemo } });
    const { code } = await new PackService(theirs, new SettingsStore(theirs), BUILT_IN_RULES).export({ title: 'Demo byline fix' });
    await storage.set({ [SETTINGS_KEY]: fresh() });
    const before = structuredClone(storage.data);
    await until(() => text('[data-testid="pack-last-import"]') === 'No import to undo.');
    expect($<HTMLButtonElement>('[data-testid="pack-undo"]')!.disabled).toBe(true);

    await click('[data-testid="pack-preview"]');
    await until(() => text('[data-testid="pack-import-problem"]') === 'Paste a share code or a pack’s text first.');
    await type('[data-testid="pack-text"]', `${code.slice(0, 40)}\n${code.slice(40)}`);
    await click('[data-testid="pack-preview"]');
    await until(() => text('#pack-preview-title') === 'Preview of “Demo byline fix”');
    expect(text('[data-testid="pack-status-demo"]')).toBe('Changes');
    expect(storage.data).toEqual(before);
    // Typing again drops a preview that no longer matches the box.
    const friend = makePack({ demo: myDemo, forum: FORUM });
    await type('[data-testid="pack-text"]', `  ${JSON.stringify(friend)}\n`);
    expect($('[data-testid="pack-import-preview"]')).toBeNull();
    await click('[data-testid="pack-preview"]');
    await until(() => $('[data-testid="pack-import-preview"]'));
    expect(text('#pack-preview-title')).toBe('Preview of “Friend pack”');
    await until(() => document.activeElement === $('#pack-preview-title'));
    expect(text('[data-testid="pack-status-demo"]')).toBe('Changes');
    expect(text('[data-testid="pack-status-forum"]')).toBe('New');
    const diff = $('[data-testid="pack-diff-demo"]')!;
    expect(diff.querySelector('[data-field="names"] dt')?.textContent).toBe('Display names');
    expect([...diff.querySelectorAll('[data-field="names"] ins code')].map((el) => el.textContent)).toEqual(['.byline']);
    expect(diff.querySelectorAll('[data-field]')).toHaveLength(1);
    expect(text('[data-testid="pack-apply-hint"]')).toBe('Sites to change: 2.');
    // The checkbox is named for the site it applies.
    expect($('[data-testid="pack-apply-demo"]')!.closest('label')!.querySelector('.sr-only')?.textContent).toBe('Apply to Momo Mask demo feed');
    expect(storage.data).toEqual(before);

    await click('[data-testid="pack-apply-forum"]');
    await until(() => text('[data-testid="pack-apply-hint"]') === 'Sites to change: 1.');
    expect($<HTMLInputElement>('[data-testid="pack-select-all"]')!.indeterminate).toBe(true);
    await click('[data-testid="pack-apply"]');
    await until(() => text('[data-testid="pack-import-status"]').startsWith('Applied'));
    expect(text('[data-testid="pack-import-status"]')).toBe('Applied “Friend pack” to Momo Mask demo feed.');
    expect(sent.at(-1)).toMatchObject({ type: 'page:apply-import', choices: { demo: 'apply', forum: 'skip' } });
    expect(storage.data.importedRules).toEqual({ demo: expect.objectContaining({ rule: myDemo, pack: 'Friend pack' }) });
    expect($('[data-testid="pack-import-preview"]')).toBeNull();
    await until(() => text('[data-testid="pack-last-import"]').startsWith('Last import: “Friend pack”'));

    await click('[data-testid="pack-undo"]');
    await until(() => text('[data-testid="pack-import-status"]') === 'Undid the import of “Friend pack”.');
    expect(storage.data.importedRules).toEqual({});
    await until(() => text('[data-testid="pack-last-import"]') === 'No import to undo.');
  });

  it('reads a chosen file and a dropped one: invalid sites with each reason, conflicts with a choice', async () => {
    await storage.set({ [SETTINGS_KEY]: fresh(), [USER_RULES_KEY]: { demo: { ...builtIn('demo'), names: ['.mine'] } } });
    const friend = makePack({ demo: myDemo, zhihu: { ...builtIn('zhihu'), names: ['body', '.ok'] }, x: { ...builtIn('x'), avatars: ['img{display:none}'] } });

    const input = $<HTMLInputElement>('[data-testid="pack-file"]')!;
    expect($('label[for="pack-file"]')?.textContent).toBe('Pack file (.momo.json)');
    Object.defineProperty(input, 'files', { value: [jsonFile(friend)], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => $('[data-testid="pack-import-preview"]'));
    expect(text('[data-testid="pack-import-preview"] .hint')).toContain('read from friend.momo.json');
    expect(text('[data-testid="pack-status-zhihu"]')).toBe('Invalid');
    expect([...document.querySelectorAll('[data-testid="pack-reasons-zhihu"] li')].map((li) => li.textContent)).toEqual([
      'sites.zhihu.names[0]: would match the whole page ("body"); a pack may only pick out identities',
    ]);
    expect(text('[data-testid="pack-reasons-x"] li')).toMatch(/^sites\.x\.avatars\[0\]: /);
    expect($('[data-testid="pack-apply-zhihu"]')).toBeNull();
    expect(text('[data-testid="pack-status-demo"]')).toBe('Conflict');
    expect($<HTMLInputElement>('[data-testid="pack-keep-mine-demo"]')!.checked).toBe(true);
    expect($('[data-testid="pack-keep-mine-demo"]')!.closest('fieldset')!.querySelector('legend')?.textContent).toMatch(/You edited this site’s rule/);
    // Keeping the user's rule everywhere: nothing to write, Apply is off.
    expect($<HTMLButtonElement>('[data-testid="pack-apply"]')!.disabled).toBe(true);
    const conflictDiff = $('[data-testid="pack-diff-demo"] [data-field="names"]')!;
    expect([...conflictDiff.querySelectorAll('del code')].map((el) => el.textContent)).toEqual(['.mine']);
    expect([...conflictDiff.querySelectorAll('ins code')].map((el) => el.textContent)).toEqual(['[data-role="display-name"]', '.byline']);

    // Every control of the section has a name a screen reader says.
    const unnamed = [...document.querySelectorAll<HTMLElement>('[data-testid="packs"] :is(input, textarea, button, select)')].filter((control) => {
      const byFor = control.id && document.querySelector(`label[for="${control.id}"]`)?.textContent?.trim();
      const wrapped = control.closest('label')?.textContent?.trim();
      return !(byFor || wrapped || control.getAttribute('aria-label') || (control.localName === 'button' && control.textContent?.trim()));
    });
    expect(unnamed.map((control) => control.outerHTML)).toEqual([]);

    // A dropped file replaces the preview.
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', {
      value: { files: [jsonFile(makePack({ demo: myDemo }, { meta: { title: 'Dropped', created: '2025-05-01T08:00:00.000Z' } }), 'dropped.json')], types: ['Files'] },
    });
    $('[data-testid="pack-text"]')!.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await until(() => text('#pack-preview-title') === 'Preview of “Dropped”');
    await click('[data-testid="pack-take-theirs-demo"]');
    await until(() => !$<HTMLButtonElement>('[data-testid="pack-apply"]')!.disabled);
    await click('[data-testid="pack-apply"]');
    await until(() => text('[data-testid="pack-import-status"]').startsWith('Applied'));
    expect(sent.at(-1)).toMatchObject({ type: 'page:apply-import', choices: { demo: 'take-theirs' } });
    expect(storage.data[USER_RULES_KEY]).toEqual({});
    expect((storage.data.importedRules as Record<string, { rule: unknown }>).demo.rule).toEqual(myDemo);
  });

  it('shows why a whole pack is refused, offers no Apply, and refuses non-JSON files itself', async () => {
    await storage.set({ [SETTINGS_KEY]: fresh() });
    const before = structuredClone(storage.data);
    await type('[data-testid="pack-text"]', 'MOMO1:AAAA.00000000');
    await click('[data-testid="pack-preview"]');
    await until(() => $('[data-testid="pack-refused"]'));
    expect(text('#pack-preview-title')).toBe('This is not a pack that can be imported');
    expect(text('[data-testid="pack-refused"] li')).toBe('share code: the code was changed or cut off');
    expect($('[data-testid="pack-refused"]')!.getAttribute('role')).toBe('alert');
    expect($('[data-testid="pack-apply"]')).toBeNull();

    await type('[data-testid="pack-text"]', '{"format":"momo-pack","version":1,"meta":{"title":"T","created":"2025-05-01"},"sites":{"__proto__":{}}}');
    await click('[data-testid="pack-preview"]');
    await until(() => /__proto__/.test(text('[data-testid="pack-import-preview"]')));
    expect(storage.data).toEqual(before);

    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [new File(['x'], 'photo.png', { type: 'image/png' })], types: ['Files'] } });
    $('[data-testid="packs"]')!.dispatchEvent(drop);
    await until(() => text('[data-testid="pack-import-problem"]') === '“photo.png” is not a .momo.json or .json file.');
    expect($('[data-testid="pack-import-preview"]')).toBeNull();
    expect(sent.filter((m) => m.type === 'page:apply-import')).toEqual([]);
  });

  it('reports a refused apply line by line, and previews again against what is stored now', async () => {
    await storage.set({ [SETTINGS_KEY]: fresh() });
    await type('[data-testid="pack-text"]', JSON.stringify(makePack({ demo: myDemo })));
    await click('[data-testid="pack-preview"]');
    await until(() => $('[data-testid="pack-apply"]'));
    await storage.set({ [USER_RULES_KEY]: { demo: { ...builtIn('demo'), names: ['.edited-meanwhile'] } } });
    const before = structuredClone(storage.data);
    await click('[data-testid="pack-apply"]');
    await until(() => $('[data-testid="pack-import-status"]')!.getAttribute('data-kind') === 'refused');
    expect(text('[data-testid="pack-import-status"] p')).toBe('Not applied; nothing was changed:');
    expect(text('[data-testid="pack-import-status"] li')).toBe('demo: "apply" is not a choice for a site that is conflict');
    expect(storage.data).toEqual(before);
    await until(() => text('[data-testid="pack-status-demo"]') === 'Conflict');
  });

  it('shows what weakens masking unticked, with what it weakens; applies it only when ticked', async () => {
    await storage.set({ [SETTINGS_KEY]: fresh() });
    const reddit = builtIn('reddit');
    const x = builtIn('x');
    const pack = makePack({ reddit: { ...reddit, names: [] }, x: { ...x, names: [...(x.names ?? []), '.x-extra'] } }, { disabledSites: ['demo', 'x'] });
    await type('[data-testid="pack-text"]', JSON.stringify(pack));
    await click('[data-testid="pack-preview"]');
    await until(() => $('[data-testid="pack-status-demo"]'));
    const before = structuredClone(storage.data);

    // demo: switched off, and nothing else. Unticked, with the warning.
    expect($<HTMLInputElement>('[data-testid="pack-apply-demo"]')!.checked).toBe(false);
    expect(text('[data-testid="pack-weakens-demo"] li')).toBe('Masks less: switches masking off on Momo Mask demo feed.');
    expect($('[data-testid="pack-apply-demo"]')!.closest('label')!.querySelector('.sr-only')?.textContent).toBe('Switch masking off on Momo Mask demo feed');
    // reddit: a rule without names. Unticked, with what it drops.
    expect($<HTMLInputElement>('[data-testid="pack-apply-reddit"]')!.checked).toBe(false);
    expect(text('[data-testid="pack-weakens-reddit"] li')).toBe(`Masks less: drops ${reddit.names!.length} “Display names” entries of Reddit’s rule.`);
    expect($('[data-testid="pack-apply-reddit"]')!.getAttribute('aria-describedby')).toBe('pack-site-reddit-weakens');
    // x: a stronger rule, ticked; its switch-off has a checkbox of its own, unticked.
    expect($<HTMLInputElement>('[data-testid="pack-apply-x"]')!.checked).toBe(true);
    expect($('[data-testid="pack-weakens-x"]')).toBeNull();
    expect($<HTMLInputElement>('[data-testid="pack-apply-off-x"]')!.checked).toBe(false);
    expect(text('[data-testid="pack-weakens-off-x"] p')).toBe(`Masks less: switches masking off on ${x.name}.`);
    // "Apply all" is not shown for one part that strengthens; Apply writes only x's rule.
    expect($('[data-testid="pack-select-all"]')).toBeNull();
    expect(text('[data-testid="pack-apply-hint"]')).toBe('Sites to change: 1.');
    expect(storage.data).toEqual(before);

    await click('[data-testid="pack-apply-demo"]');
    await until(() => text('[data-testid="pack-apply-hint"]') === 'Sites to change: 2.');
    await click('[data-testid="pack-apply"]');
    await until(() => text('[data-testid="pack-import-status"]').startsWith('Applied'));
    // The Subscriptions panel may ask for its list meanwhile: the one apply-import sent is the one checked.
    const applied = sent.filter((message) => message.type === 'page:apply-import');
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ choices: { demo: 'apply', reddit: 'skip', x: 'apply', 'x:off': 'skip' } });
    expect((storage.data[SETTINGS_KEY] as { disabledSites: string[] }).disabledSites).toEqual(['demo']);
    expect(Object.keys(storage.data.importedRules as object)).toEqual(['x']);
  });

  it('refuses a file that is not UTF-8, and tells pasted text that is neither a code nor JSON what was expected', async () => {
    await storage.set({ [SETTINGS_KEY]: fresh() });
    // A pack titled "Café" saved as Latin-1: "é" is the one byte 0xE9, which is not UTF-8.
    const latin1 = Uint8Array.from(JSON.stringify(makePack({ demo: myDemo }, { meta: { title: 'Café', created: '2025-05-01' } })), (char) => char.charCodeAt(0));
    expect(latin1).toContain(0xe9);
    const input = $<HTMLInputElement>('[data-testid="pack-file"]')!;
    Object.defineProperty(input, 'files', { value: [new File([latin1], 'latin1.momo.json', { type: 'application/json' })], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => $('[data-testid="pack-import-problem"]'));
    expect(text('[data-testid="pack-import-problem"]')).toBe(
      '“latin1.momo.json” is not UTF-8 text (perhaps it was saved in another encoding). Pack files are UTF-8: save it as UTF-8 and choose it again.',
    );
    expect($('[data-testid="pack-import-preview"]')).toBeNull();
    // Nothing sent for the file (the subscriptions list below asks for itself when drawn).
    expect(sent.filter((message) => message.type !== 'page:get-subscriptions')).toEqual([]);

    await type('[data-testid="pack-text"]', 'https://example.org/friend.momo.json');
    await click('[data-testid="pack-preview"]');
    await until(() => $('[data-testid="pack-refused"]'));
    expect(text('[data-testid="pack-refused"] li')).toMatch(/^text: is a web address, not a pack; /);
  });

  it('says an import landed when the worker stopped after writing it and before answering', async () => {
    await storage.set({ [SETTINGS_KEY]: fresh() });
    const route = world.sendMessage;
    await type('[data-testid="pack-text"]', JSON.stringify(makePack({ demo: myDemo })));
    await click('[data-testid="pack-preview"]');
    await until(() => $('[data-testid="pack-apply"]'));
    // The worker writes the import, then stops: the page's message gets no answer.
    world.sendMessage = async (message) => {
      const reply = await route(message);
      if ((message as { type: string }).type === 'page:apply-import') throw new Error('The message port closed before a response was received.');
      return reply;
    };
    await click('[data-testid="pack-apply"]');
    await until(() => $('[data-testid="pack-import-status"]')!.getAttribute('data-kind') === 'applied');
    expect(text('[data-testid="pack-import-status"] p')).toBe('Applied “Friend pack” to Momo Mask demo feed.');
    expect(text('[data-testid="pack-import-status"] li')).toBe('The extension stopped before it answered, but the import was saved.');
    expect((storage.data.importedRules as Record<string, unknown>).demo).toBeDefined();
    expect($('[data-testid="pack-import-preview"]')).toBeNull();

    // Stopped before writing: not applied, and the page says so.
    await click('[data-testid="pack-undo"]');
    await until(() => text('[data-testid="pack-import-status"]').startsWith('Undid'));
    const before = structuredClone(storage.data);
    await type('[data-testid="pack-text"]', JSON.stringify(makePack({ demo: myDemo }, { meta: { title: 'Second', created: '2025-05-01' } })));
    await click('[data-testid="pack-preview"]');
    await until(() => $('[data-testid="pack-apply"]'));
    world.sendMessage = async (message) => {
      if ((message as { type: string }).type === 'page:apply-import') throw new Error('The message port closed before a response was received.');
      return route(message);
    };
    await click('[data-testid="pack-apply"]');
    await until(() => $('[data-testid="pack-import-status"]')!.getAttribute('data-kind') === 'refused');
    expect(text('[data-testid="pack-import-status"] p')).toBe(
      'Not applied; nothing was changed. The extension stopped before it answered (The message port closed before a response was received.): try again.',
    );
    expect(storage.data).toEqual(before);
    expect($('[data-testid="pack-import-preview"]')).not.toBeNull();
  });
});
