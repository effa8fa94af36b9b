/**
 * Subscriptions in the worker: fetch a subscribed pack (only from an address the user subscribed
 * to, only with that origin's permission granted, conditionally), read it with the import's own
 * checks, merge it (shared/packs/subscription-update.ts), and write the rules, the settings' site
 * switches and the subscription record in one storage.set on the worker's one write chain. The
 * network answer is awaited outside the chain; the stored state is read afresh inside it, so a
 * worker stopped at any point leaves either the state before the update or the state after it.
 */
import { readPackInput } from '../shared/packs/pack-input';
import { rulesById } from '../shared/packs/pack-schema';
import { IMPORTED_RULES_KEY, LAST_IMPORT_KEY, SET_ASIDE_KEY, packStateItems, readPackState, type PackState } from '../shared/packs/state';
import {
  CHECK_EVERY_MINUTES,
  checkSubscriptionUrl,
  SUBSCRIPTIONS_ALARM,
  SUBSCRIPTIONS_KEY,
  subscriptionOrigins,
  type Subscription,
  type WaitingChoice,
} from '../shared/packs/subscription';
import { readSubscriptions } from '../shared/packs/subscription-read';
import { planUpdate, refusalOf, resolveWaiting, unsubscribeState, type UpdateResult } from '../shared/packs/subscription-update';
import { PACK_LIMITS } from '../shared/packs/types';
import { USER_RULES_KEY } from '../shared/rule/effective';
import type { SiteRule } from '../shared/rule/fields';
import type { Settings } from '../shared/settings';
import { serialised, type SettingsStore, type StorageArea } from './settings-store';

export interface SubscriptionDeps {
  storage: StorageArea & { getMany(keys: string[]): Promise<Record<string, unknown>> };
  settings: SettingsStore;
  builtIn: readonly SiteRule[];
  fetch: typeof fetch;
  /** Whether the user granted these origins (permissions.contains). */
  granted(origins: string[]): Promise<boolean>;
  alarms: { get(name: string): Promise<unknown>; create(name: string, info: { periodInMinutes: number; delayInMinutes: number }): unknown; clear(name: string): Promise<unknown> };
  now?: () => Date;
}

/** A fetch gave up after this long: a server that never answers does not hold a check open. */
const FETCH_TIMEOUT_MS = 30_000;

type Fetched = { kind: 'pack'; text: string; etag?: string; lastModified?: string } | { kind: 'not-modified' } | { kind: 'failed'; problem: string };

export class SubscriptionService {
  constructor(private readonly deps: SubscriptionDeps) {}

  private now = () => (this.deps.now ? this.deps.now() : new Date());
  private builtIn = () => rulesById(this.deps.builtIn);

  async list(): Promise<Subscription[]> {
    return Object.values((await this.read()).subscriptions);
  }

  /** Subscribes (or checks again, when already subscribed): nothing is stored unless the pack passes the checks. */
  async subscribe(input: string): Promise<Subscription> {
    const checked = checkSubscriptionUrl(input);
    if ('error' in checked) throw new Error(checked.error);
    const known = (await this.read()).subscriptions[checked.url];
    if (known) return this.check(checked.url);
    const fetched = await this.fetchPack(checked.url, checked.hostname, undefined);
    if (fetched.kind !== 'pack') throw new Error(fetched.kind === 'failed' ? fetched.problem : 'the server sent no pack');
    const subscription = await this.merge(checked.url, fetched, undefined);
    await this.ensureAlarm();
    return subscription;
  }

  /** "Check now", and the daily alarm for each subscription. */
  async check(url: string): Promise<Subscription> {
    const subscription = (await this.read()).subscriptions[url];
    if (!subscription) throw new Error(`not subscribed to ${url}`);
    const fetched = await this.fetchPack(url, new URL(url).hostname, subscription);
    if (fetched.kind === 'pack') return this.merge(url, fetched, subscription);
    return this.record(url, fetched.kind === 'failed' ? { outcome: 'failed', problems: [fetched.problem] } : { outcome: 'unchanged' });
  }

  /** The alarm's round: every subscription, one after the other; one failing does not stop the others. */
  async checkAll(): Promise<void> {
    for (const subscription of await this.list()) {
      await this.check(subscription.url).catch((error) => console.warn(`[Momo Mask] could not check ${subscription.url}`, error));
    }
  }

  /** The user's click on a waiting part ("apply", "skip", "keep-mine", "take-theirs"). */
  resolve(url: string, key: string, choice: WaitingChoice): Promise<Subscription> {
    return serialised(async () => {
      const { state, settings, subscriptions, unreadable } = await this.readAll();
      const subscription = subscriptions[url];
      if (!subscription) throw new Error(`not subscribed to ${url}`);
      const resolved = resolveWaiting(state, this.builtIn(), subscription, key, choice, this.now());
      if (!resolved.ok) throw new Error(resolved.problem);
      await this.write(resolved.result, settings, { ...unreadable, ...subscriptions });
      return resolved.result.subscription;
    });
  }

  /** Removes what the subscription brought (the user's own rules stay) and the subscription, in one write. */
  async unsubscribe(url: string): Promise<void> {
    const left = await serialised(async () => {
      const { state, settings, subscriptions, unreadable } = await this.readAll();
      const subscription = subscriptions[url];
      if (!subscription) return Object.keys(subscriptions).length;
      const { [url]: _gone, ...rest } = subscriptions;
      await this.deps.storage.set({ ...packStateItems(unsubscribeState(state, subscription), settings), [SUBSCRIPTIONS_KEY]: { ...unreadable, ...rest } });
      return Object.keys(rest).length;
    });
    // No subscription, no alarm: the extension then makes no request at all.
    if (!left) await this.deps.alarms.clear(SUBSCRIPTIONS_ALARM);
  }

  /** At browser start: the alarm exists exactly while there is a subscription (Firefox does not keep alarms across restarts). */
  async ensureAlarm(): Promise<void> {
    if (!(await this.list()).length) return void (await this.deps.alarms.clear(SUBSCRIPTIONS_ALARM));
    if (!(await this.deps.alarms.get(SUBSCRIPTIONS_ALARM))) {
      this.deps.alarms.create(SUBSCRIPTIONS_ALARM, { periodInMinutes: CHECK_EVERY_MINUTES, delayInMinutes: CHECK_EVERY_MINUTES });
    }
  }

  /**
   * The pack at the subscribed address: HTTPS only, that origin's permission granted, no
   * redirect (which would be a request somewhere else), no cookies, at most a pack's size read.
   */
  private async fetchPack(url: string, hostname: string, known: Subscription | undefined): Promise<Fetched> {
    if (!(await this.deps.granted(subscriptionOrigins(hostname)))) return { kind: 'failed', problem: `permission for ${hostname} is not granted; subscribe again to allow it` };
    const headers: Record<string, string> = {};
    if (known?.etag) headers['If-None-Match'] = known.etag;
    if (known?.lastModified) headers['If-Modified-Since'] = known.lastModified;
    let response: Response;
    try {
      response = await this.deps.fetch(url, {
        headers,
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      return { kind: 'failed', problem: `could not fetch ${url} (${error instanceof Error ? error.message : String(error)})` };
    }
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) return { kind: 'failed', problem: `${url} answered ${response.status}` };
    const text = await readCapped(response, PACK_LIMITS.bytes + 1);
    const etag = response.headers.get('ETag') ?? undefined;
    const lastModified = response.headers.get('Last-Modified') ?? undefined;
    return { kind: 'pack', text, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
  }

  /** The fetched text through the import's checks, then merged and written, or the refusal recorded (rules untouched). */
  private async merge(url: string, fetched: Extract<Fetched, { kind: 'pack' }>, known: Subscription | undefined): Promise<Subscription> {
    const reading = await readPackInput(fetched.text, this.builtIn());
    return serialised(async () => {
      const { state, settings, subscriptions, unreadable } = await this.readAll();
      const previous = known && subscriptions[url];
      const refusal = refusalOf(state, this.builtIn(), reading);
      if (refusal.length || !reading.pack) {
        if (!previous) throw new Error([`the pack at ${url} did not pass the checks; nothing was stored`, ...refusal].join('\n'));
        const subscription: Subscription = { ...previous, lastCheck: { at: this.now().toISOString(), outcome: 'refused', problems: refusal } };
        await this.deps.storage.set({ [SUBSCRIPTIONS_KEY]: { ...unreadable, ...subscriptions, [url]: subscription } });
        return subscription;
      }
      const validators = { ...(fetched.etag ? { etag: fetched.etag } : {}), ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}) };
      const result = planUpdate(state, this.builtIn(), previous, url, reading.pack, this.now(), validators);
      await this.write(result, settings, { ...unreadable, ...subscriptions });
      return result.subscription;
    });
  }

  /** A check that brought no pack: only its outcome is stored. */
  private record(url: string, outcome: Omit<NonNullable<Subscription['lastCheck']>, 'at'>): Promise<Subscription> {
    return serialised(async () => {
      const { subscriptions, unreadable } = await this.read();
      const previous = subscriptions[url];
      if (!previous) throw new Error(`not subscribed to ${url}`);
      const subscription: Subscription = { ...previous, lastCheck: { at: this.now().toISOString(), ...outcome } };
      await this.deps.storage.set({ [SUBSCRIPTIONS_KEY]: { ...unreadable, ...subscriptions, [url]: subscription } });
      return subscription;
    });
  }

  /** Rules, settings' site switches and every subscription record: one storage.set. */
  private write(result: UpdateResult, settings: Settings, subscriptions: Record<string, unknown>): Promise<void> {
    return this.deps.storage.set({ ...packStateItems(result.state, settings), [SUBSCRIPTIONS_KEY]: { ...subscriptions, [result.subscription.url]: result.subscription } });
  }

  private async read() {
    const stored = await this.deps.storage.get(SUBSCRIPTIONS_KEY);
    return readSubscriptions(stored[SUBSCRIPTIONS_KEY], { builtIn: this.builtIn() });
  }

  private async readAll(): Promise<{ state: PackState; settings: Settings } & ReturnType<typeof readSubscriptions>> {
    const settings = await this.deps.settings.read();
    const stored = await this.deps.storage.getMany([USER_RULES_KEY, IMPORTED_RULES_KEY, LAST_IMPORT_KEY, SET_ASIDE_KEY, SUBSCRIPTIONS_KEY]);
    const { state } = readPackState({ ...stored, disabledSites: settings.disabledSites }, this.builtIn());
    return { state, settings, ...readSubscriptions(stored[SUBSCRIPTIONS_KEY], { builtIn: this.builtIn() }) };
  }
}

/** The body as text, reading at most `limit` bytes (a larger pack is then refused by its size, as an import refuses it). */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  if (size >= limit) await reader.cancel();
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(bytes.slice(0, limit));
}
