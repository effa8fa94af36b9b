/**
 * Importing a pack in two steps, both pure: a preview that says, site by site, what would change,
 * then an apply that turns the user's choices into the whole next state or nothing, with a record
 * to undo it. A rule the user edited is never overwritten silently: it is a conflict, kept unless
 * the user takes the pack's version.
 */
import { hostCovers } from '../host-match';
import type { SiteRule } from '../rule/fields';
import type { BuiltInRules } from './pack-schema';
import { sameData } from './same-data';
import { effectiveRule, slotOf, type ImportUndo, type PackState, type SiteSlot } from './state';
import { at, problemText, siteWhere, type PackMeta, type PackProblem, type PackReading } from './types';

export type SiteStatus = 'added' | 'changed' | 'unchanged' | 'invalid' | 'conflict';
export type ImportChoice = 'apply' | 'skip' | 'take-theirs' | 'keep-mine';

export interface SitePreview {
  siteId: string;
  status: SiteStatus;
  /** The rule in force now ("changed"), or the user's own edit ("conflict"). */
  before?: SiteRule;
  /** The pack's rule, when it differs from what is in force. */
  after?: SiteRule;
  /** The pack switches masking off on this site, where it is on now. */
  switchOff?: boolean;
  /** Why the site is invalid, one "where: what" per problem. */
  reasons?: string[];
  /** Unknown keys that were dropped from this site's rule. */
  notices?: string[];
  /** What was stored for the site when previewed: an apply refuses to act on a stale preview. */
  slot: SiteSlot;
}

export interface ImportPreview {
  /** Undefined when the pack was refused as a whole (then `problems` says why). */
  meta?: PackMeta;
  problems: PackProblem[];
  sites: SitePreview[];
}

export function previewImport(state: PackState, builtIn: BuiltInRules, reading: PackReading): ImportPreview {
  const { pack, problems } = reading;
  if (!pack) return { problems, sites: [] };
  const bySite = new Map<string, PackProblem[]>();
  for (const problem of problems) if (problem.siteId !== undefined) bySite.set(problem.siteId, [...(bySite.get(problem.siteId) ?? []), problem]);
  const disabled = new Set(pack.disabledSites ?? []);
  const known = (id: string) => Object.hasOwn(builtIn, id) || Object.hasOwn(state.importedRules, id) || Object.hasOwn(pack.sites, id);
  const ids = [...new Set([...bySite.keys(), ...Object.keys(pack.sites), ...[...disabled].filter(known)])];

  const sites = ids.map((siteId): SitePreview => {
    const slot = slotOf(state, siteId);
    const siteProblems = bySite.get(siteId) ?? [];
    const errors = siteProblems.filter((p) => p.severity === 'error');
    const theirs = Object.hasOwn(pack.sites, siteId) ? pack.sites[siteId] : undefined;
    if (errors.length || (!theirs && !disabled.has(siteId))) return { siteId, status: 'invalid', reasons: errors.map(problemText), slot };
    const overlap = theirsOverlap(state, builtIn, siteId, theirs);
    if (overlap.length) return { siteId, status: 'invalid', reasons: overlap, slot };
    const notices = siteProblems.length ? { notices: siteProblems.map(problemText) } : {};
    const switchOff = disabled.has(siteId) && !slot.disabled ? { switchOff: true } : {};
    const now = effectiveRule(state, builtIn, siteId);
    if (theirs && slot.user && !sameData(slot.user, theirs)) return { siteId, status: 'conflict', before: slot.user, after: theirs, ...switchOff, ...notices, slot };
    if (theirs && !now) return { siteId, status: 'added', after: theirs, ...switchOff, ...notices, slot };
    if (theirs && now && !sameData(now.rule, theirs)) return { siteId, status: 'changed', before: now.rule, after: theirs, ...switchOff, ...notices, slot };
    return { siteId, status: switchOff.switchOff ? 'changed' : 'unchanged', ...switchOff, ...notices, slot };
  });
  return { meta: pack.meta, problems, sites };
}

/**
 * A new site's hosts against the sites an earlier pack brought: two rules on one host would leave
 * which one masks to chance, so the newcomer waits until the other is removed.
 */
function theirsOverlap(state: PackState, builtIn: BuiltInRules, siteId: string, theirs: SiteRule | undefined): string[] {
  if (!theirs || Object.hasOwn(builtIn, siteId)) return [];
  const reasons: string[] = [];
  theirs.hosts.forEach((host, i) => {
    const other = Object.entries(state.importedRules).find(([id, entry]) => id !== siteId && entry.rule.hosts.some((h) => hostCovers(h, host) || hostCovers(host, h)));
    if (other) reasons.push(`${at(at(siteWhere(siteId), 'hosts'), i)}: "${host}" is already covered by the imported site "${other[0]}"; remove that site first`);
  });
  return reasons;
}

export type ApplyResult = { ok: true; nextState: PackState; undo?: ImportUndo; applied: string[] } | { ok: false; nextState: PackState; problems: string[] };

/**
 * The state after the chosen changes, all of them or none: any unusable choice or stale site
 * refuses the whole import and gives back the state untouched. A site without a choice gets the
 * safe default: added and changed sites are applied, conflicts keep the user's own rule.
 */
export function applyImport(state: PackState, preview: ImportPreview, choices: Readonly<Record<string, ImportChoice>>, now: Date): ApplyResult {
  const refuse = (problems: string[]): ApplyResult => ({ ok: false, nextState: state, problems });
  if (!preview.meta) return refuse(['the pack was refused; nothing to apply', ...preview.problems.map(problemText)]);
  const bySite = new Map(preview.sites.map((item) => [item.siteId, item]));
  const problems: string[] = [];
  for (const siteId of Object.keys(choices)) if (!bySite.has(siteId)) problems.push(`${siteId}: not in this pack`);

  const changes: ImportUndo['sites'] = [];
  for (const item of preview.sites) {
    const choice = Object.hasOwn(choices, item.siteId) ? choices[item.siteId] : undefined;
    const write = decide(item, choice);
    if (typeof write === 'string') {
      problems.push(`${item.siteId}: ${write}`);
      continue;
    }
    if (!write) continue;
    const before = slotOf(state, item.siteId);
    if (!sameData(before, item.slot)) {
      problems.push(`${item.siteId}: changed since the preview; preview the import again`);
      continue;
    }
    const after: SiteSlot = {
      ...(before.user && item.status !== 'conflict' ? { user: before.user } : {}),
      ...(item.after ? { imported: { rule: item.after, pack: preview.meta.title, importedAt: now.toISOString() } } : before.imported ? { imported: before.imported } : {}),
      disabled: before.disabled || item.switchOff === true,
    };
    if (!sameData(before, after)) changes.push({ siteId: item.siteId, before, after });
  }
  if (problems.length) return refuse(problems);
  if (!changes.length) return { ok: true, nextState: state, applied: [] };

  const undo: ImportUndo = { pack: preview.meta.title, at: now.toISOString(), sites: changes };
  if (state.lastImport) undo.previous = withoutPrevious(state.lastImport);
  const nextState = {
    ...writeSlots(
      state,
      changes.map(({ siteId, after }) => [siteId, after]),
    ),
    lastImport: undo,
  };
  return { ok: true, nextState, undo, applied: changes.map((change) => change.siteId) };
}

/** Whether the item is written (true), left (false), or why the choice cannot be honoured. */
function decide(item: SitePreview, choice: ImportChoice | undefined): boolean | string {
  const allowed: Record<SiteStatus, ImportChoice[]> = {
    added: ['apply', 'skip'],
    changed: ['apply', 'skip'],
    unchanged: ['apply', 'skip'],
    conflict: ['take-theirs', 'keep-mine', 'skip'],
    invalid: ['skip'],
  };
  if (choice !== undefined && !allowed[item.status].includes(choice)) {
    return item.status === 'invalid' ? 'is invalid and cannot be applied' : `"${String(choice)}" is not a choice for a site that is ${item.status}`;
  }
  if (item.status === 'conflict') return choice === 'take-theirs';
  if (item.status === 'added' || item.status === 'changed') return choice !== 'skip';
  return false;
}

export interface UndoResult {
  ok: boolean;
  nextState: PackState;
  problems: string[];
}

/**
 * Puts back what the last import changed. A site the user changed again since then is left as it
 * is now (and named), so an undo never throws away later work.
 */
export function undoImport(state: PackState): UndoResult {
  const undo = state.lastImport;
  if (!undo) return { ok: false, nextState: state, problems: ['there is no import to undo'] };
  const problems: string[] = [];
  const restore: [string, SiteSlot][] = [];
  for (const { siteId, before, after } of undo.sites) {
    if (sameData(slotOf(state, siteId), after)) restore.push([siteId, before]);
    else problems.push(`${siteId}: changed since the import; kept as it is now`);
  }
  const { lastImport: _, ...rest } = writeSlots(state, restore);
  return { ok: true, nextState: undo.previous ? { ...rest, lastImport: undo.previous } : rest, problems };
}

function withoutPrevious(undo: ImportUndo): ImportUndo {
  const { previous: _, ...rest } = undo;
  return rest;
}

/** A new state with these sites' slots written; everything else shared with the old one, never mutated. */
function writeSlots(state: PackState, slots: [string, SiteSlot][]): PackState {
  const userRules = { ...state.userRules };
  const importedRules = { ...state.importedRules };
  let disabledSites = [...state.disabledSites];
  for (const [siteId, slot] of slots) {
    if (slot.user) userRules[siteId] = slot.user;
    else delete userRules[siteId];
    if (slot.imported) importedRules[siteId] = slot.imported;
    else delete importedRules[siteId];
    if (slot.disabled && !disabledSites.includes(siteId)) disabledSites.push(siteId);
    if (!slot.disabled) disabledSites = disabledSites.filter((id) => id !== siteId);
  }
  return { ...state, userRules, importedRules, disabledSites };
}
