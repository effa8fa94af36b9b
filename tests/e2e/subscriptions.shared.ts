/**
 * Subscribing to a pack in a real browser. The pack is served by the test at
 * https://packs.momomask.test/demo.momo.json (PackServer: versions with an ETag, a 304 for a
 * matching If-None-Match, a response that can be held back), reached by the extension's own
 * worker: each browser file routes the worker's requests here and reports every request the
 * extension made itself (not a page's), which is how "no request unless subscribed, none anywhere
 * else" is watched. Through the options page's own controls: subscribe (the click asks for that
 * origin), the fixture page masked by the pack, an update that adds a selector applied by itself,
 * one that conflicts with the user's own edit waiting (the edit kept), one that drops a selector
 * waiting, a hostile one refused with the stored state unchanged, and unsubscribing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Subscription } from '../../src/shared/packs/subscription';
import type { SiteRule } from '../../src/shared/rule/fields';
import { loadFixtures } from './harness/fixtures';
import { FakeInternet, type Reply } from './harness/serve';
import { askWorker, type BrowserSession, type TestPage } from './harness/session';
import { poll, type UiPage } from './harness/ui';

export const PACK_HOST = 'packs.momomask.test';
export const PACK_URL = `https://${PACK_HOST}/demo.momo.json`;

/** The test's pack address: the current version, conditional answers, and every request it got. */
export class PackServer {
  private version = { body: '', etag: '' };
  private held: Promise<void> | null = null;
  readonly requests: { url: string; ifNoneMatch?: string }[] = [];

  serve(sites: Record<string, unknown>, packVersion: string): void {
    const meta = { title: 'Demo fixes', created: '2026-12-01T00:00:00.000Z', packVersion, changelog: `version ${packVersion}` };
    this.version = { body: JSON.stringify({ format: 'momo-pack', version: 1, meta, sites }), etag: `"v${packVersion}"` };
  }

  /** Holds the next answers back until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    this.held = new Promise((resolve) => {
      release = () => {
        this.held = null;
        resolve();
      };
    });
    return release;
  }

  async answer(url: string, ifNoneMatch: string | undefined): Promise<Reply> {
    this.requests.push({ url, ...(ifNoneMatch ? { ifNoneMatch } : {}) });
    await this.held;
    if (url !== PACK_URL) return { status: 404, headers: { 'content-type': 'text/plain' }, body: '' };
    if (ifNoneMatch === this.version.etag) return { status: 304, headers: { etag: this.version.etag }, body: '' };
    return { status: 200, headers: { 'content-type': 'application/json', etag: this.version.etag }, body: this.version.body };
  }
}

export interface SubscriptionsHarness {
  session: BrowserSession;
  openUi(path: string): Promise<UiPage>;
  /** Every http(s) request the extension itself made since launch (its worker or background page), by URL. */
  extensionRequests(): string[];
  /** Stops the worker for real while an update is in flight (Chromium); undefined where the browser offers no way. */
  stopWorker?(control: UiPage): Promise<void>;
}

const BYLINE = '[data-testid="byline"]';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function subscriptionsSuite(launch: (internet: FakeInternet, server: PackServer) => Promise<SubscriptionsHarness>): void {
  const [fixture] = loadFixtures((id) => id === 'demo/pack-check');
  const internet = new FakeInternet();
  internet.add(fixture);
  const server = new PackServer();
  let h: SubscriptionsHarness;
  let page: TestPage;
  let options: UiPage;
  const timings: string[] = [];
  let started = Date.now();
  const lap = (what: string) => {
    timings.push(`${what}: ${Date.now() - started} ms`);
    started = Date.now();
  };

  const stored = (keys: string[]) =>
    options.evaluate(async (k) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return api.storage.local.get(k);
    }, keys);
  const rulesAndSubscription = () => stored(['userRules', 'importedRules', 'settings', 'subscriptions']);
  const subscription = async () => ((await stored(['subscriptions'])).subscriptions as Record<string, Subscription> | undefined)?.[PACK_URL];
  const text = (selector: string) => page.evaluate((sel) => (document.querySelector(sel) as HTMLElement | null)?.innerText.trim() ?? '', selector);
  const pageShows = (needle: string) => page.evaluate((n) => document.body.innerText.includes(n), needle);
  /** Clicks "Check now" and waits for the check it started to be stored. */
  const checkNow = async () => {
    const before = (await subscription())?.lastCheck?.at;
    const count = server.requests.length;
    await options.click('[data-testid="subs-check"]');
    await poll(async () => server.requests.length > count && (await subscription())?.lastCheck?.at !== before, 'the check to be stored');
    await options.waitFor(() => !(document.querySelector('[data-testid="subs-check"]') as HTMLButtonElement).disabled);
  };

  let v1: SiteRule;
  let v2: SiteRule;
  let v3: SiteRule;

  beforeAll(async () => {
    h = await launch(internet, server);
    page = await h.session.open(fixture.expected.url);
    options = await h.openUi('src/options/index.html');
    await options.waitFor(() => document.querySelector('[data-testid="subscriptions"]') !== null);
    const builtIn: SiteRule = JSON.parse(readFileSync(resolve(__dirname, '../../src/rules/demo/demo.json'), 'utf8'));
    const [displayName] = builtIn.names ?? [];
    v1 = { ...builtIn, names: [displayName, '.byline'] };
    v2 = { ...v1, names: [...v1.names!, 'header > span.author'] };
    lap('launch and open');
  });
  afterAll(async () => {
    console.log(`[subscriptions ${h?.session.name}] ${timings.join('; ')}`);
    await h?.session.close();
  });

  it('with no subscription, the extension makes no request of its own', async () => {
    // The worker at work: settings, the rule, the empty list of subscriptions, a pack preview.
    expect(await askWorker(options, { type: 'page:get-subscriptions' })).toEqual([]);
    await askWorker(options, { type: 'page:preview-import', text: JSON.stringify({ format: 'momo-pack', version: 1, meta: { title: 'T', created: '2026-12-01' }, sites: {} }) });
    expect(await text(BYLINE)).toBe('Wilhelmina Oyelaran');
    await wait(500);
    expect(h.extensionRequests()).toEqual([]);
    expect(server.requests).toEqual([]);
    lap('no request');
  });

  it('Subscribe: the click asks for that origin only, the pack is fetched once and masks the page', async () => {
    server.serve({ demo: v1 }, '1');
    await options.fill('[data-testid="subs-url"]', 'http://packs.momomask.test/demo.momo.json');
    await options.click('[data-testid="subs-subscribe"]');
    await options.waitFor(() => document.querySelector('[data-testid="subs-message"]')?.getAttribute('data-kind') === 'problem');
    expect(await options.text('[data-testid="subs-message"]')).toContain('is not an HTTPS address');
    expect(server.requests).toEqual([]);

    await options.fill('[data-testid="subs-url"]', PACK_URL);
    await options.click('[data-testid="subs-subscribe"]');
    await options.waitFor(() => document.querySelector('[data-testid="subs-item-title"]')?.textContent === 'Demo fixes');
    expect(await options.text('[data-testid="subs-message"]')).toBe('Subscribed to “Demo fixes”.');
    expect(server.requests).toEqual([{ url: PACK_URL }]);
    const granted = await options.evaluate(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return (await api.permissions.getAll()).origins ?? [];
    });
    expect(granted).toContain(`https://${PACK_HOST}/*`);
    await poll(async () => (await text(BYLINE)) === 'momo', 'the byline to be masked by the pack');
    expect(await options.text('[data-testid="subs-last-update"]')).toContain('Momo Mask demo feed: the pack’s rule changed.');
    lap('subscribed');
  });

  it('an update that adds a selector applies by itself; an unchanged pack costs a 304', async () => {
    server.serve({ demo: v2 }, '2');
    await checkNow();
    expect(server.requests.at(-1)).toEqual({ url: PACK_URL, ifNoneMatch: '"v1"' });
    expect(((await stored(['importedRules'])).importedRules as Record<string, { rule: SiteRule }>).demo.rule.names).toEqual(v2.names);
    expect(await options.text('[data-testid="subs-item"] .tag')).toBe('version 2');
    expect(await options.evaluate(() => [...document.querySelectorAll('[data-testid="subs-diff-demo"] ins code')].map((el) => el.textContent))).toEqual(['header > span.author']);
    await checkNow();
    expect(server.requests.at(-1)).toEqual({ url: PACK_URL, ifNoneMatch: '"v2"' });
    expect((await subscription())?.lastCheck?.outcome).toBe('unchanged');
    lap('added');
  });

  it('an update that changes what the user edited waits, with both sides, and the user’s edit stays in force', async () => {
    const [displayName] = v1.names!;
    const mine: SiteRule = { ...v2, names: [displayName, 'span.byline', 'header > span.author'] };
    await askWorker(options, { type: 'page:save-user-rule', rule: mine });
    v3 = { ...v2, names: [displayName, 'p > [data-testid="byline"]', 'header > span.author'] };
    server.serve({ demo: v3 }, '3');
    const before = await rulesAndSubscription();
    await checkNow();
    await options.waitFor(() => document.querySelector('[data-testid="subs-wait-demo"]')?.getAttribute('data-kind') === 'conflict');
    const sides = await options.evaluate(() =>
      ['mine', 'theirs'].map((side) => [...document.querySelectorAll(`[data-testid="subs-conflict-demo"] [data-side="${side}"] code`)].map((el) => el.textContent)),
    );
    expect(sides).toEqual([mine.names, v3.names]);
    const after = await rulesAndSubscription();
    expect([after.userRules, after.importedRules, after.settings]).toEqual([before.userRules, before.importedRules, before.settings]);
    expect(await text(BYLINE)).toBe('momo');

    await options.click('[data-testid="subs-wait-demo"] [data-testid="subs-answer-keep-mine"]');
    await options.waitFor(() => document.querySelector('[data-testid="subs-waiting"]') === null);
    expect((await stored(['userRules'])).userRules).toEqual({ demo: mine });
    expect((await subscription())?.base.demo).toEqual(v3);
    lap('conflict');
  });

  it('an update that drops a selector waits; what it drops is shown and stays masked', async () => {
    const { handles: _dropped, ...v4 } = v3;
    server.serve({ demo: v4 }, '4');
    const before = await rulesAndSubscription();
    await checkNow();
    await options.waitFor(() => document.querySelector('[data-testid="subs-wait-demo"]')?.getAttribute('data-kind') === 'weakens');
    expect(await options.text('[data-testid="subs-drops-demo"]')).toContain(v3.handles![0]);
    const after = await rulesAndSubscription();
    expect([after.userRules, after.importedRules, after.settings]).toEqual([before.userRules, before.importedRules, before.settings]);
    expect(await pageShows('@isolberg')).toBe(false);
    lap('drop waits');
  });

  it('a hostile update is refused, with its reasons, and the stored state is unchanged', async () => {
    server.serve({ demo: { ...v3, names: ['body', ...v3.names!] }, evil: { name: 'Evil', hosts: ['*'], names: ['.x'] } }, '5');
    const before = await rulesAndSubscription();
    await checkNow();
    await options.waitFor(() => (document.querySelector('[data-testid="subs-last-check"]')?.textContent ?? '').includes('refused'));
    expect(await options.text('[data-testid="subs-item"] .problems')).toMatch(/sites\.demo\.names\[0\]: would match the whole page/);
    const after = await rulesAndSubscription();
    expect([after.userRules, after.importedRules, after.settings]).toEqual([before.userRules, before.importedRules, before.settings]);
    const { lastCheck: _a, ...was } = (before.subscriptions as Record<string, Subscription>)[PACK_URL];
    const { lastCheck: _b, ...now } = (after.subscriptions as Record<string, Subscription>)[PACK_URL];
    expect(now).toEqual(was);
    expect(await text(BYLINE)).toBe('momo');
    lap('hostile refused');
  });

  it('a worker stopped while an update is in flight loses nothing; the next check brings the update whole', async (context) => {
    if (!h.stopWorker) return context.skip();
    const v6: SiteRule = { ...v3, names: [...v3.names!, 'h1 + article span.byline'] };
    server.serve({ demo: v6 }, '6');
    const before = await rulesAndSubscription();
    const release = server.hold();
    const count = server.requests.length;
    void askWorker(options, { type: 'page:check-subscription', url: PACK_URL }).catch(() => undefined);
    await poll(async () => server.requests.length > count, 'the update to be asked for');
    await h.stopWorker(options);
    release();
    await wait(300);
    expect(await rulesAndSubscription()).toEqual(before);
    await askWorker(options, { type: 'page:check-subscription', url: PACK_URL });
    expect(((await stored(['userRules'])).userRules as Record<string, SiteRule>).demo.names).toContain('h1 + article span.byline');
    lap('worker stopped');
  });

  it('Unsubscribe removes what the pack brought, keeps the user’s own rule, and no request follows', async () => {
    const { userRules } = await stored(['userRules']);
    await options.click('[data-testid="subs-unsubscribe"]');
    await options.waitFor(() => document.querySelector('[data-testid="subs-item"]') === null);
    expect(await stored(['importedRules', 'userRules', 'subscriptions'])).toEqual({ importedRules: {}, userRules, subscriptions: {} });
    // Every request the extension made went to the subscribed address, and only while subscribed.
    expect(new Set(h.extensionRequests())).toEqual(new Set([PACK_URL]));
    expect(h.extensionRequests().length).toBe(server.requests.length);
    expect(h.session.consoleErrors()).toEqual([]);
    lap('unsubscribed');
  });
}
