/** Raw results of the real-markup feeds (site-feed.ts), and the per-site figures derived from them, the demo feed's alike. */
import { IDENTITIES_PER_POST } from './feed';
import { median, type Variant } from './lib';
import type { ProfileSummary } from './profile';
import type { Results } from './results';
import { feedFigures } from './results';
import type { SiteFirefoxRound, SiteProbeRound, SiteRun, SiteSegment } from './site-feed';
import { growth, siteVerdicts, type Growth, type SiteVerdicts } from './verdicts';

export interface SiteResults {
  /** Clones per animation frame, and the headline size every variant runs at every round. */
  batch: number;
  headline: number;
  /** Rounds of the headline size, and of the scaling series (with and without only, in the first rounds). */
  rounds: number;
  scalingRounds: number;
  feeds: { id: string; fixture: string; what: string; unit: string; slots: Record<string, number> }[];
  skipped: string[];
  runs: SiteRun[];
  probe: SiteProbeRound[];
  firefox: SiteFirefoxRound[];
  /** Where the content script's time goes on each site's feed (BENCH_ONLY with profile): one profiled headline-size round. */
  profiles?: Record<string, ProfileSummary>;
  /** Probe and Firefox rounds that never ended (site-feed.ts SEGMENT_TIMEOUT_MS): what, where. A timed run says so itself (SiteRun.failed). */
  failures: string[];
}

/** One row of the per-site table: a real-markup feed, or the demo feed. */
export interface SiteRow {
  id: string;
  /** What was inserted and where. */
  what: string;
  /** Rounds of the headline size with the extension. */
  rounds: number;
  units: number;
  /** Identities the extension marked per unit (with, headline size, median). */
  identitiesPerUnit: number;
  /** Probe rounds with the extension: frames with an unmasked identity, per round; the same without (the probe looks). */
  unmaskedWith: number[];
  unmaskedWithout: number[];
  kindsWithout: string[];
  kindsWith: string[];
  /** ms per 1,000 identities, with − without (naive − without), round by round, median. */
  scriptPer1k: number;
  naiveScriptPer1k: number;
  /** The longest and the median observer callback of a batch, with − without, round by round, median (ms); the naive masker's longest the same way. */
  callbackMaxMs: number;
  callbackMedianMs: number;
  naiveCallbackMaxMs: number;
  /** The longest time between two frames of the batches, with − without, round by round, median (ms): what the frames lost, whatever work filled them. */
  frameMaxMs: number;
  /** (task with − without) / without, round by round, median; the naive masker's the same way. */
  taskOverhead: number;
  naiveTaskOverhead: number;
  /** (style + layout with) / (style + layout of the floor) − 1, round by round, median. */
  styleLayoutOverFloor: number;
  /** Extra script per 1,000 identities at each size (the headline size included). */
  scaling: { units: number; scriptPer1k: number; observerPer1k: number }[];
  /** Sizes no run reached: a segment before them took too long (site-feed.ts SEGMENT_WALL_LIMIT_MS). */
  leftOut: number[];
  growth: Growth;
  heapWith: number;
  heapWithout: number;
  firefox: { rounds: number; unmaskedWith: number[]; unmaskedWithout: number[]; callbackMaxMs: number; callbackMedianMs: number; frameMaxMs: number; masked: number } | null;
  verdicts: SiteVerdicts;
}

interface Timed {
  variant: Variant;
  /** The round it ran in (run.ts), when known: a round whose browser died has no figures, and its partner none to pair with. */
  round?: number;
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  page: { batchObservers?: number[]; longestFrame?: number };
}

const max = (values: readonly number[] = []) => (values.length ? Math.max(...values) : NaN);
const sum = (values: readonly number[] = []) => values.reduce((a, b) => a + b, 0);

/**
 * The median over rounds of `of(a, b)`, each round of `a` with the same round of `b` (run.ts runs a
 * round's variants back to back); without round numbers, the n-th of `a` with the n-th of `b`.
 */
export function paired<T extends { variant: string; round?: number }>(rounds: readonly T[], a: string, b: string, of: (x: T, y: T) => number): number {
  const as = rounds.filter((r) => r.variant === a);
  const bs = rounds.filter((r) => r.variant === b);
  return median(
    as.flatMap((x, i) => {
      const partner = x.round === undefined ? bs[i] : bs.find((y) => y.round === x.round);
      return partner ? [of(x, partner)] : [];
    }),
  );
}

/** The longest and the median observer callback of a batch, and the longest frame of the batches, with − without, round by round, median (ms). */
function callbackFigures(rounds: readonly { variant: string; page: { batchObservers?: number[]; longestFrame?: number } }[]) {
  return {
    callbackMaxMs: paired(rounds, 'with', 'without', (w, wo) => max(w.page.batchObservers) - max(wo.page.batchObservers)),
    callbackMedianMs: paired(rounds, 'with', 'without', (w, wo) => median(w.page.batchObservers ?? []) - median(wo.page.batchObservers ?? [])),
    frameMaxMs: paired(rounds, 'with', 'without', (w, wo) => (w.page.longestFrame ?? NaN) - (wo.page.longestFrame ?? NaN)),
  };
}

/** The figures every row has from its timed rounds at one size, `k` thousand identities. */
function timedFigures(rounds: readonly Timed[], k: number) {
  const styleLayout = (r: Timed) => r.styleMs + r.layoutMs;
  return {
    scriptPer1k: paired(rounds, 'with', 'without', (w, wo) => (w.scriptMs - wo.scriptMs) / k),
    naiveScriptPer1k: paired(rounds, 'naive', 'without', (n, wo) => (n.scriptMs - wo.scriptMs) / k),
    ...callbackFigures(rounds),
    naiveCallbackMaxMs: paired(rounds, 'naive', 'without', (n, wo) => max(n.page.batchObservers) - max(wo.page.batchObservers)),
    taskOverhead: paired(rounds, 'with', 'without', (w, wo) => (w.taskMs - wo.taskMs) / wo.taskMs),
    naiveTaskOverhead: paired(rounds, 'naive', 'without', (n, wo) => (n.taskMs - wo.taskMs) / wo.taskMs),
    styleLayoutOverFloor: paired(rounds, 'with', 'floor', (w, f) => styleLayout(w) / styleLayout(f) - 1),
    observerPer1k: paired(rounds, 'with', 'without', (w, wo) => (sum(w.page.batchObservers) - sum(wo.page.batchObservers)) / k),
  };
}

const probeFrames = (rounds: readonly { variant: string; unmaskedFrames: number }[], variant: string) => rounds.filter((r) => r.variant === variant).map((r) => r.unmaskedFrames);
const kindsOf = (rounds: readonly { variant: string; kinds: string[] }[], variant: string) => [...new Set(rounds.filter((r) => r.variant === variant).flatMap((r) => r.kinds))];

/** Firefox's rounds (no CDP metrics there): the probe's frames, the page's own timing of the observer callbacks, identities marked per unit. */
function firefoxFigures<T extends { variant: string; unmaskedFrames: number; page: { batchObservers?: number[]; longestFrame?: number } }>(
  rounds: readonly T[],
  maskedPerUnit: (round: T) => number,
): SiteRow['firefox'] {
  if (!rounds.length) return null;
  return {
    rounds: rounds.filter((f) => f.variant === 'with').length,
    unmaskedWith: probeFrames(rounds, 'with'),
    unmaskedWithout: probeFrames(rounds, 'without'),
    ...callbackFigures(rounds),
    masked: median(rounds.filter((f) => f.variant === 'with').map(maskedPerUnit)),
  };
}

/** The probe saw the clones' people without the extension at least once: it looks where they are. */
export const sees = (unmaskedWithout: readonly number[] = []) => unmaskedWithout.some((frames) => frames > 0);

function judged(row: Omit<SiteRow, 'verdicts'>): SiteRow {
  return {
    ...row,
    verdicts: siteVerdicts({
      // A probe that saw nobody without the extension (the page hides the clones: Reddit's undefined
      // elements wait hidden for their scripts) proves nothing with it: that browser is not judged.
      unmaskedFrames: max([...(sees(row.unmaskedWithout) ? row.unmaskedWith : []), ...(sees(row.firefox?.unmaskedWithout) ? (row.firefox?.unmaskedWith ?? []) : [])]),
      scriptPer1k: row.scriptPer1k,
      naiveScriptPer1k: row.naiveScriptPer1k,
      callbackMaxMs: row.callbackMaxMs,
      taskOverhead: row.taskOverhead,
      styleLayoutOverFloor: row.styleLayoutOverFloor,
      growth: row.growth,
    }),
  };
}

/** A run's segments up to `units`, as one insertion from an empty feed (the headline: its first two). */
function upTo(run: SiteRun, units: number): Timed {
  const segments = run.segments.filter((s) => s.units <= units);
  const total = (pick: (s: SiteSegment) => number) => sum(segments.map(pick));
  return {
    variant: run.variant,
    round: run.round,
    taskMs: total((s) => s.taskMs),
    scriptMs: total((s) => s.scriptMs),
    styleMs: total((s) => s.styleMs),
    layoutMs: total((s) => s.layoutMs),
    page: { batchObservers: segments.flatMap((s) => s.page.batchObservers), longestFrame: max(segments.map((s) => s.page.longestFrame ?? NaN)) },
  };
}

/** Each run's segment that ends at `units`. */
const segmentsAt = (runs: readonly SiteRun[], units: number): (Timed & { measured: number })[] =>
  runs.flatMap((run) => run.segments.filter((s) => s.units === units).map((s) => ({ ...s, variant: run.variant, round: run.round })));

export function siteRows(sites: SiteResults): SiteRow[] {
  return sites.feeds.map((feed) => {
    // A run whose browser died (run.ts survive) has no segment: it is only listed as lost.
    const runs = sites.runs.filter((r) => r.site === feed.id && r.segments.length);
    const withRuns = runs.filter((r) => r.variant === 'with');
    const identitiesPerUnit = median(withRuns.map((r) => r.markedPerUnit));
    const k = (units: number) => (units * identitiesPerUnit) / 1000;
    const sizes = [...new Set(runs.flatMap((r) => r.segments.map((s) => s.units)))].sort((a, b) => a - b);
    // Each size: the cost of its last segment's clones, on a page holding all the others.
    const scaling = sizes.map((units) => {
      const segments = segmentsAt(runs, units);
      const at = timedFigures(segments, k(segments[0]?.measured ?? Number.NaN));
      return { units, scriptPer1k: at.scriptPer1k, observerPer1k: at.observerPer1k };
    });
    const probe = sites.probe.filter((p) => p.site === feed.id);
    // A run that never reached the headline size (it hung: SiteRun.failed) has no headline figure.
    const { observerPer1k: _inScaling, ...figures } = timedFigures(
      runs.filter((run) => run.segments.some((s) => s.units === sites.headline)).map((run) => upTo(run, sites.headline)),
      k(sites.headline),
    );
    return judged({
      id: feed.id,
      what: `${feed.what} (${feed.fixture})`,
      rounds: withRuns.length,
      units: sites.headline,
      identitiesPerUnit,
      unmaskedWith: probeFrames(probe, 'with'),
      unmaskedWithout: probeFrames(probe, 'without'),
      kindsWith: kindsOf(probe, 'with'),
      kindsWithout: kindsOf(probe, 'without'),
      ...figures,
      scaling,
      leftOut: [...new Set(runs.flatMap((r) => r.leftOut ?? []))].sort((a, b) => a - b),
      // Judged on the extra script (main-thread CPU): a stretch's clones are parsed before it is measured
      // (site-feed.ts), so the page's own script in the window is only the appends. The callbacks' wall
      // time grew with the page's own painting while they waited for a core (Zhihu: the page alone took
      // 20.6 s a stretch at 2,000 clones, 5.1 s at 500; the content script's CPU did not grow).
      growth: growth(scaling.map((s) => ({ size: s.units, cost: s.scriptPer1k }))),
      heapWith: median(withRuns.map((r) => r.heapAfter)),
      heapWithout: median(runs.filter((r) => r.variant === 'without').map((r) => r.heapAfter)),
      firefox: firefoxFigures(
        sites.firefox.filter((f) => f.site === feed.id),
        (f) => f.marked / f.units,
      ),
    });
  });
}

/** The demo feed (feed.ts) as one row of the same table: its own variants (no naive masker), its own batch size. */
export function demoRow(r: Results): SiteRow | null {
  const feed = feedFigures(r);
  const at1k = feed.find((f) => f.posts === 1000);
  if (!at1k) return null;
  const rounds = r.feed.filter((f) => f.posts === 1000);
  const { observerPer1k: _inScaling, ...figures } = timedFigures(rounds, (1000 * IDENTITIES_PER_POST) / 1000);
  const scaling = feed.map((f) => ({ units: f.posts, scriptPer1k: f.pairedScriptPer1k, observerPer1k: f.pairedObserverPer1k }));
  return judged({
    id: 'demo feed',
    what: 'a synthetic post (tests/fixtures/bench/feed.js), the demo rule, 50 per frame',
    rounds: at1k.rounds,
    units: 1000,
    identitiesPerUnit: IDENTITIES_PER_POST,
    unmaskedWith: probeFrames(r.probe, 'with'),
    unmaskedWithout: probeFrames(r.probe, 'without'),
    kindsWith: kindsOf(r.probe, 'with'),
    kindsWithout: kindsOf(r.probe, 'without'),
    ...figures,
    scaling,
    leftOut: [],
    growth: growth(scaling.map((s) => ({ size: s.units, cost: s.observerPer1k }))),
    heapWith: at1k.heapAfter.with,
    heapWithout: at1k.heapAfter.without,
    firefox: firefoxFigures(r.firefox?.rounds ?? [], (f) => f.masked / f.posts),
  });
}
