/** Raw results of one `npm run bench`, and the figures derived from them. */
import type { FeedRound, ProbeRound } from './feed';
import type { FirefoxRound } from './firefox';
import { IDENTITIES_PER_POST } from './feed';
import { median, spread, type Machine, type Variant } from './lib';
import type { BundleSize, PopupRound, WorkerRound } from './extension';
import type { PageRound } from './pages';
import type { ProfileSummary } from './profile';
import type { SiteResults } from './site-results';
import type { SpaRound } from './spa';

export interface Results {
  machine: Machine;
  /** How busy the machine was: CPU share busy just before the start (after waiting up to BENCH_WAIT_QUIET), 1-minute load averages. */
  load: { busyBefore: number; waitedS: number; loadAverageStart: number; loadAverageEnd: number };
  extensionVersion: string;
  /** The sources measured: `git describe --always --dirty` where the bench ran (a MOMO_DIST build is of the same tree). */
  commit?: string;
  rounds: number;
  /** CDP Performance time domain: 'threadTicks' (main-thread CPU time) or 'timeTicks' (wall time). */
  timeDomain: string;
  sizes: number[];
  durationS: number;
  bundle: BundleSize[];
  feed: FeedRound[];
  probe: ProbeRound[];
  profile: ProfileSummary | null;
  pages: PageRound[];
  pagesSkipped: string[];
  spa: SpaRound[];
  popup: PopupRound[];
  worker: WorkerRound[];
  /** The feed in Firefox ESR (scripts/bench/firefox.ts); absent from older raw results. */
  firefox?: { version: string; rounds: FirefoxRound[] };
  /** The real-markup feeds (site-feed.ts); absent from older raw results. */
  sites?: SiteResults;
}

export interface FeedFigures {
  posts: number;
  identities: number;
  rounds: number;
  task: Record<FeedVariant, number>;
  taskSpread: Record<FeedVariant, { min: number; max: number }>;
  script: Record<FeedVariant, number>;
  layout: Record<FeedVariant, number>;
  style: Record<FeedVariant, number>;
  observers: Record<FeedVariant, number>;
  wall: Record<FeedVariant, number>;
  heapAfter: Record<FeedVariant, number>;
  masked: number;
  /** (task with − task without) / task without, of the medians. */
  overhead: number;
  /** The median of the same ratio taken round by round (with and without of the same round). */
  pairedOverhead: number;
  floorOverhead: number;
  /** Per 1,000 identities, ms: from the medians of with and without. */
  extraScriptPer1k: number;
  /** The same, round by round (with − without of the same round), median. */
  pairedScriptPer1k: number;
  /** Wall time in the page's MutationObserver callbacks (the masking itself), with − without per 1,000 identities, round by round, median. */
  pairedObserverPer1k: number;
  extraTaskPer1k: number;
  observerPer1k: number;
}

/** The demo feed's variants (the naive masker runs on the real-markup feeds only). */
export type FeedVariant = Exclude<Variant, 'naive'>;
const VARIANTS: FeedVariant[] = ['with', 'without', 'floor'];

function byVariant(rounds: FeedRound[], pick: (r: FeedRound) => number): Record<FeedVariant, number> {
  return Object.fromEntries(VARIANTS.map((v) => [v, median(rounds.filter((r) => r.variant === v).map(pick))])) as Record<FeedVariant, number>;
}

/** The median over rounds of `of(with, without)`, with and without of the same round (run.ts runs them back to back). */
function paired(rounds: FeedRound[], of: (w: FeedRound, wo: FeedRound) => number): number {
  const withs = rounds.filter((r) => r.variant === 'with');
  const withouts = rounds.filter((r) => r.variant === 'without');
  return median(withs.slice(0, withouts.length).map((w, i) => of(w, withouts[i])));
}

export function feedFigures(results: Results): FeedFigures[] {
  return results.sizes
    .map((posts) => {
      const rounds = results.feed.filter((r) => r.posts === posts);
      if (!rounds.length) return null;
      const k = (posts * IDENTITIES_PER_POST) / 1000;
      const task = byVariant(rounds, (r) => r.taskMs);
      const script = byVariant(rounds, (r) => r.scriptMs);
      const observers = byVariant(rounds, (r) => r.page.observers);
      return {
        posts,
        identities: posts * IDENTITIES_PER_POST,
        rounds: rounds.filter((r) => r.variant === 'with').length,
        task,
        taskSpread: Object.fromEntries(VARIANTS.map((v) => [v, spread(rounds.filter((r) => r.variant === v).map((r) => r.taskMs))])) as Record<
          FeedVariant,
          { min: number; max: number }
        >,
        script,
        layout: byVariant(rounds, (r) => r.layoutMs),
        style: byVariant(rounds, (r) => r.styleMs),
        observers,
        wall: byVariant(rounds, (r) => r.page.wall),
        heapAfter: byVariant(rounds, (r) => r.heapAfter),
        masked: median(rounds.filter((r) => r.variant === 'with').map((r) => r.masked)),
        overhead: (task.with - task.without) / task.without,
        pairedOverhead: paired(rounds, (w, wo) => (w.taskMs - wo.taskMs) / wo.taskMs),
        floorOverhead: (task.floor - task.without) / task.without,
        extraScriptPer1k: (script.with - script.without) / k,
        pairedScriptPer1k: paired(rounds, (w, wo) => (w.scriptMs - wo.scriptMs) / k),
        pairedObserverPer1k: paired(rounds, (w, wo) => (w.page.observers - wo.page.observers) / k),
        extraTaskPer1k: (task.with - task.without) / k,
        observerPer1k: (observers.with - observers.without) / k,
      };
    })
    .filter((f): f is FeedFigures => f !== null);
}

export interface PageFigures {
  id: string;
  marked: number;
  load: { with: number; without: number };
  task: { with: number; without: number };
  script: { with: number; without: number };
  overhead: number;
}

export function pageFigures(results: Results): PageFigures[] {
  const ids = [...new Set(results.pages.map((p) => p.id))];
  return ids.map((id) => {
    const rounds = results.pages.filter((p) => p.id === id);
    const m = (variant: 'with' | 'without', pick: (r: PageRound) => number) => median(rounds.filter((r) => r.variant === variant).map(pick));
    const task = { with: m('with', (r) => r.taskMs), without: m('without', (r) => r.taskMs) };
    return {
      id,
      marked: m('with', (r) => r.marked),
      load: { with: m('with', (r) => r.loadMs), without: m('without', (r) => r.loadMs) },
      task,
      script: { with: m('with', (r) => r.scriptMs), without: m('without', (r) => r.scriptMs) },
      overhead: (task.with - task.without) / task.without,
    };
  });
}

export function spaFigures(results: Results) {
  const m = (variant: 'with' | 'without', pick: (r: SpaRound) => number) => median(results.spa.filter((r) => r.variant === variant).map(pick));
  const navigations = results.spa[0]?.navigations ?? 0;
  const task = { with: m('with', (r) => r.taskMs), without: m('without', (r) => r.taskMs) };
  const script = { with: m('with', (r) => r.scriptMs), without: m('without', (r) => r.scriptMs) };
  return {
    rounds: results.spa.filter((r) => r.variant === 'with').length,
    navigations,
    task,
    script,
    posts: m('with', (r) => r.posts),
    overhead: (task.with - task.without) / task.without,
    extraTaskPerNavigation: (task.with - task.without) / navigations,
    extraScriptPerNavigation: (script.with - script.without) / navigations,
    unmaskedFramesWith: results.spa.filter((r) => r.variant === 'with').map((r) => r.unmaskedFrames),
    unmaskedFramesWithout: results.spa.filter((r) => r.variant === 'without').map((r) => r.unmaskedFrames),
    probeLogFullWithout: results.spa.some((r) => r.variant === 'without' && r.probeLogFull),
    frames: m('with', (r) => r.frames),
  };
}
