/**
 * The stored subscriptions read back defensively: every rule in them was checked when fetched and
 * is checked again here (storage may be old or damaged, the checks stricter since). A record that
 * cannot be read is kept aside as it was, never dropped.
 */
import { checkRule, isPlainObject, type RuleContext } from '../rule/check';
import type { SiteRule } from '../rule/fields';
import { checkSubscriptionUrl, SUBSCRIPTIONS_KEY, type CheckOutcome, type Subscription, type WaitingPart } from './subscription';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const optionalText = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * The stored subscriptions, each rule checked again. A record that cannot be read is kept aside as
 * it was (`unreadable`, written back untouched), never dropped.
 */
export function readSubscriptions(stored: unknown, context: RuleContext): { subscriptions: Record<string, Subscription>; unreadable: Record<string, unknown>; problems: string[] } {
  const subscriptions: Record<string, Subscription> = {};
  const unreadable: Record<string, unknown> = {};
  const problems: string[] = [];
  if (!isPlainObject(stored)) {
    if (stored !== undefined) problems.push(`${SUBSCRIPTIONS_KEY}: expected an object; left as it is`);
    return { subscriptions, unreadable: stored === undefined ? {} : { '': stored }, problems };
  }
  for (const [url, raw] of Object.entries(stored)) {
    const read = readOne(url, raw, context);
    if (typeof read === 'string') {
      unreadable[url] = raw;
      problems.push(`${SUBSCRIPTIONS_KEY}[${JSON.stringify(url)}]: ${read}; kept aside`);
    } else subscriptions[url] = read;
  }
  return { subscriptions, unreadable, problems };
}

/** One record, or why it cannot be read. */
function readOne(url: string, raw: unknown, context: RuleContext): Subscription | string {
  const checked = checkSubscriptionUrl(url);
  if ('error' in checked || checked.url !== url) return 'not an HTTPS address';
  if (!isPlainObject(raw) || raw.url !== url || typeof raw.title !== 'string' || typeof raw.addedAt !== 'string' || !isPlainObject(raw.base)) return 'not a subscription';
  const rule = (value: unknown, siteId: string) => checkRule(value, { ...context, siteId }).rule;
  const base: Record<string, SiteRule> = {};
  for (const [siteId, value] of Object.entries(raw.base)) {
    const read = rule(value, siteId);
    if (!read) return `base.${siteId}: no longer passes the rule checks`;
    base[siteId] = read;
  }
  const waiting: WaitingPart[] = [];
  for (const part of Array.isArray(raw.waiting) ? raw.waiting : []) {
    if (!isPlainObject(part) || typeof part.siteId !== 'string' || !['conflict', 'weakens', 'removed', 'switch-off'].includes(String(part.kind)))
      return 'a waiting part is not readable';
    const theirs = part.theirs === undefined ? undefined : rule(part.theirs, part.siteId);
    // A waiting rule that no longer passes is dropped from the wait: the next check fetches it again.
    if (part.theirs !== undefined && !theirs) continue;
    waiting.push({ ...(part as unknown as WaitingPart), ...(theirs ? { theirs } : {}) });
  }
  const subscription: Subscription = { url, title: raw.title, addedAt: raw.addedAt, base, baseDisabled: strings(raw.baseDisabled), waiting };
  for (const key of ['packVersion', 'changelog', 'etag', 'lastModified'] as const) {
    const value = optionalText(raw[key]);
    if (value) subscription[key] = value;
  }
  if (isPlainObject(raw.lastCheck) && typeof raw.lastCheck.at === 'string') subscription.lastCheck = raw.lastCheck as unknown as CheckOutcome;
  if (isPlainObject(raw.lastUpdate) && typeof raw.lastUpdate.at === 'string' && Array.isArray(raw.lastUpdate.changes)) {
    subscription.lastUpdate = raw.lastUpdate as unknown as Subscription['lastUpdate'];
  }
  return subscription;
}
