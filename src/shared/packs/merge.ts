/**
 * Importing a pack in two steps, both pure: a preview that says, site by site, what would change,
 * then an apply that turns the user's choices into the whole next state or nothing, with a record
 * to undo it. A rule the user edited is never overwritten silently: it is a conflict, kept unless
 * the user takes the pack's version. A part that would weaken masking (switching a site off, a rule
 * that drops what the rule in force has) is shown with what it drops and written only when the
 * choice for it says "apply": whoever sends the choices, leaving one out never weakens anything.
 */
import { hostCovers } from '../host-match';
import type { SiteRule } from '../rule/fields';
import type { BuiltInRules } from './pack-schema';
import { sameData } from './same-data';
import { effectiveRule, slotOf, type ImportUndo, type PackState, type SiteSlot } from './state';
import { at, problemText, siteWhere, type PackMeta, type PackProblem, type PackReading } from './types';
import { ruleDrops, type RuleDrop } from './weakening';

export type SiteStatus = 'added' | 'changed' | 'unchanged' | 'invalid' | 'conflict';
export type ImportChoice = 'apply' | 'skip' | 'take-theirs' | 'keep-mine';

export interface SitePreview {
  siteId: string;
  status: SiteStatus;
  /** The rule in force now ("changed"), or the user's own edit ("conflict"). */
  before?: SiteRule;
  /** The pack's rule, when it differs from what is in force. */
  after?: SiteRule;
  /** The pack switches masking off on this site, where it is on now: always a weakening part. */
  switchOff?: boolean;
  /** What the pack's rule drops of `before` (changed and conflict sites): its rule part weakens masking. */
  drops?: RuleDrop[];
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
    const dropped = (before: SiteRule, after: SiteRule) => {
      const drops = ruleDrops(before, after);
      return drops.length ? { drops } : {};
    };
    if (theirs && slot.user && !sameData(slot.user, theirs)) {
      return { siteId, status: 'conflict', before: slot.user, after: theirs, ...switchOff, ...dropped(slot.user, theirs), ...notices, slot };
    }
    if (theirs && !now) return { siteId, status: 'added', after: theirs, ...switchOff, ...notices, slot };
    if (theirs && now && !sameData(now.rule, theirs))
      return { siteId, status: 'changed', before: now.rule, after: theirs, ...switchOff, ...dropped(now.rule, theirs), ...notices, slot };
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

/**
 * One thing an apply can write for a site, chosen under its own key: the pack's rule (under the
 * site's id), and switching the site off (under the site's id when that is all the pack does there,
 * else under switchOffKey). `weakens`: written only when its choice is "apply".
 */
export interface ImportPart {
  key: string;
  kind: 'rule' | 'switch-off';
  weakens: boolean;
}

/** The choice key of a site's switch-off when the pack changes the site's rule too. */
export const switchOffKey = (siteId: string): string => `${siteId}:off`;

/** A site's parts, rule first; none for an invalid or unchanged site. */
export function partsOf(item: SitePreview): ImportPart[] {
  const parts: ImportPart[] = [];
  const rule = item.after !== undefined && (item.status === 'added' || item.status === 'changed' || item.status === 'conflict');
  if (rule) parts.push({ key: item.siteId, kind: 'rule', weakens: (item.drops?.length ?? 0) > 0 });
  if (item.switchOff) parts.push({ key: rule ? switchOffKey(item.siteId) : item.siteId, kind: 'switch-off', weakens: true });
  return parts;
}

export type ApplyResult = { ok: true; nextState: PackState; undo?: ImportUndo; applied: string[] } | { ok: false; nextState: PackState; problems: string[] };

/**
 * The state after the chosen changes, all of them or none: any unusable choice or stale site
 * refuses the whole import and gives back the state untouched. A part without a choice gets the
 * safe default: a new or changed rule is applied unless it drops something of the rule in force,
 * a conflict keeps the user's own rule, a site is never switched off.
 */
export function applyImport(state: PackState, preview: ImportPreview, choices: Readonly<Record<string, ImportChoice>>, now: Date): ApplyResult {
  const refuse = (problems: string[]): ApplyResult => ({ ok: false, nextState: state, problems });
  if (!preview.meta) return refuse(['the pack was refused; nothing to apply', ...preview.problems.map(problemText)]);
  const keys = new Set(preview.sites.flatMap((item) => [item.siteId, ...partsOf(item).map((part) => part.key)]));
  const problems: string[] = [];
  for (const key of Object.keys(choices)) if (!keys.has(key)) problems.push(`${key}: not in this pack`);

  const changes: ImportUndo['sites'] = [];
  for (const item of preview.sites) {
    const choiceOf = (key: string) => (Object.hasOwn(choices, key) ? choices[key] : undefined);
    const allowed = checkChoice(item, choiceOf(item.siteId));
    if (allowed) problems.push(`${item.siteId}: ${allowed}`);
    const written = new Set<ImportPart['kind']>();
    for (const part of partsOf(item)) {
      const choice = choiceOf(part.key);
      if (part.key !== item.siteId && choice !== undefined && choice !== 'apply' && choice !== 'skip') {
        problems.push(`${part.key}: "${String(choice)}" is not a choice for switching a site off`);
      } else if (writes(item, part, choice)) written.add(part.kind);
    }
    if (allowed || !written.size) continue;
    const before = slotOf(state, item.siteId);
    if (!sameData(before, item.slot)) {
      problems.push(`${item.siteId}: changed since the preview; preview the import again`);
      continue;
    }
    const rule = written.has('rule') && item.after;
    const after: SiteSlot = {
      ...(before.user && !(rule && item.status === 'conflict') ? { user: before.user } : {}),
      ...(rule ? { imported: { rule, pack: preview.meta.title, importedAt: now.toISOString() } } : before.imported ? { imported: before.imported } : {}),
      disabled: before.disabled || written.has('switch-off'),
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

/** Why the choice under a site's id cannot be honoured, or undefined when it can. */
function checkChoice(item: SitePreview, choice: ImportChoice | undefined): string | undefined {
  const allowed: Record<SiteStatus, ImportChoice[]> = {
    added: ['apply', 'skip'],
    changed: ['apply', 'skip'],
    unchanged: ['apply', 'skip'],
    conflict: ['take-theirs', 'keep-mine', 'skip'],
    invalid: ['skip'],
  };
  if (choice === undefined || allowed[item.status].includes(choice)) return undefined;
  return item.status === 'invalid' ? 'is invalid and cannot be applied' : `"${String(choice)}" is not a choice for a site that is ${item.status}`;
}

/** Whether a part is written: a conflict's rule when the user takes theirs, a weakening part only on an explicit "apply". */
function writes(item: SitePreview, part: ImportPart, choice: ImportChoice | undefined): boolean {
  if (part.kind === 'rule' && item.status === 'conflict') return choice === 'take-theirs';
  if (part.weakens) return choice === 'apply';
  return choice === undefined || choice === 'apply';
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
