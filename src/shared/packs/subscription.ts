/**
 * Subscriptions to packs kept at an HTTPS address: what is stored about each (under
 * SUBSCRIPTIONS_KEY, by address) and the address check. Without the rule checks, so the options
 * page can import it (subscription-read.ts reads stored records back, checking every rule again).
 * Pure; the worker fetches and writes (background/subscriptions.ts).
 */
import type { SiteRule } from '../rule/fields';
import type { RuleDrop } from './weakening';
import type { UnitConflict } from './subscription-merge';

export const SUBSCRIPTIONS_KEY = 'subscriptions';
/** The alarm that checks every subscription; it exists only while there is one. */
export const SUBSCRIPTIONS_ALARM = 'momo-subscriptions';
export const CHECK_EVERY_MINUTES = 24 * 60;
const MAX_URL_LENGTH = 2048;

/** What an update did to one site, for "what the last update changed". */
export interface SiteChange {
  siteId: string;
  /** added / changed: the pack's rule is in force; merged: into the user's own rule; kept-mine: the user's own rule stays in force over it; removed: the pack dropped the site; switched-off: masking off there. */
  kind: 'added' | 'changed' | 'merged' | 'kept-mine' | 'removed' | 'switched-off';
  before?: SiteRule;
  after?: SiteRule;
}

/**
 * A part of an update that waits for the user's click: a conflict with the user's own rule, a rule
 * that masks less than the one in force, a site the pack dropped, or a site the pack switches off.
 */
export interface WaitingPart {
  siteId: string;
  kind: 'conflict' | 'weakens' | 'removed' | 'switch-off';
  /** The pack's new rule (conflict, weakens). */
  theirs?: SiteRule;
  /** The user's own rule when the part was found (conflict). */
  mine?: SiteRule;
  conflicts?: UnitConflict[];
  /** Why the merged rule cannot be used (it fails the rule checks: a list over its cap). */
  problems?: string[];
  /** What applying the part would drop of the rule in force (weakens, removed). */
  drops?: RuleDrop[];
}

/** The user's answers: "apply" / "skip" a part that masks less, "keep-mine" / "take-theirs" in a conflict. */
export const WAITING_CHOICES = ['apply', 'skip', 'keep-mine', 'take-theirs'] as const;
export type WaitingChoice = (typeof WAITING_CHOICES)[number];

/** The key a waiting part is answered under: the site's id, or "<id>:off" for its switch-off (as an import's choices name them). */
export const waitingKey = (part: Pick<WaitingPart, 'siteId' | 'kind'>): string => (part.kind === 'switch-off' ? `${part.siteId}:off` : part.siteId);

export interface CheckOutcome {
  at: string;
  /** updated: something was written or waits; unchanged: the same pack (or 304); refused: the checks refused it (nothing written); failed: no pack came back. */
  outcome: 'updated' | 'unchanged' | 'refused' | 'failed';
  problems?: string[];
}

export interface Subscription {
  url: string;
  title: string;
  packVersion?: string;
  /** The pack's changelog line, as last fetched. */
  changelog?: string;
  addedAt: string;
  lastCheck?: CheckOutcome;
  /** The validators of the last answer, sent back so an unchanged pack costs a 304. */
  etag?: string;
  lastModified?: string;
  /** The pack's rule for each site as last merged: the base of the next three-way merge. */
  base: Record<string, SiteRule>;
  /** The sites the pack switches off, as last merged. */
  baseDisabled: string[];
  lastUpdate?: { at: string; packVersion?: string; changelog?: string; changes: SiteChange[] };
  waiting: WaitingPart[];
}

export type SubscriptionUrlProblem = 'notUrl' | 'notHttps' | 'credentials' | 'tooLong';

/** The subscribed address, normalised (no fragment), or why it cannot be one (a code for the page, a text for the worker's reply). */
export function checkSubscriptionUrl(input: string): { url: string; origin: string; hostname: string } | { error: string; code: SubscriptionUrlProblem } {
  const text = input.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { code: 'notUrl', error: `"${text}" is not a web address; expected one starting with https://` };
  }
  if (parsed.protocol !== 'https:') return { code: 'notHttps', error: `"${text}" is not an HTTPS address; a pack is only fetched over HTTPS` };
  if (parsed.username || parsed.password) return { code: 'credentials', error: `"${text}" carries a user name or password; give the address without them` };
  parsed.hash = '';
  if (parsed.href.length > MAX_URL_LENGTH) return { code: 'tooLong', error: `the address is longer than ${MAX_URL_LENGTH} characters` };
  return { url: parsed.href, origin: parsed.origin, hostname: parsed.hostname };
}

/** The host permission a subscription needs: that one origin (any port: match patterns have none). */
export const subscriptionOrigins = (hostname: string): string[] => [`https://${hostname}/*`];
