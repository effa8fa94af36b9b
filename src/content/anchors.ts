/**
 * Most of a site's selectors start from an element that a given part of the page rarely has
 * ("[data-testid=UserCell] … a[href^='/']"), and querySelectorAll tries every selector of a list on
 * every element of a subtree, walking up from each candidate (`div[dir]`, `a[href^="/"]`) in search
 * of that start: on an X feed the one query of the rule's 66 selectors cost more than all the
 * rest of the masking (scripts/bench/selector-cost.ts, issue 17). A selector whose matches all lie
 * inside an element its first compound matches can match nothing in a subtree that has no such
 * element in it or above it. So a subtree is first asked which of those first compounds it has,
 * each by a query that stops at the first found, and then queried with the selectors that can match there only.
 */
import type { CompiledPart } from './compile-rule';
import { closestAbove } from './masker';

/** What one subtree is queried with: a rule's parts, or those of its selectors that can match there. */
export interface Query {
  any: string;
  parts: CompiledPart[];
}

/** The rule's first compounds, the selectors each one gates, and the queries made so far by which compounds a subtree has. */
export interface Anchors {
  /** Each first compound, and all of them as one list (what is looked for above a subtree). */
  list: string[];
  all: string;
  /** For each part, for each of its selectors, the index of its first compound in `list`, or -1: it can match anywhere. */
  of: number[][];
  made: Map<string, Query>;
}

/**
 * The first compounds found above an element, by element: kept by the caller for one observer
 * callback, in which the page changes nothing (the engine's own writes there are marks, texts and
 * the names in labels, which no first compound can depend on: rules name no one). A feed's batch
 * adds its posts to one parent, and the walk from each up to the root (`closest` at every
 * ancestor) was a twentieth of the masking on Facebook's comments.
 */
export type AnchorsAbove = Map<Element, number[]>;

/** The query for the subtree under `top`: the whole rule's when every first compound is in or above it. */
export function queryFor(rule: Query & { anchors: Anchors }, top: Element, above: AnchorsAbove = new Map()): Query {
  const { list, all, of, made } = rule.anchors;
  if (!all) return rule;
  const found = new Set<number>();
  const parent = top.parentElement;
  let up = parent && above.get(parent);
  if (parent && !up) {
    const seen = new Set<number>();
    for (let el = parent.closest(all); el; el = closestAbove(el, all) ?? null) for (let i = 0; i < list.length; i++) if (el.matches(list[i])) seen.add(i);
    above.set(parent, (up = [...seen]));
  }
  for (const i of up ?? []) found.add(i);
  // A query of its own for each, which stops at the first found: one query of them all tried every
  // compound on every element, and then each on every element found (X's fifteen: 86–173 µs a post,
  // 27–42 now; the two builds interleaved in one run, 4 runs of 1,000 posts each).
  for (let i = 0; i < list.length; i++) if (!found.has(i) && (top.matches(list[i]) || top.querySelector(list[i]))) found.add(i);
  if (found.size === list.length) return rule;
  const key = [...found].sort().join();
  let query = made.get(key);
  if (!query) {
    const parts = rule.parts.flatMap((part, p) => {
      const kept = part.list.filter((_, s) => of[p][s] < 0 || found.has(of[p][s]));
      return kept.length ? [{ ...part, selector: kept.join() }] : [];
    });
    made.set(key, (query = { any: parts.map((part) => part.selector).join(), parts }));
  }
  return query;
}
