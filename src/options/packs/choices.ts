/**
 * The import preview as the user answers it: which sites to apply (checkboxes) and, where the user's
 * own edit meets the pack's rule, which one stays. Turned into page:apply-import's choices here, so
 * what is sent is exactly what is on screen. Pure, for unit tests.
 */
import type { ImportChoice, ImportPreview, SitePreview } from '../../shared/packs/merge';
import { problemText } from '../../shared/packs/types';

export type ConflictChoice = 'keep-mine' | 'take-theirs';

export interface Selection {
  /** Added and changed sites: applied or not. */
  apply: Record<string, boolean>;
  /** Conflicts: the user's own rule stays, or the pack's replaces it. */
  conflicts: Record<string, ConflictChoice>;
}

/** Sites a checkbox applies or skips. */
export const isSelectable = (site: SitePreview): boolean => site.status === 'added' || site.status === 'changed';

/** What the preview starts with, the worker's own defaults: new and changed sites on, conflicts keep the user's rule. */
export function defaultSelection(preview: ImportPreview): Selection {
  const selection: Selection = { apply: {}, conflicts: {} };
  for (const site of preview.sites) {
    if (isSelectable(site)) selection.apply[site.siteId] = true;
    if (site.status === 'conflict') selection.conflicts[site.siteId] = 'keep-mine';
  }
  return selection;
}

/** Every selectable site on or off (the "apply all" checkbox); conflicts keep their choice. */
export function selectAll(preview: ImportPreview, selection: Selection, on: boolean): Selection {
  const apply = { ...selection.apply };
  for (const site of preview.sites) if (isSelectable(site)) apply[site.siteId] = on;
  return { ...selection, apply };
}

/** How the "apply all" checkbox shows: checked, unchecked, or mixed. */
export function allState(preview: ImportPreview, selection: Selection): 'all' | 'none' | 'some' {
  const ids = preview.sites.filter(isSelectable).map((site) => site.siteId);
  const on = ids.filter((id) => selection.apply[id] === true).length;
  return on === ids.length ? 'all' : on === 0 ? 'none' : 'some';
}

/**
 * The choices sent with page:apply-import: every added, changed and conflicting site says what the
 * user chose; unchanged and invalid sites are left out (the worker writes nothing for them).
 */
export function choicesFor(preview: ImportPreview, selection: Selection): Record<string, ImportChoice> {
  const choices: Record<string, ImportChoice> = {};
  for (const site of preview.sites) {
    if (isSelectable(site)) choices[site.siteId] = selection.apply[site.siteId] === false ? 'skip' : 'apply';
    else if (site.status === 'conflict') choices[site.siteId] = selection.conflicts[site.siteId] === 'take-theirs' ? 'take-theirs' : 'keep-mine';
  }
  return choices;
}

/** The sites an apply with this selection would write to (none: nothing to apply). */
export function sitesToWrite(preview: ImportPreview, selection: Selection): string[] {
  const choices = choicesFor(preview, selection);
  return Object.keys(choices).filter((id) => choices[id] === 'apply' || choices[id] === 'take-theirs');
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
