/**
 * The performance targets (PRODUCT.md, Performance; issue 17) and how a measured figure is judged
 * against them: the report's verdict columns, for the real-markup feeds and the demo feed alike.
 */

export const TARGETS = {
  /** Frames in which the paint probe saw an unmasked identity. */
  unmaskedFrames: 0,
  /** Extra script per 1,000 identities (ms): under this, and at most this share of the naive masker's. */
  scriptPer1k: 10,
  naiveShare: 0.5,
  /** The masking's time in one observer callback for one batch (ms): under this, no frame lost. */
  callbackMs: 4,
  /** Main-thread task time above the page alone. */
  taskOverhead: 0.05,
  /** Style and layout time above the pure-CSS floor. */
  styleLayoutOverFloor: 0.1,
  /** How much more a larger feed may cost per 1,000 identities than any smaller one and still count as flat (the round-to-round noise here). */
  growth: 0.3,
} as const;

/** null: not measured (the report leaves the cell empty). */
export type Verdict = boolean | null;

const measured = (...values: number[]) => values.every(Number.isFinite);

export interface Growth {
  flat: Verdict;
  /** The largest rise of a larger size over a smaller one, as a share (0 when none is larger). */
  by: number;
  from: number;
  to: number;
}

/**
 * Cost per identity against size. Growth is a larger feed costing more per identity than a smaller
 * one; a smaller feed costing more (the first calls run before the JIT has optimised them) is not.
 */
export function growth(points: readonly { size: number; cost: number }[]): Growth {
  const series = points.filter((p) => Number.isFinite(p.cost)).sort((a, b) => a.size - b.size);
  let rise = { by: 0, from: series[0]?.size ?? NaN, to: series[0]?.size ?? NaN };
  for (let j = 1; j < series.length; j++) {
    for (let i = 0; i < j; i++) {
      // A smaller size that cost nothing measurable says nothing about growth.
      if (!(series[i].cost > 0)) continue;
      const by = series[j].cost / series[i].cost - 1;
      if (by > rise.by) rise = { by, from: series[i].size, to: series[j].size };
    }
  }
  return { flat: series.length < 2 ? null : rise.by <= TARGETS.growth, ...rise };
}

export interface SiteVerdicts {
  unmaskedFrames: Verdict;
  script: Verdict;
  callback: Verdict;
  task: Verdict;
  styleLayout: Verdict;
  flat: Verdict;
}

export interface JudgedFigures {
  /** Worst round of the probe with the extension (NaN: no probe rounds). */
  unmaskedFrames: number;
  /** ms per 1,000 identities, with − without; the naive masker's the same way (NaN: no naive rounds). */
  scriptPer1k: number;
  naiveScriptPer1k: number;
  /** The longest observer callback of a batch, with − without (ms). */
  callbackMaxMs: number;
  /** (with − without) / without. */
  taskOverhead: number;
  /** (style + layout with) / (style + layout of the floor) − 1. */
  styleLayoutOverFloor: number;
  growth: Growth;
}

export function siteVerdicts(f: JudgedFigures): SiteVerdicts {
  return {
    unmaskedFrames: measured(f.unmaskedFrames) ? f.unmaskedFrames <= TARGETS.unmaskedFrames : null,
    // Without a naive figure only the absolute bound can be judged.
    script: measured(f.scriptPer1k) ? f.scriptPer1k < TARGETS.scriptPer1k && (!measured(f.naiveScriptPer1k) || f.scriptPer1k <= TARGETS.naiveShare * f.naiveScriptPer1k) : null,
    callback: measured(f.callbackMaxMs) ? f.callbackMaxMs < TARGETS.callbackMs : null,
    task: measured(f.taskOverhead) ? f.taskOverhead < TARGETS.taskOverhead : null,
    styleLayout: measured(f.styleLayoutOverFloor) ? f.styleLayoutOverFloor <= TARGETS.styleLayoutOverFloor : null,
    flat: f.growth.flat,
  };
}
