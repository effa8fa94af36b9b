import { describe, expect, it } from 'vitest';
import { routeMessage, type RouterContext } from '../../../src/background/message-router';
import { PackService } from '../../../src/background/packs';
import type { ShotRequest } from '../../../src/background/screenshot';
import { AddedSitesStore, SettingsStore, SlowSelectorsStore, UserRulesStore, type StorageArea } from '../../../src/background/settings-store';
import { siteForUrl } from '../../../src/shared/page-site';
import { SETTINGS_KEY } from '../../../src/shared/settings';
import { importedRuleForHost } from '../../../src/shared/rule/effective';
import { FORUM, makePack } from '../packs/helpers';
import { fakePickerDeps } from './fake-picker';
import { offlineSubscriptions } from './offline-subscriptions';

/** storage.local as the browser behaves: asynchronous, values copied in and out. */
class FakeStorage implements StorageArea {
  data: Record<string, unknown> = {};
  writes = 0;
  async get(key: string) {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    return key in this.data ? { [key]: structuredClone(this.data[key]) } : {};
  }
  async getMany(keys: string[]) {
    return Object.fromEntries(keys.filter((key) => key in this.data).map((key) => [key, structuredClone(this.data[key])]));
  }
  async set(items: Record<string, unknown>) {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    this.writes++;
    Object.assign(this.data, structuredClone(items));
  }
}

const ORIGIN = 'chrome-extension://abc/';
function context(storage = new FakeStorage(), grantedHosts: string[] = []) {
  const synced: string[][] = [];
  const revoked: string[][] = [];
  const store = new SettingsStore(storage);
  const rules = [{ id: 'x', name: 'X', hosts: ['x.com'], names: ['.n'] }];
  const userRules = new UserRulesStore(storage);
  const addedSites = new AddedSitesStore(storage);
  const hostAccess: RouterContext['hostAccess'] = {
    granted: async (origins) => grantedHosts.some((host) => origins.includes(`*://${host}/*`)),
    revoke: async (origins) => void revoked.push(origins),
    sync: async (sites) => void synced.push(Object.keys(sites)),
  };
  const badges: number[] = [];
  const shots: ShotRequest[] = [];
  const ctx: RouterContext & { storage: FakeStorage; synced: string[][]; revoked: string[][]; badges: number[]; shots: ShotRequest[] } = {
    badges,
    updateBadge: async (tabId) => void badges.push(tabId),
    shots,
    screenshot: async (request) => (shots.push(request), { kind: 'refused', reason: 'off' }),
    extensionId: 'abc',
    extensionOrigin: ORIGIN,
    store,
    packs: new PackService(storage, store, rules),
    subscriptions: offlineSubscriptions(storage, store, rules),
    userRules,
    addedSites,
    slowSelectors: new SlowSelectorsStore(storage),
    rules,
    hostAccess,
    picker: fakePickerDeps({ rules, userRules, addedSites, hostAccess }).deps,
    storage,
    synced,
    revoked,
  };
  return ctx;
}
const popup = { id: 'abc', url: `${ORIGIN}src/popup/index.html` };

describe('message router', () => {
  it('lets the extension pages read and change the settings', async () => {
    const ctx = context();
    expect(await routeMessage({ type: 'page:set-site-enabled', siteId: 'x', enabled: false }, popup, ctx)).toMatchObject({ ok: true, value: { disabledSites: ['x'] } });
    expect(await routeMessage({ type: 'page:get-settings' }, popup, ctx)).toMatchObject({ ok: true, value: { enabled: true, disabledSites: ['x'] } });
    expect(ctx.storage.data[SETTINGS_KEY]).toMatchObject({ disabledSites: ['x'] });
  });

  it("sets a tab's badge when its own page asks (masking off there), from the top frame only", async () => {
    const ctx = context();
    expect(await routeMessage({ type: 'tab:update-badge' }, { id: 'abc', url: 'https://x.com/home', tab: { id: 3 }, frameId: 0 }, ctx)).toEqual({ ok: true, value: null });
    const refused = { ok: false, error: 'message "tab:update-badge" refused: only a tab\'s own page may send it' };
    expect(await routeMessage({ type: 'tab:update-badge' }, { id: 'abc', url: 'https://x.com/embed', tab: { id: 3 }, frameId: 7 }, ctx)).toEqual(refused);
    expect(await routeMessage({ type: 'tab:update-badge' }, { id: 'evil', url: 'https://x.com/home', tab: { id: 4 }, frameId: 0 }, ctx)).toEqual(refused);
    expect(await routeMessage({ type: 'tab:update-badge' }, popup, ctx)).toEqual(refused);
    expect(ctx.badges).toEqual([3]);
    expect(ctx.storage.writes).toBe(0);
  });

  it("keeps the selectors a page of the site made too slow, from that site's pages only, and shows them with the rule", async () => {
    const ctx = context();
    const slow = { type: 'tab:report-slow-selectors', siteId: 'x', selectors: [{ field: 'names', selector: ':is(div div) .n', ms: 212 }] };
    expect(await routeMessage(slow, { id: 'abc', url: 'https://mobile.x.com/home', tab: { id: 3 }, frameId: 0 }, ctx)).toEqual({ ok: true, value: null });
    const refused = { ok: false, error: 'message "tab:report-slow-selectors" refused: only a page of that site may send it' };
    // Another site's page, another extension, an extension page: none may fill X's list.
    expect(await routeMessage(slow, { id: 'abc', url: 'https://www.reddit.com/', tab: { id: 4 }, frameId: 0 }, ctx)).toEqual(refused);
    expect(await routeMessage(slow, { id: 'evil', url: 'https://x.com/home', tab: { id: 4 }, frameId: 0 }, ctx)).toEqual(refused);
    expect(await routeMessage(slow, popup, ctx)).toEqual(refused);
    const view = await routeMessage({ type: 'page:get-rule', siteId: 'x' }, popup, ctx);
    expect(view).toMatchObject({ ok: true, value: { slow: [{ field: 'names', selector: ':is(div div) .n', ms: 212 }] } });
  });

  it("takes the popup's screenshot of a tab (the popup copies it itself), asked by the extension's pages only", async () => {
    const ctx = context();
    const message = { type: 'page:take-screenshot', tabId: 3, scope: 'page', confirmed: false };
    expect(await routeMessage(message, popup, ctx)).toEqual({ ok: true, value: { kind: 'refused', reason: 'off' } });
    expect(await routeMessage(message, { id: 'abc', url: 'https://x.com/home', tab: { id: 3 }, frameId: 0 }, ctx)).toMatchObject({ ok: false });
    expect(await routeMessage({ ...message, scope: 'everything' }, popup, ctx)).toMatchObject({ ok: false, error: expect.stringContaining('scope') });
    expect(ctx.shots).toEqual([{ tabId: 3, scope: 'page', confirmed: false, copyInTab: false }]);
  });

  it('refuses settings changes from content scripts and other extensions', async () => {
    const ctx = context();
    const fromPage = { id: 'abc', url: 'https://x.com/home', tab: { id: 3 } };
    const fromOther = { id: 'evil', url: 'chrome-extension://evil/page.html' };
    const spoofed = { id: 'abc', url: 'https://abc.example/chrome-extension://abc/' };
    for (const sender of [fromPage, fromOther, spoofed]) {
      expect(await routeMessage({ type: 'page:set-enabled', enabled: false }, sender, ctx)).toEqual({
        ok: false,
        error: `message "page:set-enabled" refused: only the extension's own pages may send it`,
      });
    }
    expect(ctx.storage.writes).toBe(0);
  });

  it('refuses malformed messages, saying what is wrong', async () => {
    const ctx = context();
    expect(await routeMessage({ type: 'page:set-enabled', enabled: 'off' }, popup, ctx)).toEqual({
      ok: false,
      error: 'message "page:set-enabled" refused: enabled: Invalid input: expected boolean, received string',
    });
    expect(await routeMessage({ type: 'page:drop-tables' }, popup, ctx)).toEqual({
      ok: false,
      error: 'message "page:drop-tables" refused: type: not a message this extension knows',
    });
    // A type that is an Object.prototype key is no message either (the schemas are looked up by type).
    expect((await routeMessage({ type: 'constructor' }, popup, ctx)).ok).toBe(false);
    expect((await routeMessage('hello', popup, ctx)).ok).toBe(false);
    expect(await routeMessage({ type: 'page:set-site-enabled', siteId: 'nowhere', enabled: true }, popup, ctx)).toEqual({ ok: false, error: 'unknown site "nowhere"' });
    expect(ctx.storage.writes).toBe(0);
  });

  it('serialises writes: concurrent changes all land', async () => {
    const ctx = context();
    await Promise.all([
      routeMessage({ type: 'page:set-site-enabled', siteId: 'x', enabled: false }, popup, ctx),
      routeMessage({ type: 'page:set-enabled', enabled: false }, popup, ctx),
      routeMessage({ type: 'page:set-label', label: 'postgrad mo' }, popup, ctx),
    ]);
    expect(ctx.storage.data[SETTINGS_KEY]).toMatchObject({ enabled: false, disabledSites: ['x'], label: 'postgrad mo' });
  });

  it('a new worker (after a stop) reads what the last one wrote', async () => {
    const storage = new FakeStorage();
    await routeMessage({ type: 'page:set-enabled', enabled: false }, popup, context(storage));
    expect(await routeMessage({ type: 'page:get-settings' }, popup, context(storage))).toMatchObject({ value: { enabled: false } });
  });

  it('repairs corrupt storage and keeps a copy of what it could not read', async () => {
    const storage = new FakeStorage();
    storage.data[SETTINGS_KEY] = { version: 1, enabled: 'maybe', label: 'night-owl mo' };
    const reply = await routeMessage({ type: 'page:get-settings' }, popup, context(storage));
    expect(reply).toMatchObject({ ok: true, value: { enabled: true, label: 'night-owl mo' } });
    expect(storage.data[`${SETTINGS_KEY}.unreadable`]).toMatchObject({ raw: { enabled: 'maybe' }, problems: ['settings.enabled: expected true or false'] });
  });

  it('saves a user-edited rule only when it is valid, listing each problem by field', async () => {
    const ctx = context();
    const bad = await routeMessage({ type: 'page:save-user-rule', rule: { id: 'x', name: 'X', hosts: ['x.com'], names: ['.n', 'a{}'], handles: 'oops' } }, popup, ctx);
    expect(bad).toEqual({ ok: false, error: 'names[1]: contains "{", "}" or ";" (CSS text, not a selector)\nhandles: expected a list of selectors' });
    expect(await routeMessage({ type: 'page:save-user-rule', rule: { id: 'y', name: 'Y', hosts: ['y.com'] } }, popup, ctx)).toEqual({
      ok: false,
      error: 'id: no built-in site is called "y"',
    });
    expect(ctx.storage.data.userRules).toBeUndefined();

    const saved = await routeMessage({ type: 'page:save-user-rule', rule: { id: 'x', name: 'X', hosts: ['x.com'], names: ['.n', '.display-name'], extra: 'dropped' } }, popup, ctx);
    expect(saved).toEqual({ ok: true, value: { id: 'x', name: 'X', hosts: ['x.com'], names: ['.n', '.display-name'] } });
    expect(await routeMessage({ type: 'page:get-rule', siteId: 'x' }, popup, ctx)).toMatchObject({
      ok: true,
      value: { edited: true, rule: { names: ['.n', '.display-name'] }, builtIn: { names: ['.n'] } },
    });
    expect(await routeMessage({ type: 'page:get-sites' }, popup, ctx)).toMatchObject({ value: [{ id: 'x', edited: true, enabled: true }] });

    await routeMessage({ type: 'page:reset-user-rule', siteId: 'x' }, popup, ctx);
    expect(await routeMessage({ type: 'page:get-rule', siteId: 'x' }, popup, ctx)).toMatchObject({ value: { edited: false, rule: { names: ['.n'] } } });
  });

  it('adds a site only once its permission is granted, registers it, and removes it again', async () => {
    const ctx = context(new FakeStorage(), ['forum.example.org']);
    expect(await routeMessage({ type: 'page:add-site', host: 'other.example.org' }, popup, ctx)).toEqual({ ok: false, error: 'permission for other.example.org was not granted' });
    expect(await routeMessage({ type: 'page:add-site', host: 'co.uk' }, popup, ctx)).toEqual({
      ok: false,
      error: '"co.uk" is a public suffix shared by many sites; add one site under it instead',
    });
    expect(await routeMessage({ type: 'page:add-site', host: 'mobile.x.com' }, popup, ctx)).toEqual({ ok: false, error: 'mobile.x.com is already built in' });
    expect(await routeMessage({ type: 'page:add-site', host: 'not a host' }, popup, ctx)).toEqual({ ok: false, error: '"not a host" is not a host name like forum.example.org' });
    expect(ctx.synced).toEqual([]);

    expect(await routeMessage({ type: 'page:add-site', host: 'https://Forum.Example.org/t/1' }, popup, ctx)).toMatchObject({ ok: true, value: { host: 'forum.example.org' } });
    expect(ctx.synced).toEqual([['forum.example.org']]);
    expect(await routeMessage({ type: 'page:get-added-sites' }, popup, ctx)).toMatchObject({ value: [{ host: 'forum.example.org' }] });
    // What the popup works out from storage for a page there (shared/page-site.ts).
    expect(siteForUrl([], ctx.storage.data.addedSites, 'https://forum.example.org/t/1')).toEqual({ id: 'forum.example.org', name: 'forum.example.org', added: true });
    expect(await routeMessage({ type: 'page:set-site-enabled', siteId: 'forum.example.org', enabled: false }, popup, ctx)).toMatchObject({ ok: true });

    await routeMessage({ type: 'page:remove-site', host: 'forum.example.org' }, popup, ctx);
    expect(ctx.synced.at(-1)).toEqual([]);
    expect(ctx.revoked).toEqual([['*://forum.example.org/*', '*://*.forum.example.org/*']]);
  });

  it("lists a pack's site that is not built in until its host is added; the added host then takes the pack's rule", async () => {
    const ctx = context(new FakeStorage(), ['forum.example.org']);
    const text = JSON.stringify(makePack({ forum: FORUM }));
    expect(await routeMessage({ type: 'page:apply-import', text, choices: {} }, popup, ctx)).toMatchObject({ ok: true, value: { applied: ['forum'] } });
    expect(await routeMessage({ type: 'page:get-pack-sites' }, popup, ctx)).toEqual({
      ok: true,
      value: [{ siteId: 'forum', name: 'Friendly forum', pack: 'Friend pack', hosts: ['forum.example.org'] }],
    });
    // Not masked yet: nothing registered for it, and no permission asked by the import.
    expect(ctx.synced).toEqual([]);
    await routeMessage({ type: 'page:add-site', host: 'forum.example.org' }, popup, ctx);
    expect(ctx.synced).toEqual([['forum.example.org']]);
    // What the content script reads for the added host (src/content/index.ts): the pack's rule, on the host and its subdomains only.
    expect(importedRuleForHost(ctx.storage.data.importedRules, 'forum.example.org')).toEqual(FORUM);
    expect(importedRuleForHost(ctx.storage.data.importedRules, 'www.forum.example.org')).toEqual(FORUM);
    expect(importedRuleForHost(ctx.storage.data.importedRules, 'example.org')).toBeUndefined();
    expect(importedRuleForHost({ forum: { rule: { ...FORUM, id: 'other' } } }, 'forum.example.org')).toBeUndefined();
    // A page may not ask.
    expect(await routeMessage({ type: 'page:get-pack-sites' }, { id: 'abc', url: 'https://forum.example.org/' }, ctx)).toMatchObject({ ok: false });
  });

  it('exports a pack and its share code; a fresh install previews, applies and undoes it', async () => {
    const mine = context();
    await routeMessage({ type: 'page:save-user-rule', rule: { id: 'x', name: 'X', hosts: ['x.com'], names: ['.n', '.display-name'] } }, popup, mine);
    await routeMessage({ type: 'page:set-label', label: 'secret label' }, popup, mine);
    const exported = await routeMessage({ type: 'page:export-pack', meta: { title: 'Fix for X' } }, popup, mine);
    const { pack, code } = (exported as { value: { pack: object; code: string } }).value;
    expect(JSON.stringify(pack)).not.toMatch(/secret label|salt/);
    expect(code).toMatch(/^MOMO1:/);

    const friend = context();
    await routeMessage({ type: 'page:get-settings' }, popup, friend); // a fresh install has written its settings
    const before = structuredClone(friend.storage.data);
    const preview = await routeMessage({ type: 'page:preview-import', text: code }, popup, friend);
    expect(preview).toMatchObject({ ok: true, value: { meta: { title: 'Fix for X' }, sites: [{ siteId: 'x', status: 'changed' }] } });
    expect(friend.storage.data).toEqual(before); // a preview writes nothing

    expect(await routeMessage({ type: 'page:apply-import', text: JSON.stringify(pack), choices: {} }, popup, friend)).toMatchObject({ ok: true });
    expect(friend.storage.data.importedRules).toMatchObject({ x: { rule: { names: ['.n', '.display-name'] }, pack: 'Fix for X' } });
    expect(await routeMessage({ type: 'page:undo-import' }, popup, friend)).toMatchObject({ ok: true });
    expect(friend.storage.data.importedRules).toEqual({});
  });

  it('a refused pack changes nothing and says why', async () => {
    const ctx = context();
    await routeMessage({ type: 'page:get-settings' }, popup, ctx);
    const before = structuredClone(ctx.storage.data);
    const reply = await routeMessage({ type: 'page:apply-import', text: 'MOMO1:not-a-real-code.00000000', choices: {} }, popup, ctx);
    expect(reply.ok).toBe(false);
    expect(ctx.storage.data).toEqual(before);
  });

  it('answers subscription messages from the extension pages only, and refuses an address that is not HTTPS before any request', async () => {
    const ctx = context();
    expect(await routeMessage({ type: 'page:get-subscriptions' }, popup, ctx)).toEqual({ ok: true, value: [] });
    const fromPage = await routeMessage({ type: 'page:subscribe', url: 'https://packs.example.org/p.json' }, { id: 'abc', url: 'https://x.com/home', tab: { id: 1 } }, ctx);
    expect(fromPage).toEqual({ ok: false, error: expect.stringContaining("only the extension's own pages may send it") });
    const plain = await routeMessage({ type: 'page:subscribe', url: 'http://packs.example.org/p.json' }, popup, ctx);
    expect(plain).toEqual({ ok: false, error: '"http://packs.example.org/p.json" is not an HTTPS address; a pack is only fetched over HTTPS' });
  });
});
