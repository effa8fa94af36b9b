/**
 * The picker's worker side: who may start it and where, who may save, what a save writes (the
 * user's own rule for a built-in site, the added site's rule otherwise), and that a refused save
 * changes nothing stored.
 */
import { describe, expect, it } from 'vitest';
import { cancelPicker, resumeWaitingPickers, savePicks, startPicker } from '../../../src/background/picker';
import { routeMessage, type RouterContext } from '../../../src/background/message-router';
import { PackService } from '../../../src/background/packs';
import { offlineSubscriptions } from './offline-subscriptions';
import { AddedSitesStore, SettingsStore, SlowSelectorsStore, UserRulesStore, type StorageArea } from '../../../src/background/settings-store';
import { ADDED_SITES_KEY } from '../../../src/shared/added-sites';
import { USER_RULES_KEY } from '../../../src/shared/rule/effective';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { fakePickerDeps } from './fake-picker';

class MemoryStorage implements StorageArea {
  data: Record<string, unknown> = {};
  async get(key: string) {
    return key in this.data ? { [key]: structuredClone(this.data[key]) } : {};
  }
  async getMany(keys: string[]) {
    return Object.fromEntries(keys.filter((key) => key in this.data).map((key) => [key, structuredClone(this.data[key])]));
  }
  async set(items: Record<string, unknown>) {
    Object.assign(this.data, structuredClone(items));
  }
}

const BUILT_IN: SiteRule[] = [{ id: 'hackernews', name: 'Hacker News', hosts: ['news.ycombinator.com'], names: ['.hnuser'] }];
const FORUM = 'https://forums.tomatogrowers.example/threads/early-blight.48213/';
const TABS = { 1: FORUM, 2: 'https://news.ycombinator.com/item?id=1', 3: 'chrome://extensions/', 4: 'https://www.other.example/' };

function setup(granted: string[] = [], imported: Record<string, SiteRule> = {}) {
  const storage = new MemoryStorage();
  const synced: string[][] = [];
  const revoked: string[][] = [];
  const userRules = new UserRulesStore(storage);
  const addedSites = new AddedSitesStore(storage);
  const hostAccess: RouterContext['hostAccess'] = {
    granted: async (origins) => granted.some((host) => origins.includes(`*://${host}/*`)),
    revoke: async (origins) => void revoked.push(origins),
    sync: async (sites) => void synced.push(Object.keys(sites)),
  };
  const fake = fakePickerDeps({ rules: BUILT_IN, userRules, addedSites, hostAccess }, { ...TABS }, imported);
  const store = new SettingsStore(storage);
  const ctx: RouterContext = {
    updateBadge: async () => undefined,
    screenshot: async () => ({ kind: 'refused', reason: 'off' }),
    extensionId: 'abc',
    extensionOrigin: 'chrome-extension://abc/',
    store,
    packs: new PackService(storage, store, BUILT_IN),
    subscriptions: offlineSubscriptions(storage, store, BUILT_IN),
    userRules,
    addedSites,
    slowSelectors: new SlowSelectorsStore(storage),
    rules: BUILT_IN,
    hostAccess,
    picker: fake.deps,
  };
  return { ...fake, storage, synced, revoked, granted, ctx };
}

/** The picker's own messages come from the top frame of the tab it was started in. */
const fromTab = (tabId: number, url = TABS[tabId as keyof typeof TABS]) => ({ id: 'abc', url, frameId: 0, tab: { id: tabId } });

describe('starting the picker', () => {
  it('opens on a built-in site without asking for a permission (the manifest has it)', async () => {
    const t = setup();
    expect(await startPicker(2, t.deps)).toEqual({ ok: true, value: { host: 'news.ycombinator.com', waiting: false } });
    expect(t.injected).toEqual([2]);
  });

  it('is refused on a new site until the user granted it, and on browser pages', async () => {
    const t = setup();
    expect(await startPicker(1, t.deps)).toEqual({ ok: false, error: 'permission for forums.tomatogrowers.example was not granted' });
    expect(await startPicker(3, t.deps)).toMatchObject({ ok: false, error: expect.stringContaining('web sites only') });
    expect(t.injected).toEqual([]);
  });

  it('waits for the grant the popup asked for in the same click, then opens (Firefox closes the popup meanwhile)', async () => {
    const t = setup();
    expect(await startPicker(1, t.deps, true)).toEqual({ ok: true, value: { host: 'forums.tomatogrowers.example', waiting: true } });
    expect(t.injected).toEqual([]);
    await resumeWaitingPickers(t.deps); // another site's grant: still waiting
    expect(t.injected).toEqual([]);
    t.granted.push('forums.tomatogrowers.example');
    await resumeWaitingPickers(t.deps);
    expect(t.injected).toEqual([1]);
    expect(t.waiting).toEqual({});
    expect(t.sessions).toEqual({ 1: 'forums.tomatogrowers.example' });
  });

  it('drops the site "www." so the rule covers the whole site', async () => {
    const t = setup(['other.example']);
    expect(await startPicker(4, t.deps)).toMatchObject({ ok: true, value: { host: 'other.example' } });
  });
});

describe('saving what was picked', () => {
  it('adds a new site with its own rule, registers it and masks the tab at once', async () => {
    const t = setup(['forums.tomatogrowers.example']);
    await startPicker(1, t.deps);
    const saved = await savePicks({ avatars: ['.message-avatar img'], names: ['.message-name .username'], locations: ['a[href*="location-info"]'] }, fromTab(1), t.deps);
    expect(saved).toMatchObject({ ok: true, value: { siteName: 'forums.tomatogrowers.example' } });
    expect((t.storage.data[ADDED_SITES_KEY] as Record<string, { rule: SiteRule }>)['forums.tomatogrowers.example'].rule).toEqual({
      id: 'forums-tomatogrowers-example',
      name: 'forums.tomatogrowers.example',
      hosts: ['forums.tomatogrowers.example'],
      avatars: ['.message-avatar img'],
      names: ['.message-name .username'],
      locations: ['a[href*="location-info"]'],
    });
    expect(t.synced).toEqual([['forums.tomatogrowers.example']]);
    expect(t.masked).toEqual([1]);
    expect(t.sessions).toEqual({});
  });

  it("adds to a built-in site's rule as the user's own edit, on top of the rule in force", async () => {
    const t = setup();
    t.storage.data[USER_RULES_KEY] = { hackernews: { ...BUILT_IN[0], names: ['.hnuser', 'a.mine'] } };
    await startPicker(2, t.deps);
    expect(await savePicks({ names: ['.hnuser'], handles: ['.comhead a[href^="user?"]'] }, fromTab(2), t.deps)).toMatchObject({ ok: true });
    expect((t.storage.data[USER_RULES_KEY] as Record<string, SiteRule>).hackernews).toEqual({
      ...BUILT_IN[0],
      names: ['.hnuser', 'a.mine'],
      handles: ['.comhead a[href^="user?"]'],
    });
    expect(t.storage.data[ADDED_SITES_KEY]).toBeUndefined();
  });

  it('adds to an added site, keeping the rule it had and when it was added', async () => {
    const t = setup(['forums.tomatogrowers.example']);
    const before = {
      host: 'forums.tomatogrowers.example',
      addedAt: '2026-11-01T00:00:00.000Z',
      rule: { id: 'forum', name: 'Forum', hosts: ['forums.tomatogrowers.example'], names: ['.username'] },
    };
    t.storage.data[ADDED_SITES_KEY] = { 'forums.tomatogrowers.example': before };
    await startPicker(1, t.deps);
    await savePicks({ avatars: ['.avatar img'] }, fromTab(1), t.deps);
    expect((t.storage.data[ADDED_SITES_KEY] as Record<string, unknown>)['forums.tomatogrowers.example']).toEqual({ ...before, rule: { ...before.rule, avatars: ['.avatar img'] } });
    expect(t.masked).toEqual([]); // its script already runs there and follows the stored rule
  });

  it("adds to the rule a pack brought for the site (a friend's forum rule), not to generic mode", async () => {
    const packRule: SiteRule = { id: 'tomato-forum', name: 'Tomato forum', hosts: ['tomatogrowers.example'], names: ['.username'], locations: ['.location'] };
    const t = setup(['forums.tomatogrowers.example'], { 'tomato-forum': packRule });
    await startPicker(1, t.deps);
    expect(await savePicks({ avatars: ['.avatar'] }, fromTab(1), t.deps)).toMatchObject({ ok: true });
    expect((t.storage.data[ADDED_SITES_KEY] as Record<string, { rule: SiteRule }>)['forums.tomatogrowers.example'].rule).toEqual({
      ...packRule,
      hosts: ['forums.tomatogrowers.example'],
      avatars: ['.avatar'],
    });
  });

  it('is refused from a tab without a picker, another frame, another site, and stores nothing', async () => {
    const t = setup(['forums.tomatogrowers.example']);
    const picks = { names: ['.username'] };
    expect(await savePicks(picks, fromTab(1), t.deps)).toEqual({ ok: false, error: 'no picker was started on this page' });
    await startPicker(1, t.deps);
    expect(await savePicks(picks, { ...fromTab(1), frameId: 3 }, t.deps)).toEqual({ ok: false, error: 'only the picker in a tab may send this' });
    expect(await savePicks(picks, fromTab(1, 'https://evil.example/'), t.deps)).toEqual({ ok: false, error: 'no picker was started on this page' });
    expect(await savePicks(picks, { url: FORUM }, t.deps)).toEqual({ ok: false, error: 'only the picker in a tab may send this' });
    expect(t.storage.data).toEqual({});
  });

  it('refuses page-wide and CSS-text selectors, saying which, and stores nothing', async () => {
    const t = setup(['forums.tomatogrowers.example']);
    await startPicker(1, t.deps);
    const refused = await savePicks({ avatars: ['img'], names: ['.username', 'a{color:red}'] }, fromTab(1), t.deps);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.split('\n')).toEqual([
      'avatars[0]: would match most of the page; add an attribute, class or id that picks out identities',
      'names[1]: contains "{", "}" or ";" (CSS text, not a selector)',
    ]);
    expect(await savePicks({}, fromTab(1), t.deps)).toEqual({ ok: false, error: 'nothing was picked' });
    expect(t.storage.data).toEqual({});
    expect(t.sessions).toEqual({ 1: 'forums.tomatogrowers.example' }); // the user can fix it and save again
  });
});

describe('cancelling', () => {
  it('gives back the permission of a site granted only for picking', async () => {
    const t = setup(['forums.tomatogrowers.example']);
    await startPicker(1, t.deps);
    expect(await cancelPicker(fromTab(1), t.deps)).toEqual({ ok: true, value: null });
    expect(t.revoked).toEqual([['*://forums.tomatogrowers.example/*', '*://*.forums.tomatogrowers.example/*']]);
    expect(t.sessions).toEqual({});
  });

  it('keeps the permission of a site already added', async () => {
    const t = setup(['forums.tomatogrowers.example']);
    t.storage.data[ADDED_SITES_KEY] = { 'forums.tomatogrowers.example': { host: 'forums.tomatogrowers.example', addedAt: '2026-11-01T00:00:00.000Z' } };
    await startPicker(1, t.deps);
    await cancelPicker(fromTab(1), t.deps);
    expect(t.revoked).toEqual([]);
  });
});

describe('through the message router', () => {
  const popup = { id: 'abc', url: 'chrome-extension://abc/src/popup/index.html' };

  it('lets only the extension pages start it, and tells the popup which host to ask for', async () => {
    const t = setup();
    expect(await routeMessage({ type: 'page:get-pick-host', url: FORUM }, popup, t.ctx)).toEqual({
      ok: true,
      value: { host: 'forums.tomatogrowers.example', needsPermission: true },
    });
    expect(await routeMessage({ type: 'page:get-pick-host', url: TABS[2] }, popup, t.ctx)).toEqual({ ok: true, value: { host: 'news.ycombinator.com', needsPermission: false } });
    expect(await routeMessage({ type: 'page:get-pick-host', url: 'about:blank' }, popup, t.ctx)).toEqual({ ok: true, value: null });
    expect(await routeMessage({ type: 'page:start-picker', tabId: 2 }, fromTab(1), t.ctx)).toMatchObject({
      ok: false,
      error: expect.stringContaining("only the extension's own pages"),
    });
    expect(await routeMessage({ type: 'page:start-picker', tabId: 2 }, popup, t.ctx)).toMatchObject({ ok: true });
    expect(t.injected).toEqual([2]);
  });

  it("refuses the picker's messages from another extension and malformed ones", async () => {
    const t = setup();
    await routeMessage({ type: 'page:start-picker', tabId: 2 }, popup, t.ctx);
    expect(await routeMessage({ type: 'picker:save', selectors: { names: ['.x'] } }, { ...fromTab(2), id: 'other' }, t.ctx)).toMatchObject({
      ok: false,
      error: expect.stringContaining('not from this extension'),
    });
    expect(await routeMessage({ type: 'picker:save', selectors: { names: ['.x'], script: ['x'] } }, fromTab(2), t.ctx)).toMatchObject({
      ok: false,
      error: expect.stringContaining('picker:save'),
    });
    expect(await routeMessage({ type: 'picker:save', selectors: { names: ['.x'] } }, fromTab(2), t.ctx)).toMatchObject({ ok: true });
  });
});
