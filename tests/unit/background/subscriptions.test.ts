/**
 * Subscriptions in the worker, with the network and storage faked: requests only to the address
 * subscribed to, only with its permission, conditional, never redirected; a refused update leaves
 * the rules as they were; and a worker stopped between any two of its storage calls leaves either
 * the whole state before the update or the whole state after it (the update is one storage.set).
 */
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src/background/settings-store';
import { SubscriptionService } from '../../../src/background/subscriptions';
import { BUILT_IN_RULES } from '../../../src/rules';
import { SUBSCRIPTIONS_ALARM, SUBSCRIPTIONS_KEY, type Subscription } from '../../../src/shared/packs/subscription';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { readSettings, SETTINGS_KEY } from '../../../src/shared/settings';

const URL = 'https://packs.example.org/demo.momo.json';
const demo = BUILT_IN_RULES.find((rule) => rule.id === 'demo')!;
const withNames = (rule: SiteRule, ...names: string[]): SiteRule => ({ ...rule, names: [...(rule.names ?? []), ...names] });
const V1 = withNames(demo, '.byline');
const V2 = withNames(V1, '.poster');
const packText = (sites: Record<string, unknown>, packVersion = '1') =>
  JSON.stringify({ format: 'momo-pack', version: 1, meta: { title: 'Demo fixes', created: '2025-05-01T08:00:00.000Z', packVersion }, sites });

/** storage.local as a map; `dieAt`: the n-th call (1-based) and every later one fail, as in a worker that was stopped. */
class Storage {
  data: Record<string, unknown> = {};
  calls = 0;
  dieAt = Number.POSITIVE_INFINITY;
  private step() {
    if (++this.calls >= this.dieAt) throw new Error('the worker was stopped');
  }
  async get(keys: string | string[]) {
    this.step();
    const list = typeof keys === 'string' ? [keys] : keys;
    return Object.fromEntries(list.filter((key) => key in this.data).map((key) => [key, structuredClone(this.data[key])]));
  }
  getMany = (keys: string[]) => this.get(keys);
  async set(items: Record<string, unknown>) {
    this.step();
    Object.assign(this.data, structuredClone(items));
  }
}

interface Served {
  body: string;
  etag?: string;
}

function worker(options: { granted?: boolean } = {}) {
  const storage = new Storage();
  storage.data[SETTINGS_KEY] = { ...readSettings({}).settings, salt: '0123456789abcdef' };
  const requests: { url: string; init: RequestInit }[] = [];
  const alarms = new Map<string, unknown>();
  let served: Served = { body: packText({ demo: V1 }), etag: '"v1"' };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), init: init ?? {} });
    const headers = new Headers(init?.headers);
    if (served.etag && headers.get('If-None-Match') === served.etag) return new Response(null, { status: 304 });
    return new Response(served.body, { status: 200, headers: served.etag ? { ETag: served.etag } : {} });
  };
  const service = new SubscriptionService({
    storage,
    settings: new SettingsStore(storage),
    builtIn: BUILT_IN_RULES,
    fetch: fetch as typeof globalThis.fetch,
    granted: async () => options.granted ?? true,
    alarms: {
      get: async (name) => alarms.get(name),
      create: (name, info) => alarms.set(name, info),
      clear: async (name) => alarms.delete(name),
    },
    now: () => new Date('2025-06-01T12:00:00.000Z'),
  });
  return { storage, service, requests, alarms, serve: (next: Served) => void (served = next) };
}

const rulesOf = (data: Record<string, unknown>) => ({ userRules: data.userRules, importedRules: data.importedRules, settings: data.settings });
const subscriptionOf = (data: Record<string, unknown>) => (data[SUBSCRIPTIONS_KEY] as Record<string, Subscription>)[URL];

describe('subscribing', () => {
  it('fetches the address once, without cookies, redirects or a referrer, stores the pack and sets the daily alarm', async () => {
    const { storage, service, requests, alarms } = worker();
    const subscription = await service.subscribe(URL);
    expect(requests).toEqual([
      { url: URL, init: expect.objectContaining({ credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer', cache: 'no-store', headers: {} }) },
    ]);
    expect(subscription).toMatchObject({ url: URL, title: 'Demo fixes', etag: '"v1"', base: { demo: V1 } });
    expect((storage.data.importedRules as Record<string, { rule: SiteRule }>).demo.rule).toEqual(V1);
    expect(alarms.get(SUBSCRIPTIONS_ALARM)).toEqual({ periodInMinutes: 24 * 60, delayInMinutes: 24 * 60 });
  });

  it('makes no request for an address that is not HTTPS, or whose origin the user did not grant', async () => {
    const plain = worker();
    await expect(plain.service.subscribe('http://packs.example.org/demo.json')).rejects.toThrow('is not an HTTPS address');
    const denied = worker({ granted: false });
    await expect(denied.service.subscribe(URL)).rejects.toThrow('permission for packs.example.org is not granted');
    expect([...plain.requests, ...denied.requests]).toEqual([]);
    expect(denied.storage.data).not.toHaveProperty(SUBSCRIPTIONS_KEY);
  });

  it('stores nothing when the pack is refused by the import’s checks', async () => {
    const { storage, service, serve } = worker();
    serve({ body: packText({ demo: { names: ['body'] } }) });
    await expect(service.subscribe(URL)).rejects.toThrow(/nothing was stored\nsites\.demo\.names\[0\]: would match the whole page/);
    expect(storage.data).not.toHaveProperty(SUBSCRIPTIONS_KEY);
    expect(storage.data).not.toHaveProperty('importedRules');
  });

  it('with no subscription, the daily round makes no request and there is no alarm', async () => {
    const { service, requests, alarms } = worker();
    await service.checkAll();
    await service.ensureAlarm();
    expect(requests).toEqual([]);
    expect(alarms.size).toBe(0);
  });
});

describe('checking', () => {
  it('asks conditionally: an unchanged pack is a 304 and writes only the check', async () => {
    const { storage, service, requests } = worker();
    await service.subscribe(URL);
    const before = rulesOf(storage.data);
    const checked = await service.check(URL);
    expect(requests[1].init.headers).toEqual({ 'If-None-Match': '"v1"' });
    expect(checked.lastCheck).toEqual({ at: '2025-06-01T12:00:00.000Z', outcome: 'unchanged' });
    expect(rulesOf(storage.data)).toEqual(before);
  });

  it('applies a version that adds a selector', async () => {
    const { storage, service, serve } = worker();
    await service.subscribe(URL);
    serve({ body: packText({ demo: V2 }, '2'), etag: '"v2"' });
    const checked = await service.check(URL);
    expect(checked).toMatchObject({ packVersion: '2', etag: '"v2"', base: { demo: V2 }, waiting: [] });
    expect((storage.data.importedRules as Record<string, { rule: SiteRule }>).demo.rule).toEqual(V2);
  });

  it('refuses a hostile version: the rules stay exactly as they were, the refusal and its reasons are recorded', async () => {
    const { storage, service, serve } = worker();
    await service.subscribe(URL);
    const before = rulesOf(structuredClone(storage.data));
    const base = subscriptionOf(storage.data).base;
    serve({ body: packText({ demo: { ...V1, names: ['a{}', ...V1.names!] }, forum: { name: 'F', hosts: ['*'], names: ['.x'] } }), etag: '"evil"' });
    const checked = await service.check(URL);
    expect(checked.lastCheck).toMatchObject({
      outcome: 'refused',
      problems: expect.arrayContaining([expect.stringMatching(/^sites\.demo\.names\[0\]/), expect.stringMatching(/^sites\.forum\.hosts/)]),
    });
    expect(rulesOf(storage.data)).toEqual(before);
    expect(subscriptionOf(storage.data).base).toEqual(base);
    expect(subscriptionOf(storage.data).etag).toBe('"v1"');
  });

  it('refuses text that is not a pack, and changes nothing else', async () => {
    const { storage, service, serve } = worker();
    await service.subscribe(URL);
    const before = rulesOf(structuredClone(storage.data));
    serve({ body: '{"format": "momo-pack", "version": 1, "meta": ' });
    expect((await service.check(URL)).lastCheck).toMatchObject({ outcome: 'refused', problems: [expect.stringMatching(/^pack: is not valid JSON/)] });
    expect(rulesOf(storage.data)).toEqual(before);
  });

  it('reads no more than a pack may weigh, and refuses it by its size as an import does', async () => {
    const { service, serve } = worker();
    await service.subscribe(URL);
    serve({ body: `${packText({ demo: V2 }).slice(0, -1)}, "padding": "${'x'.repeat(300 * 1024)}"}` });
    expect((await service.check(URL)).lastCheck?.problems).toEqual([expect.stringMatching(/^pack: is 257 KB; a pack is at most 256 KB$/)]);
  });
});

describe('a worker stopped mid-update', () => {
  it('leaves either the whole state before the update or the whole state after it, wherever it stops', async () => {
    // The state after a clean update, for comparison.
    const clean = worker();
    await clean.service.subscribe(URL);
    const before = structuredClone(clean.storage.data);
    clean.serve({ body: packText({ demo: V2 }, '2'), etag: '"v2"' });
    clean.storage.calls = 0;
    await clean.service.check(URL);
    const calls = clean.storage.calls;
    const after = structuredClone(clean.storage.data);
    expect(calls).toBeGreaterThan(2);

    for (let dieAt = 1; dieAt <= calls; dieAt++) {
      const run = worker();
      run.storage.data = structuredClone(before);
      run.serve({ body: packText({ demo: V2 }, '2'), etag: '"v2"' });
      run.storage.dieAt = dieAt;
      await expect(run.service.check(URL)).rejects.toThrow('the worker was stopped');
      // The last call is the one write: stopped before it, nothing changed.
      expect({ dieAt, data: run.storage.data }).toEqual({ dieAt, data: before });
      // Woken again, the next check brings the update whole.
      run.storage.dieAt = Number.POSITIVE_INFINITY;
      await run.service.check(URL);
      expect({ dieAt, data: run.storage.data }).toEqual({ dieAt, data: after });
    }
  });
});

describe('answers and unsubscribing', () => {
  it('an update that drops a selector waits; Apply writes it', async () => {
    const { storage, service, serve } = worker();
    await service.subscribe(URL);
    serve({ body: packText({ demo }, '2'), etag: '"v2"' });
    const waiting = await service.check(URL);
    expect(waiting.waiting).toEqual([expect.objectContaining({ siteId: 'demo', kind: 'weakens' })]);
    expect((storage.data.importedRules as Record<string, { rule: SiteRule }>).demo.rule).toEqual(V1);
    await service.resolve(URL, 'demo', 'apply');
    expect((storage.data.importedRules as Record<string, { rule: SiteRule }>).demo.rule).toEqual(demo);
    await expect(service.resolve(URL, 'demo', 'apply')).rejects.toThrow('nothing waits');
  });

  it('unsubscribing removes what the subscription brought, keeps the user’s own rule, and the last one clears the alarm', async () => {
    const { storage, service, alarms } = worker();
    await service.subscribe(URL);
    const mine = withNames(V1, '.mine');
    storage.data.userRules = { demo: mine };
    await service.unsubscribe(URL);
    expect(storage.data.importedRules).toEqual({});
    expect(storage.data.userRules).toEqual({ demo: mine });
    expect(storage.data[SUBSCRIPTIONS_KEY]).toEqual({});
    expect(alarms.size).toBe(0);
  });

  it('keeps a stored record it cannot read, as it was, through later writes', async () => {
    const { storage, service } = worker();
    const broken = { url: 'https://old.example.org/p.json', title: 3 };
    storage.data[SUBSCRIPTIONS_KEY] = { 'https://old.example.org/p.json': broken };
    await service.subscribe(URL);
    expect((storage.data[SUBSCRIPTIONS_KEY] as Record<string, unknown>)['https://old.example.org/p.json']).toEqual(broken);
    expect((await service.list()).map((s) => s.url)).toEqual([URL]);
  });
});
