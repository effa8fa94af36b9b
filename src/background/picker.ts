/**
 * The element picker's two ends in the worker. Start: the popup asks for a tab (right after the
 * user's click granted the site, when it is not built in); the worker checks the grant, notes the
 * tab in storage.session (the worker may sleep while the user picks) and injects the picker.
 * Save: only the picker in that tab, on that site, may save; its selectors are checked like a
 * pack's, folded into the site's rule (the user's own for a built-in site, the added site's
 * otherwise), and a site added this way is registered and masked in the tab at once.
 */
import { addedSiteFor, matchPatternsFor, type AddedSite } from '../shared/added-sites';
import { findRuleForHost, hostCovers } from '../shared/host-match';
import { selectorProblem } from '../shared/packs/selector-check';
import { PICK_KINDS, ruleWithPicks, type PickedSelectors } from '../shared/picked-rule';
import { pickHostFor } from '../shared/site-host';
import { checkRule, problemLines } from '../shared/rule/check';
import { effectiveRule } from '../shared/rule/effective';
import type { SiteRule } from '../shared/rule/fields';
import type { AddedSitesStore, UserRulesStore } from './settings-store';

export interface PickerDeps {
  rules: readonly SiteRule[];
  userRules: UserRulesStore;
  addedSites: AddedSitesStore;
  /** The imported packs' rules as stored ({ [siteId]: { rule, pack, importedAt } }). */
  importedRules(): Promise<unknown>;
  /** A pack's rule for a site that is not built in, by host. */
  importedRuleForHost(host: string): Promise<SiteRule | undefined>;
  hostAccess: { granted(origins: string[]): Promise<boolean>; revoke(origins: string[]): Promise<void>; sync(sites: Record<string, AddedSite>): Promise<void> };
  /** Tabs with a picker open: { [tabId]: host }, in storage.session. */
  sessions: TabMap;
  /** Tabs whose picker waits for the user to answer the permission prompt: { [tabId]: host }. */
  waiting: TabMap;
  tabUrl(tabId: number): Promise<string | undefined>;
  injectPicker(tabId: number): Promise<void>;
  /** Runs the masking scripts in a tab whose site was just added (its registration applies from the next load). */
  startMasking(tabId: number): Promise<void>;
}

export interface TabMap {
  get(tabId: number): Promise<string | undefined>;
  set(tabId: number, host: string): Promise<void>;
  delete(tabId: number): Promise<void>;
  all(): Promise<Record<string, string>>;
}

export type PickerResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Which site a page belongs to for picking: built in, added, or new (not yet added). */
export async function pickTargetFor(url: string, deps: Pick<PickerDeps, 'rules' | 'addedSites'>) {
  const host = pickHostFor(url);
  if (!host) return null;
  const hostname = new URL(url).hostname;
  const builtIn = findRuleForHost(deps.rules, hostname);
  if (builtIn) return { host, kind: 'built-in' as const, builtIn };
  const added = addedSiteFor(await deps.addedSites.read(), hostname);
  return added ? { host: added.host, kind: 'added' as const, added } : { host, kind: 'new' as const };
}

/**
 * Opens the picker in a tab. `waitForGrant`: the popup asked for the site's permission in the same
 * click and the prompt may still be up (Firefox even closes the popup meanwhile), so the tab waits
 * for permissions.onAdded (resumeWaitingPickers) instead of being refused.
 */
export async function startPicker(tabId: number, deps: PickerDeps, waitForGrant = false): Promise<PickerResult<{ host: string; waiting: boolean }>> {
  const url = await deps.tabUrl(tabId).catch(() => undefined);
  const target = url ? await pickTargetFor(url, deps) : null;
  if (!target) return { ok: false, error: 'the picker works on web sites only, not on this page' };
  const granted = () => target.kind === 'built-in' || deps.hostAccess.granted(matchPatternsFor(target.host));
  if (!(await granted())) {
    if (!waitForGrant) return { ok: false, error: `permission for ${target.host} was not granted` };
    await deps.waiting.set(tabId, target.host);
    // The grant may have landed between the first look and the note: look again.
    if (!(await granted())) return { ok: true, value: { host: target.host, waiting: true } };
  }
  await deps.waiting.delete(tabId);
  await deps.sessions.set(tabId, target.host);
  await deps.injectPicker(tabId);
  return { ok: true, value: { host: target.host, waiting: false } };
}

/** A permission was granted: the tabs waiting for it get their picker (if still on that site). */
export async function resumeWaitingPickers(deps: PickerDeps): Promise<void> {
  for (const [tab, host] of Object.entries(await deps.waiting.all())) {
    if (!(await deps.hostAccess.granted(matchPatternsFor(host)))) continue;
    const tabId = Number(tab);
    const url = await deps.tabUrl(tabId).catch(() => undefined);
    const target = url ? await pickTargetFor(url, deps) : null;
    if (target?.host === host) await startPicker(tabId, deps);
    else await deps.waiting.delete(tabId);
  }
}

/** The picker's own tab and site, or why the sender is not it. */
async function pickerSession(sender: PickerSender, deps: PickerDeps): Promise<PickerResult<{ tabId: number; url: string }>> {
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || sender.frameId !== 0 || !sender.url) return { ok: false, error: 'only the picker in a tab may send this' };
  const host = await deps.sessions.get(tabId);
  let hostname = '';
  try {
    hostname = new URL(sender.url).hostname;
  } catch {
    // stays empty: refused below
  }
  if (!host || !hostCovers(host, hostname)) return { ok: false, error: 'no picker was started on this page' };
  return { ok: true, value: { tabId, url: sender.url } };
}

export interface PickerSender {
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

export async function savePicks(selectors: PickedSelectors, sender: PickerSender, deps: PickerDeps): Promise<PickerResult<{ siteName: string; rule: SiteRule }>> {
  const session = await pickerSession(sender, deps);
  if (!session.ok) return session;
  const problems = PICK_KINDS.flatMap((kind) => (selectors[kind] ?? []).flatMap((s, i) => (selectorProblem(s) ? [`${kind}[${i}]: ${selectorProblem(s)}`] : [])));
  if (problems.length) return { ok: false, error: problems.join('\n') };
  if (!PICK_KINDS.some((kind) => selectors[kind]?.length)) return { ok: false, error: 'nothing was picked' };
  const target = await pickTargetFor(session.value.url, deps);
  if (!target) return { ok: false, error: 'the picker works on web sites only, not on this page' };

  let rule: SiteRule;
  if (target.kind === 'built-in') {
    const stored = { userRules: await deps.userRules.read(), importedRules: await deps.importedRules() };
    const current = effectiveRule(stored, target.builtIn.id, target.builtIn)!.rule;
    rule = ruleWithPicks(current, target.host, selectors);
  } else {
    // The picks add to the rule that masks the site now: the user's own, else a pack's for this host.
    const current = (target.kind === 'added' ? target.added.rule : undefined) ?? (await deps.importedRuleForHost(target.host));
    rule = ruleWithPicks(current && { ...current, hosts: [target.host] }, target.host, selectors);
  }
  const checked = checkRule(rule, { builtIn: Object.fromEntries(deps.rules.map((r) => [r.id, r])) });
  if (!checked.rule) return { ok: false, error: problemLines(checked.problems).join('\n') };
  const parsed = { data: checked.rule };

  if (target.kind === 'built-in') {
    await deps.userRules.update((rules) => ({ ...rules, [parsed.data.id]: parsed.data }));
  } else {
    if (!(await deps.hostAccess.granted(matchPatternsFor(target.host)))) return { ok: false, error: `permission for ${target.host} was not granted` };
    const sites = await deps.addedSites.update((current) => ({
      ...current,
      [target.host]: { host: target.host, addedAt: current[target.host]?.addedAt ?? new Date().toISOString(), rule: parsed.data },
    }));
    await deps.hostAccess.sync(sites);
    if (target.kind === 'new') await deps.startMasking(session.value.tabId);
  }
  await deps.sessions.delete(session.value.tabId);
  return { ok: true, value: { siteName: target.kind === 'built-in' ? target.builtIn.name : target.host, rule: parsed.data } };
}

/** The user closed the picker: a site granted only for picking, and not added, gives its permission back. */
export async function cancelPicker(sender: PickerSender, deps: PickerDeps): Promise<PickerResult<null>> {
  const session = await pickerSession(sender, deps);
  if (!session.ok) return session;
  await deps.sessions.delete(session.value.tabId);
  const target = await pickTargetFor(session.value.url, deps);
  if (target?.kind === 'new') await deps.hostAccess.revoke(matchPatternsFor(target.host));
  return { ok: true, value: null };
}
