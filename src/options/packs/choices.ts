/**
 * The import preview as the user answers it: which parts to apply (checkboxes: a site's rule, and
 * switching a site off) and, where the user's own edit meets the pack's rule, which one stays.
 * Turned into page:apply-import's choices here, so what is sent is exactly what is on screen. A part
 * that weakens masking starts unticked and is ticked only by its own checkbox. Pure, for unit tests.
 */
import { partsOf, type ImportChoice, type ImportPart, type ImportPreview, type SitePreview } from '../../shared/packs/merge';
import { problemText } from '../../shared/packs/types';
import type { WeakeningField } from '../../shared/packs/weakening';

export type ConflictChoice = 'keep-mine' | 'take-theirs';

export interface Selection {
  /** Parts of added and changed sites, and switch-offs of conflicting ones, by part key: applied or not. */
  apply: Record<string, boolean>;
  /** Conflicts: the user's own rule stays, or the pack's replaces it. */
  conflicts: Record<string, ConflictChoice>;
}

/** Sites whose first checkbox applies or skips them (their rule, or their switch-off when that is all). */
export const isSelectable = (site: SitePreview): boolean => site.status === 'added' || site.status === 'changed';

/** The parts a checkbox answers for: every part of an added or changed site, the switch-off of a conflicting one. */
export const checkboxParts = (site: SitePreview): ImportPart[] =>
  site.status === 'conflict' ? partsOf(site).filter((part) => part.kind === 'switch-off') : isSelectable(site) ? partsOf(site) : [];

const allParts = (preview: ImportPreview) => preview.sites.flatMap(checkboxParts);

/** What the preview starts with, the worker's own defaults: what strengthens masking on, what weakens it off, conflicts keep the user's rule. */
export function defaultSelection(preview: ImportPreview): Selection {
  const selection: Selection = { apply: {}, conflicts: {} };
  for (const part of allParts(preview)) selection.apply[part.key] = !part.weakens;
  for (const site of preview.sites) if (site.status === 'conflict') selection.conflicts[site.siteId] = 'keep-mine';
  return selection;
}

/**
 * The "apply all" checkbox: ticks every part that does not weaken masking, or unticks every part.
 * A weakening part is ticked by its own checkbox only, next to its warning.
 */
export function selectAll(preview: ImportPreview, selection: Selection, on: boolean): Selection {
  const apply = { ...selection.apply };
  for (const part of allParts(preview)) if (!on || !part.weakens) apply[part.key] = on;
  return { ...selection, apply };
}

/** The parts the "apply all" checkbox ticks. */
export const safeParts = (preview: ImportPreview): ImportPart[] => allParts(preview).filter((part) => !part.weakens);

/** How the "apply all" checkbox shows: checked, unchecked, or mixed (over the parts it ticks). */
export function allState(preview: ImportPreview, selection: Selection): 'all' | 'none' | 'some' {
  const keys = safeParts(preview).map((part) => part.key);
  const on = keys.filter((key) => selection.apply[key] === true).length;
  return on === keys.length ? 'all' : on === 0 ? 'none' : 'some';
}

/**
 * The choices sent with page:apply-import: every part of an added, changed and conflicting site
 * says what the user chose, "apply" only where its checkbox is ticked; unchanged and invalid sites
 * are left out (the worker writes nothing for them).
 */
export function choicesFor(preview: ImportPreview, selection: Selection): Record<string, ImportChoice> {
  const choices: Record<string, ImportChoice> = {};
  for (const site of preview.sites) {
    if (site.status === 'conflict') choices[site.siteId] = selection.conflicts[site.siteId] === 'take-theirs' ? 'take-theirs' : 'keep-mine';
    for (const part of checkboxParts(site)) choices[part.key] = selection.apply[part.key] === true ? 'apply' : 'skip';
  }
  return choices;
}

/** The sites an apply with this selection would write to (none: nothing to apply). */
export function sitesToWrite(preview: ImportPreview, selection: Selection): string[] {
  const choices = choicesFor(preview, selection);
  const written = (site: SitePreview) => partsOf(site).some((part) => choices[part.key] === 'apply' || choices[part.key] === 'take-theirs');
  return preview.sites.filter(written).map((site) => site.siteId);
}

/** What a site's part would weaken, for its warning: switched off, or so many items of a field dropped. */
export type Warning = { kind: 'switch-off' } | { kind: 'drops'; field: WeakeningField; count: number };

/** The warnings of a site's rule part (what it drops) or of its switch-off. */
export function warningsFor(site: SitePreview, kind: ImportPart['kind']): Warning[] {
  if (kind === 'switch-off') return site.switchOff ? [{ kind: 'switch-off' }] : [];
  return (site.drops ?? []).map((drop) => ({ kind: 'drops', field: drop.field, count: drop.items.length }));
}

/**
 * Problems that belong to no one site, as "where: message" lines: the reasons a refused pack was
 * refused (then every problem), or errors and notices about the pack itself.
 */
export function packProblems(preview: ImportPreview): { refused: boolean; errors: string[]; notices: string[] } {
  const refused = !preview.meta;
  const own = refused ? preview.problems : preview.problems.filter((problem) => problem.siteId === undefined);
  return {
    refused,
    errors: own.filter((problem) => problem.severity === 'error').map(problemText),
    notices: own.filter((problem) => problem.severity === 'notice').map(problemText),
  };
}

/** A site's name: the pack's rule's, the rule in force's, a built-in site's (`known`, by id), or its id. */
export const siteName = (site: SitePreview, known: Readonly<Record<string, string>> = {}): string =>
  site.after?.name || site.before?.name || (Object.hasOwn(known, site.siteId) ? known[site.siteId] : '') || site.siteId;
