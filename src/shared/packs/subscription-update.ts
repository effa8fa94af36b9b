/**
 * What a subscribed pack's new version does, site by site, as the whole next state (pure: the
 * worker writes it in one storage.set, or nothing). Against the last merged version (the base):
 * where the user has their own rule, the pack's change is merged into it (subscription-merge.ts)
 * and the user's edits stay; without one, the pack's rule takes the pack's place. A part that
 * conflicts with the user's rule, or masks less than what is in force (drops a selector, drops a
 * site, switches a site off), waits for the user's click; everything else applies by itself.
 */
import { checkRule, problemLines } from '../rule/check';
import type { SiteRule } from '../rule/fields';
import { previewImport } from './merge';
import type { BuiltInRules } from './pack-schema';
import { sameData } from './same-data';
import { effectiveRule, type PackState } from './state';
import { waitingKey, type SiteChange, type Subscription, type WaitingChoice, type WaitingPart } from './subscription';
import { mergeRule, mergeTakingTheirs } from './subscription-merge';
import { problemText, type MomoPack, type PackReading } from './types';
import { ruleDrops } from './weakening';

export interface UpdateResult {
  state: PackState;
  subscription: Subscription;
}

/**
 * The checks an import makes, on a fetched pack: refused as a whole when any part of it is (a
 * subscription never applies half of a pack it could not read), with every reason.
 */
export function refusalOf(state: PackState, builtIn: BuiltInRules, reading: PackReading): string[] {
  const errors = reading.problems.filter((problem) => problem.severity === 'error').map(problemText);
  if (!reading.pack) return errors.length ? errors : ['not a pack'];
  const invalid = previewImport(state, builtIn, reading).sites.flatMap((site) => (site.status === 'invalid' ? (site.reasons ?? []) : []));
  return [...new Set([...errors, ...invalid])];
}

/** The pack layer's entry for a site, written by this subscription. */
const packEntry = (title: string, rule: SiteRule, now: Date) => ({ rule, pack: title, importedAt: now.toISOString() });

/** Whether the pack layer still holds what this subscription put there (else it is someone else's). */
const holdsOurs = (state: PackState, siteId: string, base: SiteRule | undefined) =>
  base !== undefined && Object.hasOwn(state.importedRules, siteId) && sameData(state.importedRules[siteId].rule, base);

/** A copy of the state that the update writes into. */
const copy = (state: PackState): PackState => ({ ...state, userRules: { ...state.userRules }, importedRules: { ...state.importedRules }, disabledSites: [...state.disabledSites] });

/**
 * The next state and subscription after fetching `pack` (already read with the import's checks and
 * not refused). `previous` is undefined on the first fetch.
 */
export function planUpdate(
  state: PackState,
  builtIn: BuiltInRules,
  previous: Subscription | undefined,
  url: string,
  pack: MomoPack,
  now: Date,
  validators: { etag?: string; lastModified?: string } = {},
): UpdateResult {
  const next = copy(state);
  const base: Record<string, SiteRule> = { ...(previous?.base ?? {}) };
  const changes: SiteChange[] = [];
  const waiting: WaitingPart[] = [];
  const title = pack.meta.title;
  const ids = [...new Set([...Object.keys(base), ...Object.keys(pack.sites)])];

  for (const siteId of ids) {
    const before = base[siteId];
    const theirs = Object.hasOwn(pack.sites, siteId) ? pack.sites[siteId] : undefined;
    if (before && theirs && sameData(before, theirs)) continue;
    const mine = Object.hasOwn(state.userRules, siteId) ? state.userRules[siteId] : undefined;
    const inForce = effectiveRule(state, builtIn, siteId)?.rule;
    if (!theirs) {
      // The pack dropped the site: its rule leaves the pack layer, which weakens masking unless the user's own rule is in force.
      const ours = holdsOurs(state, siteId, before);
      const fallback = Object.hasOwn(builtIn, siteId) ? builtIn[siteId] : { id: siteId, name: before!.name, hosts: [] };
      const drops = ours && !mine ? ruleDrops(before!, fallback) : [];
      if (drops.length) {
        waiting.push({ siteId, kind: 'removed', drops });
        continue;
      }
      if (ours) delete next.importedRules[siteId];
      delete base[siteId];
      changes.push({ siteId, kind: 'removed', before });
      continue;
    }
    if (mine && before) {
      const merged = mergeRule(before, mine, theirs);
      if (!merged.ok) {
        waiting.push({ siteId, kind: 'conflict', theirs, mine, conflicts: merged.conflicts });
        continue;
      }
      const checked = checkRule(merged.rule, { builtIn, siteId });
      if (!checked.rule) {
        waiting.push({ siteId, kind: 'conflict', theirs, mine, problems: problemLines(checked.problems) });
        continue;
      }
      const drops = ruleDrops(mine, checked.rule);
      if (drops.length) {
        waiting.push({ siteId, kind: 'weakens', theirs, mine, drops });
        continue;
      }
      if (!sameData(checked.rule, mine)) next.userRules[siteId] = checked.rule;
      changes.push({ siteId, kind: 'merged', before: mine, after: checked.rule });
    } else if (mine) {
      // First sight of the site: no base to merge against. The user's own rule stays in force, the pack's goes under it.
      if (!sameData(mine, theirs)) changes.push({ siteId, kind: 'kept-mine', before: mine, after: theirs });
    } else {
      const drops = inForce ? ruleDrops(inForce, theirs) : [];
      if (drops.length) {
        waiting.push({ siteId, kind: 'weakens', theirs, drops });
        continue;
      }
      if (!inForce || !sameData(inForce, theirs)) changes.push({ siteId, kind: inForce ? 'changed' : 'added', ...(inForce ? { before: inForce } : {}), after: theirs });
    }
    next.importedRules[siteId] = packEntry(title, theirs, now);
    base[siteId] = theirs;
  }

  // Sites the pack newly switches off (and that the user has on) wait; known sites only, as in an import.
  const known = (id: string) => Object.hasOwn(builtIn, id) || Object.hasOwn(next.importedRules, id);
  const offs = (pack.disabledSites ?? []).filter(known);
  const offWaiting = offs.filter((id) => !previous?.baseDisabled.includes(id) && !state.disabledSites.includes(id));
  for (const siteId of offWaiting) waiting.push({ siteId, kind: 'switch-off' });

  const subscription: Subscription = {
    url,
    title,
    ...versionOf(pack),
    addedAt: previous?.addedAt ?? now.toISOString(),
    ...validators,
    base,
    baseDisabled: offs.filter((id) => !offWaiting.includes(id)),
    waiting,
    ...(previous?.lastUpdate ? { lastUpdate: previous.lastUpdate } : {}),
  };
  if (changes.length) subscription.lastUpdate = { at: now.toISOString(), ...versionOf(pack), changes };
  const outcome = changes.length || !previous || !sameData(waiting, previous.waiting) ? 'updated' : 'unchanged';
  subscription.lastCheck = { at: now.toISOString(), outcome };
  return { state: next, subscription };
}

const versionOf = (pack: MomoPack) => ({
  ...(pack.meta.packVersion ? { packVersion: pack.meta.packVersion } : {}),
  ...(pack.meta.changelog ? { changelog: pack.meta.changelog } : {}),
});

/**
 * The user's answer to one waiting part: the next state and subscription, or why it cannot be
 * applied (the user's rule changed since, an unknown choice). "skip" and "keep-mine" take the
 * pack's version as the new base without writing its rule, so the same change is not asked again.
 */
export function resolveWaiting(
  state: PackState,
  builtIn: BuiltInRules,
  subscription: Subscription,
  key: string,
  choice: WaitingChoice,
  now: Date,
): { ok: true; result: UpdateResult } | { ok: false; problem: string } {
  const part = subscription.waiting.find((p) => waitingKey(p) === key);
  if (!part) return { ok: false, problem: `${key}: nothing waits under this key; check the subscription again` };
  const allowed: Record<WaitingPart['kind'], WaitingChoice[]> = {
    conflict: ['keep-mine', 'take-theirs'],
    weakens: ['apply', 'skip'],
    removed: ['apply', 'skip'],
    'switch-off': ['apply', 'skip'],
  };
  if (!allowed[part.kind].includes(choice)) return { ok: false, problem: `${key}: "${choice}" is not a choice for this part` };
  const { siteId } = part;
  const next = copy(state);
  const base = { ...subscription.base };
  const baseDisabled = [...subscription.baseDisabled];
  const before = base[siteId];
  const mine = Object.hasOwn(state.userRules, siteId) ? state.userRules[siteId] : undefined;
  let change: SiteChange | undefined;

  if (part.kind === 'switch-off') {
    if (choice === 'apply' && !next.disabledSites.includes(siteId)) {
      next.disabledSites.push(siteId);
      change = { siteId, kind: 'switched-off' };
    }
    baseDisabled.push(siteId);
  } else if (part.kind === 'removed') {
    if (choice === 'apply' && holdsOurs(state, siteId, before)) {
      delete next.importedRules[siteId];
      change = { siteId, kind: 'removed', before };
    }
    delete base[siteId];
  } else {
    const theirs = part.theirs!;
    if (part.kind === 'conflict' && !sameData(mine, part.mine)) return { ok: false, problem: `${siteId}: your own rule changed since; check the subscription again` };
    const write = choice === 'apply' || choice === 'take-theirs';
    if (write && mine && before) {
      const merged = choice === 'take-theirs' ? mergeTakingTheirs(before, mine, theirs) : mergeRule(before, mine, theirs);
      const rule = 'ok' in merged ? (merged.ok ? merged.rule : undefined) : merged;
      const checked = rule && checkRule(rule, { builtIn, siteId });
      if (!checked?.rule) return { ok: false, problem: `${siteId}: your own rule changed since; check the subscription again` };
      next.userRules[siteId] = checked.rule;
      change = { siteId, kind: 'merged', before: mine, after: checked.rule };
    } else if (write) {
      const inForce = effectiveRule(state, builtIn, siteId)?.rule;
      change = { siteId, kind: inForce ? 'changed' : 'added', ...(inForce ? { before: inForce } : {}), after: theirs };
    }
    // "Keep mine" still takes the pack's rule under the user's own, as a first fetch does.
    if (write || part.kind === 'conflict') next.importedRules[siteId] = packEntry(subscription.title, theirs, now);
    base[siteId] = theirs;
  }
  const { packVersion, changelog } = subscription;
  const lastUpdate = change ? { at: now.toISOString(), ...(packVersion ? { packVersion } : {}), ...(changelog ? { changelog } : {}), changes: [change] } : subscription.lastUpdate;
  const waiting = subscription.waiting.filter((p) => p !== part);
  return { ok: true, result: { state: next, subscription: { ...subscription, base, baseDisabled, waiting, ...(lastUpdate ? { lastUpdate } : {}) } } };
}

/**
 * The state without what the subscription brought: each site's pack rule it put there and that is
 * still there. The user's own rules (their edits, merged updates included) stay.
 */
export function unsubscribeState(state: PackState, subscription: Subscription): PackState {
  const next = copy(state);
  for (const [siteId, rule] of Object.entries(subscription.base)) if (holdsOurs(state, siteId, rule)) delete next.importedRules[siteId];
  return next;
}
